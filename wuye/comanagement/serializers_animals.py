"""API shapes of the animals part (5.2): notices, the pet register, unauthorised animals; the models'
validation (a household outside the project, a licence for a cat) answers as field errors."""

from wuye.comanagement.models import AnimalNotice, Pet, UnauthorisedAnimal
from wuye.core.api import ScopedModelSerializer


class AnimalNoticeSerializer(ScopedModelSerializer):
    class Meta:
        model = AnimalNotice
        fields = ["id", "project", "given_on", "content"]


class PetSerializer(ScopedModelSerializer):
    class Meta:
        model = Pet
        fields = [
            "id",
            "project",
            "household",
            "kind",
            "description",
            "recorded_on",
            "licence_number",
            "rabies_vaccinated_on",
            "urged_on",
            "gone_on",
        ]


class UnauthorisedAnimalSerializer(ScopedModelSerializer):
    class Meta:
        model = UnauthorisedAnimal
        fields = ["id", "project", "household", "kind", "description", "found_at", "reported_at", "authority"]
