"""Checks: fees."""
