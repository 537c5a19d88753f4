"""API: fee standards, bills with their lines, payments (clause 1.5); reads scoped by ``visible_to``."""

from django.db.models import DecimalField, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from wuye.core.api import ScopedModelSerializer, ScopedQuerysetMixin, ScopedViewSet
from wuye.core.filters import IdFilter, ScopedFilterSet
from wuye.estates.models import Project
from wuye.finance.actions_fees import generate_bills
from wuye.finance.models import Bill
from wuye.finance.serializers_fees import (
    BillSerializer,
    FeeNoticeSerializer,
    FeeStandardSerializer,
    GenerateBillsSerializer,
    PaymentSerializer,
)


class FeeStandardViewSet(ScopedViewSet):
    """Approved fee standards (收费标准) per project and property kind."""

    serializer_class = FeeStandardSerializer
    filterset_fields = ["project", "property_kind", "regime"]
    ordering_fields = ["effective_from"]
    select_related = ("project",)
    prefetch_related = ("item_rates",)


class FeeNoticeViewSet(ScopedViewSet):
    """Versions of each project's posted fee notice (收费公示), newest first."""

    serializer_class = FeeNoticeSerializer
    filterset_fields = ["project"]
    ordering_fields = ["published_on"]
    select_related = ("project",)


class BillFilter(ScopedFilterSet):
    project = IdFilter(field_name="project", label=_("项目"))
    household = IdFilter(field_name="household", label=_("房屋"))

    class Meta:
        model = Bill
        fields = ["project", "household", "period_start"]


class BillViewSet(
    ScopedQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Bills (账单) with their lines; created by the fee computation, never edited."""

    serializer_class = BillSerializer
    filterset_class = BillFilter
    ordering_fields = ["period_start"]
    prefetch_related = ("lines",)

    @extend_schema(request=GenerateBillsSerializer, responses=BillSerializer(many=True))
    @action(detail=False, methods=["post"])
    def generate(self, request):
        """Bill every household of a project for a period at once (all or nothing)."""
        form = GenerateBillsSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        project = get_object_or_404(Project.objects.visible_to(request.user), pk=data["project"])
        bills = ScopedModelSerializer.call_action(
            lambda: generate_bills(
                request.user, project, data["period_start"], months=data["months"], kind=data["property_kind"]
            )
        )
        created = self.get_queryset().filter(pk__in=[bill.pk for bill in bills])
        return Response(BillSerializer(created, many=True).data, status=status.HTTP_201_CREATED)

    def get_queryset(self):
        money = DecimalField(max_digits=14, decimal_places=2)
        queryset = (
            super().get_queryset().annotate(total=Coalesce(Sum("lines__amount"), 0, output_field=money))
        )
        return queryset.order_by("-period_start", "pk")


class PaymentViewSet(
    ScopedQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Payments (缴费记录): evidence, appended and never changed."""

    serializer_class = PaymentSerializer
    filterset_fields = ["project", "household", "method"]
    ordering_fields = ["occurred_at"]

    def get_queryset(self):
        return super().get_queryset().select_related("household")


def register(router) -> None:
    router.register("fee-standards", FeeStandardViewSet, basename="fee-standard")
    router.register("fee-notices", FeeNoticeViewSet, basename="fee-notice")
    router.register("bills", BillViewSet, basename="bill")
    router.register("payments", PaymentViewSet, basename="payment")
