"""Admin pages of parking."""
