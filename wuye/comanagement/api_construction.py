"""API: construction."""


def register(router) -> None:
    pass
