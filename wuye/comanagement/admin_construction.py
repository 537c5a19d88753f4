"""Admin pages of the construction part."""
