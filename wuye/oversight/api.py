"""oversight through the API: each part's module registers its viewsets."""

from wuye.oversight import api_credit


def register(router) -> None:
    api_credit.register(router)
