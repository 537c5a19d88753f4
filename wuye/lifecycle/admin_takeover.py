"""Admin pages of the takeover part."""
