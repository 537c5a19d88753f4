"""API: animals."""


def register(router) -> None:
    pass
