"""API of 4.6 secondary water supply; 4.7 sewers and septic tanks.

Tanks and septic tanks are kept like the registry (written where their project is); every record is
evidence: listed, read and added, never changed or deleted (a mistake is corrected by a new record
with ``corrects``). A water-quality report is handled with ``POST /api/water-quality-reports/{id}/handle/``.
"""

from django.db.models import Subquery
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from wuye.core.api import ScopedViewSet
from wuye.core.filters import DivisionPrefixFilter, IdFilter, ScopedFilterSet
from wuye.safety.api import AppendOnlyViewSet, time_range
from wuye.safety.models import (
    PollutionIncident,
    PollutionReport,
    SepticEmptying,
    SepticTank,
    SewerCheck,
    SewerFlush,
    TankCleaning,
    WaterQualityReport,
    WaterTank,
    WaterTest,
)
from wuye.safety.queries_water import first_report, water_report_rows
from wuye.safety.serializers_water import (
    PollutionIncidentSerializer,
    PollutionReportSerializer,
    ReportHandlingSerializer,
    SepticEmptyingSerializer,
    SepticTankSerializer,
    SewerCheckSerializer,
    SewerFlushSerializer,
    TankCleaningSerializer,
    WaterQualityReportSerializer,
    WaterTankSerializer,
    WaterTestSerializer,
)


class WaterTankApiFilter(ScopedFilterSet):
    division = DivisionPrefixFilter(field_name="project__division", label=_("项目所在区划（含下级）"))

    class Meta:
        model = WaterTank
        fields = ["project", "division", "kind", "active"]


class WaterTankViewSet(ScopedViewSet):
    """Secondary water supply tanks (二次供水水箱): tested and cleaned at most 6 months apart (clause 4.6)."""

    serializer_class = WaterTankSerializer
    filterset_class = WaterTankApiFilter
    search_fields = ["name", "location"]
    ordering_fields = ["name", "in_service_from", "capacity"]
    select_related = ("project",)


class SepticTankApiFilter(ScopedFilterSet):
    division = DivisionPrefixFilter(field_name="project__division", label=_("项目所在区划（含下级）"))

    class Meta:
        model = SepticTank
        fields = ["project", "division", "active"]


class SepticTankViewSet(ScopedViewSet):
    """Septic tanks (化粪池), emptied every quarter (clause 4.7)."""

    serializer_class = SepticTankSerializer
    filterset_class = SepticTankApiFilter
    search_fields = ["name", "location"]
    ordering_fields = ["name", "in_service_from"]
    select_related = ("project",)


def tank_record_filter(model, label_after, label_before):
    class Filter(ScopedFilterSet):
        project = IdFilter(field_name="tank__project", label=_("项目"))
        occurred_after, occurred_before = time_range("occurred_at", label_after, label_before)

        class Meta:
            fields = ["tank", "project", "backfilled", "occurred_after", "occurred_before"]

    Filter.Meta.model = model
    Filter.__name__ = f"{model.__name__}Filter"
    return Filter


def project_record_filter(model, label_after, label_before):
    class Filter(ScopedFilterSet):
        occurred_after, occurred_before = time_range("occurred_at", label_after, label_before)

        class Meta:
            fields = ["project", "occurred_after", "occurred_before"]

    Filter.Meta.model = model
    Filter.__name__ = f"{model.__name__}Filter"
    return Filter


class WaterTestViewSet(AppendOnlyViewSet):
    """Lab tests of the tanks' water (水质检测): the seven routine items, held to the GB 5749 limits."""

    serializer_class = WaterTestSerializer
    filterset_class = tank_record_filter(WaterTest, _("采样时间不早于"), _("采样时间早于"))
    ordering_fields = ["occurred_at", "recorded_at"]
    ordering = ["-occurred_at"]


class TankCleaningViewSet(AppendOnlyViewSet):
    """Tank cleanings and disinfections (水箱清洗消毒)."""

    serializer_class = TankCleaningSerializer
    filterset_class = tank_record_filter(TankCleaning, _("清洗时间不早于"), _("清洗时间早于"))
    ordering_fields = ["occurred_at", "recorded_at"]
    ordering = ["-occurred_at"]


class WaterQualityReportFilter(ScopedFilterSet):
    occurred_after, occurred_before = time_range("occurred_at", _("反映时间不早于"), _("反映时间早于"))
    handled = filters.BooleanFilter(
        field_name="handled_at", lookup_expr="isnull", exclude=True, label=_("已处理")
    )

    class Meta:
        model = WaterQualityReport
        fields = ["project", "tank", "complaint", "handled", "occurred_after", "occurred_before"]


class WaterQualityReportViewSet(AppendOnlyViewSet):
    """Owners' reports of odour or discoloured water (水质异常反映): each handled within 24 hours."""

    serializer_class = WaterQualityReportSerializer
    filterset_class = WaterQualityReportFilter
    ordering_fields = ["occurred_at", "recorded_at"]
    ordering = ["-occurred_at"]

    def get_queryset(self):
        return water_report_rows(super().get_queryset(), self.request.user)

    @extend_schema(request=ReportHandlingSerializer, responses={201: ReportHandlingSerializer})
    @action(detail=True, methods=["post"], filterset_class=None)
    def handle(self, request, pk=None):
        """Record how the report was handled (flushed, cleaned, water found normal...)."""
        report = self.get_object()
        serializer = ReportHandlingSerializer(
            data=request.data, context={**self.get_serializer_context(), "report": report}
        )
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(serializer.data, status=status.HTTP_201_CREATED)


class PollutionIncidentViewSet(AppendOnlyViewSet):
    """Pollution incidents of the secondary water supply (污染事故), to be reported within 2 hours."""

    serializer_class = PollutionIncidentSerializer
    filterset_class = project_record_filter(PollutionIncident, _("发现时间不早于"), _("发现时间早于"))
    ordering_fields = ["occurred_at", "recorded_at"]
    ordering = ["-occurred_at"]

    def get_queryset(self):
        first = first_report(self.request.user).values("occurred_at")[:1]
        return super().get_queryset().annotate(reported_at=Subquery(first))


class PollutionReportFilter(ScopedFilterSet):
    project = IdFilter(field_name="incident__project", label=_("项目"))
    occurred_after, occurred_before = time_range("occurred_at", _("报告时间不早于"), _("报告时间早于"))

    class Meta:
        model = PollutionReport
        fields = ["incident", "project", "occurred_after", "occurred_before"]


class PollutionReportViewSet(AppendOnlyViewSet):
    """A pollution incident reported to the authority (污染事故报告): when and to whom."""

    serializer_class = PollutionReportSerializer
    filterset_class = PollutionReportFilter
    ordering_fields = ["occurred_at", "recorded_at"]
    ordering = ["-occurred_at"]


class SewerCheckViewSet(AppendOnlyViewSet):
    """Monthly sewer checks (排污管道排查) of a project."""

    serializer_class = SewerCheckSerializer
    filterset_class = project_record_filter(SewerCheck, _("排查时间不早于"), _("排查时间早于"))
    ordering_fields = ["occurred_at", "recorded_at"]
    ordering = ["-occurred_at"]


class SewerFlushViewSet(AppendOnlyViewSet):
    """Quarterly sewer flushing (排污管道冲洗) of a project."""

    serializer_class = SewerFlushSerializer
    filterset_class = project_record_filter(SewerFlush, _("冲洗时间不早于"), _("冲洗时间早于"))
    ordering_fields = ["occurred_at", "recorded_at"]
    ordering = ["-occurred_at"]


class SepticEmptyingFilter(ScopedFilterSet):
    project = IdFilter(field_name="septic_tank__project", label=_("项目"))
    occurred_after, occurred_before = time_range("occurred_at", _("清掏时间不早于"), _("清掏时间早于"))

    class Meta:
        model = SepticEmptying
        fields = ["septic_tank", "project", "occurred_after", "occurred_before"]


class SepticEmptyingViewSet(AppendOnlyViewSet):
    """Septic tank emptying (化粪池清掏), every quarter."""

    serializer_class = SepticEmptyingSerializer
    filterset_class = SepticEmptyingFilter
    ordering_fields = ["occurred_at", "recorded_at"]
    ordering = ["-occurred_at"]


def register(router):
    router.register("water-tanks", WaterTankViewSet, basename="water-tank")
    router.register("water-tests", WaterTestViewSet, basename="water-test")
    router.register("tank-cleanings", TankCleaningViewSet, basename="tank-cleaning")
    router.register("water-quality-reports", WaterQualityReportViewSet, basename="water-quality-report")
    router.register("pollution-incidents", PollutionIncidentViewSet, basename="pollution-incident")
    router.register("pollution-reports", PollutionReportViewSet, basename="pollution-report")
    router.register("sewer-checks", SewerCheckViewSet, basename="sewer-check")
    router.register("sewer-flushes", SewerFlushViewSet, basename="sewer-flush")
    router.register("septic-tanks", SepticTankViewSet, basename="septic-tank")
    router.register("septic-emptyings", SepticEmptyingViewSet, basename="septic-emptying")
