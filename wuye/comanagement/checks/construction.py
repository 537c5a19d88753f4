"""Checks of the construction part (filled in by the part)."""
