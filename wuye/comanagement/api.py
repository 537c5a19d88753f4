"""comanagement through the API: each part's module registers its viewsets."""

from wuye.comanagement import api_animals, api_construction, api_events


def register(router) -> None:
    api_construction.register(router)
    api_animals.register(router)
    api_events.register(router)
