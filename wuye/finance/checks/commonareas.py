"""Checks of commonareas (filled in by the part)."""
