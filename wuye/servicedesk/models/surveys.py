"""surveys."""

__all__: list[str] = []
