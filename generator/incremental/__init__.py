"""Incremental builds: the cache, and what an in-place update must redo."""
