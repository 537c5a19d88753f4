"""API: tickets."""


def register(router) -> None:
    pass
