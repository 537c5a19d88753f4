"""API: parking."""


def register(router) -> None:
    pass
