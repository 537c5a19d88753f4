"""Admin pages of money records."""
