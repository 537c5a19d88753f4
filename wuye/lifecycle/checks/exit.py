"""Checks of the exit part (filled in by the part)."""
