"""API: takeover."""


def register(router) -> None:
    pass
