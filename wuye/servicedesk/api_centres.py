"""API: centres."""


def register(router) -> None:
    pass
