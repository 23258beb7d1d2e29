"""Parse stage: Source -> RawCable (placeholder until the rules land)."""
