"""Clause 2.6: parking spaces, leases, rent payments and transfers; above-ground spaces are never sold and are let by the year."""

__all__: list[str] = []
