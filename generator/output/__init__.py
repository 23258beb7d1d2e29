"""Output: the staging folder, in-place patches and the atomic swap."""
