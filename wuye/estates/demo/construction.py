"""Demo construction (filled in by the part)."""


def build_construction(region, seed: int) -> None:
    pass
