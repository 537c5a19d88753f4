"""Models of the construction part (filled in by the part)."""

__all__: list[str] = []
