"""lifecycle through the API: each part's module registers its viewsets."""

from wuye.lifecycle import api_exit, api_takeover


def register(router) -> None:
    api_takeover.register(router)
    api_exit.register(router)
