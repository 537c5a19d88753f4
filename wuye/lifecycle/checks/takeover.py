"""Checks of the takeover part (filled in by the part)."""
