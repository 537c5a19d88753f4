"""Checks: centres."""
