"""Clause 2.5: commercial uses and changes of use of common parts, the owners' votes authorising them, and their income."""

__all__: list[str] = []
