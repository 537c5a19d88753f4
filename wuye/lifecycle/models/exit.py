"""Models of the exit part (filled in by the part)."""

__all__: list[str] = []
