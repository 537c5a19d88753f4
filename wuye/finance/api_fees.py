"""API: fees."""


def register(router) -> None:
    pass
