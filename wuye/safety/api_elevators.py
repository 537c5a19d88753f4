"""API of 4.2 elevators: the register (kept like the other assets) and its records (append-only)."""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser

from wuye.core.api import ScopedViewSet
from wuye.core.filters import DivisionPrefixFilter, IdFilter, ScopedFilterSet
from wuye.safety.api import AppendOnlyViewSet, time_range
from wuye.safety.models import Breakdown, Elevator, ElevatorInspection, ElevatorLabelCheck, MaintenanceVisit
from wuye.safety.serializers_elevators import (
    BreakdownSerializer,
    ElevatorInspectionSerializer,
    ElevatorLabelCheckSerializer,
    ElevatorSerializer,
    MaintenanceVisitSerializer,
)


class ElevatorFilter(ScopedFilterSet):
    division = DivisionPrefixFilter(field_name="project__division", label=_("项目所在区划（含下级）"))
    unregistered = filters.BooleanFilter(method="without_code", label=_("无登记编号"))

    class Meta:
        model = Elevator
        fields = ["project", "building", "division", "kind", "active", "unregistered"]

    def without_code(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(registration_code="") if value else queryset.exclude(registration_code="")


class ElevatorViewSet(ScopedViewSet):
    """Elevators (电梯) of projects: registration code, maker, maintenance company and its licence."""

    serializer_class = ElevatorSerializer
    filterset_class = ElevatorFilter
    search_fields = ["name", "registration_code", "location", "maker"]
    ordering_fields = ["name", "in_service_from"]
    select_related = ("project",)


class ElevatorRecordFilter(ScopedFilterSet):
    project = IdFilter(field_name="elevator__project", label=_("项目"))
    occurred_after, occurred_before = time_range("occurred_at", _("时间不早于"), _("时间早于"))

    FIELDS = ["elevator", "project", "backfilled", "occurred_after", "occurred_before"]


class ElevatorInspectionFilter(ElevatorRecordFilter):
    class Meta:
        model = ElevatorInspection
        fields = [*ElevatorRecordFilter.FIELDS, "result"]


class MaintenanceVisitFilter(ElevatorRecordFilter):
    class Meta:
        model = MaintenanceVisit
        fields = [*ElevatorRecordFilter.FIELDS, "tier"]


class BreakdownFilter(ElevatorRecordFilter):
    class Meta:
        model = Breakdown
        fields = ElevatorRecordFilter.FIELDS


class ElevatorLabelCheckFilter(ElevatorRecordFilter):
    class Meta:
        model = ElevatorLabelCheck
        fields = [*ElevatorRecordFilter.FIELDS, "inspection_mark_ok", "operating_labels_ok"]


class ElevatorRecordViewSet(AppendOnlyViewSet):
    """Evidence: list, read and record only, never changed; a file may come as multipart form data."""

    parser_classes = [JSONParser, MultiPartParser, FormParser]
    ordering_fields = ["occurred_at", "recorded_at"]
    ordering = ["-occurred_at"]


class ElevatorInspectionViewSet(ElevatorRecordViewSet):
    """Periodic inspections (定期检验) with the certificate's validity and the report."""

    serializer_class = ElevatorInspectionSerializer
    filterset_class = ElevatorInspectionFilter


class MaintenanceVisitViewSet(ElevatorRecordViewSet):
    """Maintenance visits (维保), at most 15 days apart."""

    serializer_class = MaintenanceVisitSerializer
    filterset_class = MaintenanceVisitFilter


class BreakdownViewSet(ElevatorRecordViewSet):
    """Breakdowns (故障) with the call (``occurred_at``), arrival and release times."""

    serializer_class = BreakdownSerializer
    filterset_class = BreakdownFilter


class ElevatorLabelCheckViewSet(ElevatorRecordViewSet):
    """Photos of the inspection mark and operating labels (标识检查); the photo is required."""

    serializer_class = ElevatorLabelCheckSerializer
    filterset_class = ElevatorLabelCheckFilter


def register(router):
    router.register("elevators", ElevatorViewSet, basename="elevator")
    router.register("elevator-inspections", ElevatorInspectionViewSet, basename="elevator-inspection")
    router.register("maintenance-visits", MaintenanceVisitViewSet, basename="maintenance-visit")
    router.register("elevator-breakdowns", BreakdownViewSet, basename="elevator-breakdown")
    router.register("elevator-label-checks", ElevatorLabelCheckViewSet, basename="elevator-label-check")
