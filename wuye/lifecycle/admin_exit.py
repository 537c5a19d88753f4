"""Admin pages of the exit part."""
