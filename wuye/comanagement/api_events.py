"""API: the regulator's events (1.8, 3.6, 3.8); recorded by regulators only."""

from wuye.comanagement.api_common import ComanagementViewSet, filterset
from wuye.comanagement.models import RegulatorEvent
from wuye.comanagement.serializers_events import RegulatorEventSerializer


class RegulatorEventViewSet(ComanagementViewSet):
    """Events a regulator recorded against an enterprise (上访、纠纷、判决、恶性事件、负面报道、劳动争议)."""

    serializer_class = RegulatorEventSerializer
    filterset_class = filterset(
        RegulatorEvent, ["enterprise", "project", "kind"], ["occurred_on"], division="enterprise__division"
    )
    search_fields = ["source", "description"]
    select_related = ("enterprise", "project")
    http_method_names = ["get", "post", "head", "options"]  # an event is recorded, not edited


def register(router) -> None:
    router.register("regulator-events", RegulatorEventViewSet, basename="regulator-event")
