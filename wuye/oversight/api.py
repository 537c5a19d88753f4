"""oversight through the API: each part's module registers its viewsets."""


def register(router) -> None:
    pass
