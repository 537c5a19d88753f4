"""Checks: tickets."""
