"""API of clauses 1.2 and 3.3: offices, service centres (kept like registers) and the centre roster."""

from django.utils.translation import gettext_lazy as _
from rest_framework import mixins, viewsets

from wuye.core.api import ScopedQuerysetMixin, ScopedViewSet
from wuye.core.filters import DivisionPrefixFilter, IdFilter, ScopedFilterSet, UtcDateTimeFilter
from wuye.servicedesk.models import CentreShift, ServiceCentre
from wuye.servicedesk.serializers_centres import (
    CentreShiftSerializer,
    OfficeSerializer,
    ServiceCentreSerializer,
)


class OfficeViewSet(ScopedViewSet):
    """Fixed offices (固定办公场所) of enterprises, dated (clause 1.2)."""

    serializer_class = OfficeSerializer
    filterset_fields = ["enterprise"]
    search_fields = ["address"]
    ordering_fields = ["since"]
    select_related = ("enterprise",)


class ServiceCentreFilter(ScopedFilterSet):
    division = DivisionPrefixFilter(field_name="project__division", label=_("项目所在区划（含下级）"))

    class Meta:
        model = ServiceCentre
        fields = ["project", "division", "active"]


class ServiceCentreViewSet(ScopedViewSet):
    """Service centres (客户服务中心) of projects with their hours and 24-hour phone (clauses 1.2, 3.3)."""

    serializer_class = ServiceCentreSerializer
    filterset_class = ServiceCentreFilter
    search_fields = ["address", "project__name"]
    ordering_fields = ["opened_on"]
    select_related = ("project",)


class CentreShiftFilter(ScopedFilterSet):
    project = IdFilter(field_name="centre__project", label=_("项目"))
    starts_after = UtcDateTimeFilter(field_name="starts_at", lookup_expr="gte", label=_("开始时间不早于"))
    starts_before = UtcDateTimeFilter(field_name="starts_at", lookup_expr="lt", label=_("开始时间早于"))

    class Meta:
        model = CentreShift
        fields = ["centre", "project", "starts_after", "starts_before"]


class CentreShiftViewSet(
    ScopedQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The service centre roster (排班): shifts are added ahead (``repeat_days`` repeats one daily); a shift
    that has ended cannot be added, and the past is never changed here."""

    serializer_class = CentreShiftSerializer
    filterset_class = CentreShiftFilter
    ordering_fields = ["starts_at"]
    ordering = ["starts_at"]


def register(router) -> None:
    router.register("offices", OfficeViewSet, basename="office")
    router.register("service-centres", ServiceCentreViewSet, basename="service-centre")
    router.register("centre-shifts", CentreShiftViewSet, basename="centre-shift")
