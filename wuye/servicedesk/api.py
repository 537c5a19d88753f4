"""The service desk through the API: each part's module registers its viewsets."""

from wuye.servicedesk import api_centres, api_surveys, api_tickets


def register(router) -> None:
    api_centres.register(router)
    api_tickets.register(router)
    api_surveys.register(router)
