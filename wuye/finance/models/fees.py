"""fees."""

__all__: list[str] = []
