"""Demo regulator events (filled in by the part)."""


def build_events(region, seed: int) -> None:
    pass
