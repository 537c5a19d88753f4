"""Admin pages of the animals part."""
