"""Money through the API: each part's module registers its viewsets."""

from wuye.finance import api_commonareas, api_fees, api_parking, api_statements


def register(router) -> None:
    api_fees.register(router)
    api_statements.register(router)
    api_commonareas.register(router)
    api_parking.register(router)
