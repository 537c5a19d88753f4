"""Checks of parking (filled in by the part)."""
