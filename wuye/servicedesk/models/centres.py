"""centres."""

__all__: list[str] = []
