"""API: exit."""


def register(router) -> None:
    pass
