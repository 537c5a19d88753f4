"""Checks of the animals part (filled in by the part)."""
