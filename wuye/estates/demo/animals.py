"""Demo animals (filled in by the part)."""


def build_animals(region, seed: int) -> None:
    pass
