"""Reading the inputs: content files by shape -> Source."""
