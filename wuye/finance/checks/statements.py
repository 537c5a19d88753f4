"""Checks: statements."""
