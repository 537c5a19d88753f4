"""API: commonareas."""


def register(router) -> None:
    pass
