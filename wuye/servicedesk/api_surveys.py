"""API: surveys."""


def register(router) -> None:
    pass
