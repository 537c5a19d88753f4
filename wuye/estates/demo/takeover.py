"""Demo takeover (filled in by the part)."""


def build_takeover(region, seed: int) -> None:
    pass
