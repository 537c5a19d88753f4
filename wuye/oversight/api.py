"""oversight through the API: each part's module registers its viewsets."""

from wuye.oversight import api_orders


def register(router) -> None:
    api_orders.register(router)
