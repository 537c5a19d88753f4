"""Checks: surveys."""
