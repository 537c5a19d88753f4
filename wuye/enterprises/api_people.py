"""API: wages, terminations (with the regulator's review), policy documents and training."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from wuye.core.api import ScopedModelSerializer, ScopedQuerysetMixin, ScopedViewSet
from wuye.core.filters import IdFilter, ScopedFilterSet
from wuye.enterprises.actions_people import review_termination
from wuye.enterprises.models import Termination, WagePayment
from wuye.enterprises.serializers_people import (
    PolicyDocumentSerializer,
    ReviewSerializer,
    TerminationSerializer,
    TrainingSessionSerializer,
    WagePaymentSerializer,
)


class WageFilter(ScopedFilterSet):
    enterprise = IdFilter(field_name="employment__staff__enterprise", label=_("企业"))
    staff = IdFilter(field_name="employment__staff", label=_("员工"))

    class Meta:
        model = WagePayment
        fields = ["enterprise", "staff", "employment", "month"]


class WagePaymentViewSet(ScopedViewSet):
    """Monthly wages of employees (clause 1.4); for the employer's managers and the regulators."""

    serializer_class = WagePaymentSerializer
    filterset_class = WageFilter
    search_fields = ["employment__staff__name"]
    ordering_fields = ["month", "paid_on"]
    select_related = ("employment__staff",)


class TerminationFilter(ScopedFilterSet):
    enterprise = IdFilter(field_name="employment__staff__enterprise", label=_("企业"))

    class Meta:
        model = Termination
        fields = ["enterprise", "reason", "outcome"]


class TerminationViewSet(
    ScopedQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Terminations with their reason category (clause 1.4); the regulator reviews those without one."""

    serializer_class = TerminationSerializer
    filterset_class = TerminationFilter
    ordering_fields = ["date"]
    select_related = ("employment__staff",)

    @extend_schema(request=ReviewSerializer, responses=TerminationSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        """The regulator's outcome of a review (经复核合法 closes the finding)."""
        termination = self.get_object()
        form = ReviewSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        termination = ScopedModelSerializer.call_action(
            lambda: review_termination(
                request.user, termination, form.validated_data["outcome"], form.validated_data["note"]
            )
        )
        return Response(TerminationSerializer(termination, context={"request": request}).data)


class PolicyDocumentViewSet(
    ScopedQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Policy documents of enterprises (clause 1.7): evidence, appended, never edited."""

    serializer_class = PolicyDocumentSerializer
    filterset_fields = ["enterprise", "category"]
    search_fields = ["title"]
    ordering_fields = ["occurred_at"]


class TrainingSessionViewSet(ScopedViewSet):
    """Training sessions with their attendees (clause 3.8)."""

    serializer_class = TrainingSessionSerializer
    filterset_fields = ["enterprise"]
    search_fields = ["topic", "trainer"]
    ordering_fields = ["held_on"]
    prefetch_related = ("attendees",)


def register(router) -> None:
    router.register("wages", WagePaymentViewSet, basename="wagepayment")
    router.register("terminations", TerminationViewSet, basename="termination")
    router.register("policies", PolicyDocumentViewSet, basename="policydocument")
    router.register("trainings", TrainingSessionViewSet, basename="trainingsession")
