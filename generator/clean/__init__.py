"""Clean stage: RawCable -> Cable (placeholder until the rules land)."""
