"""Linking: cable metadata -> Corpus, the cross-reference indexes."""
