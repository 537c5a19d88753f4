"""The compliance engine: the code of conduct as data (catalogue), later checks, findings and scores."""
