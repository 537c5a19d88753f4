"""The safety duties through the API: power rooms (kept like the registry), rounds (append-only), defects."""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from rest_framework import mixins, viewsets

from wuye.core.api import ScopedQuerysetMixin, ScopedReadOnlyViewSet, ScopedViewSet
from wuye.core.filters import DivisionPrefixFilter, IdFilter, ScopedFilterSet, UtcDateTimeFilter
from wuye.safety.models import Defect, PowerRoom, PowerRound
from wuye.safety.serializers import DefectSerializer, PowerRoomSerializer, PowerRoundSerializer


class PowerRoomFilter(ScopedFilterSet):
    division = DivisionPrefixFilter(field_name="project__division", label=_("项目所在区划（含下级）"))

    class Meta:
        model = PowerRoom
        fields = ["project", "division", "active"]


class PowerRoomViewSet(ScopedViewSet):
    """Power distribution rooms (配电室) of projects, with the supplies a round reports on."""

    serializer_class = PowerRoomSerializer
    filterset_class = PowerRoomFilter
    search_fields = ["name", "location"]
    ordering_fields = ["name", "in_service_from"]
    select_related = ("project",)


class PowerRoundFilter(ScopedFilterSet):
    project = IdFilter(field_name="power_room__project", label=_("项目"))
    occurred_after = UtcDateTimeFilter(field_name="occurred_at", lookup_expr="gte", label=_("巡视时间不早于"))
    occurred_before = UtcDateTimeFilter(field_name="occurred_at", lookup_expr="lt", label=_("巡视时间早于"))

    class Meta:
        model = PowerRound
        fields = ["power_room", "project", "backfilled", "occurred_after", "occurred_before"]


class PowerRoundViewSet(
    ScopedQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Hourly power room rounds (配电室巡视): evidence, so list, read and record only — never changed.

    A new round is stamped by the server (``recorded_at`` from its clock, whatever the client sends)
    and chained; its problems open a defect.
    """

    serializer_class = PowerRoundSerializer
    filterset_class = PowerRoundFilter
    ordering_fields = ["occurred_at", "recorded_at"]
    ordering = ["-occurred_at"]


class DefectFilter(ScopedFilterSet):
    open = filters.BooleanFilter(field_name="fixed_at", lookup_expr="isnull", label=_("未处理"))

    class Meta:
        model = Defect
        fields = ["project", "check_id", "open"]


class DefectViewSet(ScopedReadOnlyViewSet):
    """Defects (隐患) the records reported, with their fix deadlines; closed by a fix record."""

    serializer_class = DefectSerializer
    filterset_class = DefectFilter
    ordering_fields = ["found_at", "deadline"]


def register(router):
    router.register("power-rooms", PowerRoomViewSet, basename="power-room")
    router.register("power-rounds", PowerRoundViewSet, basename="power-round")
    router.register("defects", DefectViewSet, basename="defect")
