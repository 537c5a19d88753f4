"""oversight through the API: each part's module registers its viewsets."""

from wuye.oversight import api_credit, api_orders, api_parameters


def register(router) -> None:
    api_credit.register(router)
    api_orders.register(router)
    api_parameters.register(router)
