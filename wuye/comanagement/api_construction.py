"""API: illegal construction cases (5.1); read where ``visible_to`` lets, opened by the company (others
who read: 403; the unseen: 404)."""

from wuye.comanagement.api_common import ComanagementViewSet, filterset
from wuye.comanagement.models import ConstructionCase
from wuye.comanagement.serializers_construction import ConstructionCaseSerializer


class ConstructionCaseViewSet(ComanagementViewSet):
    """Illegal construction cases (私搭乱建): found, warned, reported, answered, closed."""

    serializer_class = ConstructionCaseSerializer
    filterset_class = filterset(ConstructionCase, ["project", "household", "status"], ["found_at"])
    search_fields = ["what", "authority"]
    select_related = ("project", "household")


def register(router) -> None:
    router.register("construction-cases", ConstructionCaseViewSet, basename="construction-case")
