"""Search: the Pagefind index in shards, its input, and the offline lookup."""
