"""The safety duties through the API: power rooms (kept like the registry), rounds (append-only), defects."""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from rest_framework import mixins, viewsets

from wuye.core.api import ScopedQuerysetMixin, ScopedReadOnlyViewSet, ScopedViewSet
from wuye.core.filters import DivisionPrefixFilter, IdFilter, ScopedFilterSet, UtcDateTimeFilter
from wuye.safety.models import (
    Camera,
    CameraCheck,
    Defect,
    DutyShift,
    Entrance,
    PatrolCheckIn,
    PatrolRound,
    PatrolRoute,
    PowerRoom,
    PowerRound,
)
from wuye.safety.serializers import (
    CameraCheckSerializer,
    CameraSerializer,
    DefectSerializer,
    DutyShiftSerializer,
    EntranceSerializer,
    PatrolCheckInSerializer,
    PatrolPointSerializer,
    PatrolRoundSerializer,
    PatrolRouteSerializer,
    PowerRoomSerializer,
    PowerRoundSerializer,
)


def time_range(field: str, after: str, before: str):
    """Two filters on a time field, ``>= after`` and ``< before``, offsets turned into UTC first."""
    return (
        UtcDateTimeFilter(field_name=field, lookup_expr="gte", label=after),
        UtcDateTimeFilter(field_name=field, lookup_expr="lt", label=before),
    )


class AppendOnlyViewSet(
    ScopedQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """List, read and add through the API; never changed or deleted there (evidence, the roster)."""


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
    occurred_after, occurred_before = time_range("occurred_at", _("巡视时间不早于"), _("巡视时间早于"))

    class Meta:
        model = PowerRound
        fields = ["power_room", "project", "backfilled", "occurred_after", "occurred_before"]


class PowerRoundViewSet(AppendOnlyViewSet):
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


# -- clause 4.1 ----------------------------------------------------------------------------------------


class ProjectRegistryFilter(ScopedFilterSet):
    division = DivisionPrefixFilter(field_name="project__division", label=_("项目所在区划（含下级）"))


class EntranceFilter(ProjectRegistryFilter):
    class Meta:
        model = Entrance
        fields = ["project", "division", "active"]


class EntranceViewSet(ScopedViewSet):
    """Entrances (出入口) of projects, staffed day and night (clause 4.1)."""

    serializer_class = EntranceSerializer
    filterset_class = EntranceFilter
    search_fields = ["name", "location"]
    ordering_fields = ["name", "in_service_from"]
    select_related = ("project",)


class DutyShiftFilter(ScopedFilterSet):
    project = IdFilter(field_name="entrance__project", label=_("项目"))
    starts_after, starts_before = time_range("starts_at", _("开始时间不早于"), _("开始时间早于"))

    class Meta:
        model = DutyShift
        fields = ["entrance", "project", "starts_after", "starts_before"]


class DutyShiftViewSet(AppendOnlyViewSet):
    """The entrance roster (排班): shifts are added ahead (``repeat_days`` repeats one daily); a shift that
    has ended cannot be added, and the past is never changed here."""

    serializer_class = DutyShiftSerializer
    filterset_class = DutyShiftFilter
    ordering_fields = ["starts_at"]
    ordering = ["starts_at"]


class PatrolRouteFilter(ProjectRegistryFilter):
    class Meta:
        model = PatrolRoute
        fields = ["project", "division", "active"]


class PatrolRouteViewSet(ScopedViewSet):
    """Patrol routes (巡更路线): the points a round must pass, every 2 hours around the clock."""

    serializer_class = PatrolRouteSerializer
    filterset_class = PatrolRouteFilter
    search_fields = ["name"]
    ordering_fields = ["name", "in_service_from"]
    select_related = ("project",)


class PatrolPointViewSet(ScopedViewSet):
    """Patrol points (巡更点) with their sticker's key version (rotated on the route's page)."""

    serializer_class = PatrolPointSerializer
    filterset_fields = ["route", "active"]
    search_fields = ["name"]
    ordering_fields = ["order", "name"]


class PatrolRoundFilter(ScopedFilterSet):
    project = IdFilter(field_name="route__project", label=_("项目"))
    complete = filters.BooleanFilter(
        field_name="completed_at", lookup_expr="isnull", exclude=True, label=_("完整")
    )
    occurred_after, occurred_before = time_range("occurred_at", _("开始时间不早于"), _("开始时间早于"))

    class Meta:
        model = PatrolRound
        fields = ["route", "project", "complete", "occurred_after", "occurred_before"]


class PatrolRoundViewSet(ScopedReadOnlyViewSet):
    """Patrol rounds (巡更轮次), made by the check-ins: complete when every point is checked in within the
    round window of the first."""

    serializer_class = PatrolRoundSerializer
    filterset_class = PatrolRoundFilter
    ordering_fields = ["occurred_at", "completed_at"]
    ordering = ["-occurred_at"]


class PatrolCheckInFilter(ScopedFilterSet):
    route = IdFilter(field_name="point__route", label=_("巡更路线"))
    occurred_after, occurred_before = time_range("occurred_at", _("签到时间不早于"), _("签到时间早于"))

    class Meta:
        model = PatrolCheckIn
        fields = ["point", "route", "patrol_round", "far_from_point", "occurred_after", "occurred_before"]


class PatrolCheckInViewSet(AppendOnlyViewSet):
    """Patrol check-ins (巡更签到): post a sticker's ``token`` (and the phone's location where known).
    The time is the server's; a request that sends ``occurred_at`` is refused."""

    serializer_class = PatrolCheckInSerializer
    filterset_class = PatrolCheckInFilter
    ordering_fields = ["occurred_at"]
    ordering = ["-occurred_at"]


class CameraFilter(ProjectRegistryFilter):
    class Meta:
        model = Camera
        fields = ["project", "division", "active"]


class CameraViewSet(ScopedViewSet):
    """CCTV cameras (监控摄像机) of projects."""

    serializer_class = CameraSerializer
    filterset_class = CameraFilter
    search_fields = ["name", "location"]
    ordering_fields = ["name", "in_service_from"]
    select_related = ("project",)


class CameraCheckFilter(ScopedFilterSet):
    project = IdFilter(field_name="camera__project", label=_("项目"))
    occurred_after, occurred_before = time_range("occurred_at", _("检查时间不早于"), _("检查时间早于"))

    class Meta:
        model = CameraCheck
        fields = ["camera", "project", "working", "occurred_after", "occurred_before"]


class CameraCheckViewSet(AppendOnlyViewSet):
    """Camera status checks (监控检查): evidence; an outage runs from a faulty check to the next working one."""

    serializer_class = CameraCheckSerializer
    filterset_class = CameraCheckFilter
    ordering_fields = ["occurred_at"]
    ordering = ["-occurred_at"]


def register(router):
    from wuye.safety import api_elevators, api_fire, api_plans, api_water

    for module in (api_elevators, api_fire, api_water, api_plans):
        module.register(router)
    router.register("power-rooms", PowerRoomViewSet, basename="power-room")
    router.register("power-rounds", PowerRoundViewSet, basename="power-round")
    router.register("defects", DefectViewSet, basename="defect")
    router.register("entrances", EntranceViewSet, basename="entrance")
    router.register("duty-shifts", DutyShiftViewSet, basename="duty-shift")
    router.register("patrol-routes", PatrolRouteViewSet, basename="patrol-route")
    router.register("patrol-points", PatrolPointViewSet, basename="patrol-point")
    router.register("patrol-rounds", PatrolRoundViewSet, basename="patrol-round")
    router.register("patrol-check-ins", PatrolCheckInViewSet, basename="patrol-check-in")
    router.register("cameras", CameraViewSet, basename="camera")
    router.register("camera-checks", CameraCheckViewSet, basename="camera-check")
