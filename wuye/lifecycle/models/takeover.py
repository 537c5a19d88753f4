"""Models of the takeover part (filled in by the part)."""

__all__: list[str] = []
