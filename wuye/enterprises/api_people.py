"""API: people."""


def register(router) -> None:
    pass
