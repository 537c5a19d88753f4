"""API: animal notices, the pet register and unauthorised animals (5.2)."""

from wuye.comanagement.api_common import ComanagementViewSet, filterset
from wuye.comanagement.models import AnimalNotice, Pet, UnauthorisedAnimal
from wuye.comanagement.serializers_animals import (
    AnimalNoticeSerializer,
    PetSerializer,
    UnauthorisedAnimalSerializer,
)


class AnimalNoticeViewSet(ComanagementViewSet):
    """Yearly notices to owners about keeping animals (饲养动物告知)."""

    serializer_class = AnimalNoticeSerializer
    filterset_class = filterset(AnimalNotice, ["project"], ["given_on"])


class PetViewSet(ComanagementViewSet):
    """The pet register (宠物登记): kind, dog licence number, rabies vaccination."""

    serializer_class = PetSerializer
    filterset_class = filterset(Pet, ["project", "household", "kind"], ["recorded_on"])
    search_fields = ["licence_number", "description"]
    select_related = ("household",)


class UnauthorisedAnimalViewSet(ComanagementViewSet):
    """Unauthorised poultry, livestock and other animals (擅自饲养) and their reports."""

    serializer_class = UnauthorisedAnimalSerializer
    filterset_class = filterset(UnauthorisedAnimal, ["project", "kind"], ["found_at"])
    search_fields = ["description"]


def register(router) -> None:
    router.register("animal-notices", AnimalNoticeViewSet, basename="animal-notice")
    router.register("pets", PetViewSet, basename="pet")
    router.register("unauthorised-animals", UnauthorisedAnimalViewSet, basename="unauthorised-animal")
