"""tickets."""

__all__: list[str] = []
