"""Demo people (filled in by the part)."""


def build_people(region, seed: int) -> None:
    pass
