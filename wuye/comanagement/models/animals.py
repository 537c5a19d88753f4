"""Models of the animals part (filled in by the part)."""

__all__: list[str] = []
