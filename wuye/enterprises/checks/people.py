"""Checks of the people part (filled in by the part)."""
