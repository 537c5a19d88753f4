"""Findings, appeals and exemptions through the API: read through visible_to, written through the actions.

An object outside the user's scope is 404; one the user sees but may not act on is 403 (the action's
refusal), and nothing changes.
"""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.response import Response

from wuye.compliance import actions
from wuye.compliance.models import Finding
from wuye.compliance.review import Appeal, Exemption
from wuye.compliance.serializers import (
    AppealDecisionSerializer,
    AppealSerializer,
    ExemptionDecisionSerializer,
    ExemptionRevocationSerializer,
    ExemptionSerializer,
    FindingSerializer,
    run_action,
)
from wuye.core.api import ScopedReadOnlyViewSet
from wuye.core.filters import IdFilter, ScopedFilterSet


class FindingFilter(ScopedFilterSet):
    class Meta:
        model = Finding
        fields = ["project", "enterprise", "check_id", "clause_id", "state"]


class FindingViewSet(ScopedReadOnlyViewSet):
    """Findings of the compliance engine (read only: the engine writes them, an upheld appeal withdraws)."""

    serializer_class = FindingSerializer
    filterset_class = FindingFilter
    search_fields = ["message", "subject_name"]
    ordering_fields = ["period_start", "first_found_at", "points"]


class OverdueFilter(django_filters.BooleanFilter):
    """``true``: undecided past the decision deadline; ``false``: everything else."""

    def filter(self, qs, value):
        if value is None:
            return qs
        overdue = qs.overdue(timezone.now())
        return overdue if value else qs.exclude(pk__in=overdue.values("pk"))


class AppealFilter(ScopedFilterSet):
    project = IdFilter(field_name="finding__project", label=_("项目"))
    enterprise = IdFilter(field_name="finding__enterprise", label=_("企业"))
    overdue = OverdueFilter(label=_("逾期未裁决"))

    class Meta:
        model = Appeal
        fields = ["finding", "status", "project", "enterprise", "overdue"]


class ReviewViewSet(mixins.CreateModelMixin, ScopedReadOnlyViewSet):
    """List, read and create (through an action); no edit, no delete: decisions are their own POSTs."""

    prefetch_related = ("status_changes",)

    def decision(self, request, serializer_class, act):
        obj = self.get_object()  # 404 outside the scope
        serializer = serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        run_action(lambda: act(obj, serializer.validated_data))
        # Read again: the status rows prefetched with the object do not have the new move yet.
        return Response(self.get_serializer(self.get_queryset().get(pk=obj.pk)).data)


class AppealViewSet(ReviewViewSet):
    """Appeals against findings: a manager of the finding's enterprise files one (POST) within the
    appeal deadline; the regulator over the finding decides it (POST decide)."""

    serializer_class = AppealSerializer
    filterset_class = AppealFilter
    ordering_fields = ["filed_at", "decide_by"]

    @extend_schema(request=AppealDecisionSerializer, responses=AppealSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """Uphold (the finding is withdrawn) or reject, with a reason; regulators over the finding only."""
        return self.decision(
            request,
            AppealDecisionSerializer,
            lambda appeal, data: actions.decide_appeal(request.user, appeal, data["uphold"], data["reason"]),
        )


class ExemptionFilter(ScopedFilterSet):
    class Meta:
        model = Exemption
        fields = ["project", "enterprise", "check_id", "status"]


class ExemptionViewSet(ReviewViewSet):
    """Exemptions of a check for a project (or an enterprise): requested with reason and expiry (POST),
    approved or rejected by the regulator (POST decide), revoked by it (POST revoke)."""

    serializer_class = ExemptionSerializer
    filterset_class = ExemptionFilter
    ordering_fields = ["requested_at", "expires_on"]

    @extend_schema(request=ExemptionDecisionSerializer, responses=ExemptionSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """Approve or reject, with a reason; regulators of the project's division only."""
        return self.decision(
            request,
            ExemptionDecisionSerializer,
            lambda exemption, data: actions.decide_exemption(
                request.user, exemption, data["approve"], data["reason"]
            ),
        )

    @extend_schema(request=ExemptionRevocationSerializer, responses=ExemptionSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        """End an approved exemption early, with a reason; regulators of the project's division only."""
        return self.decision(
            request,
            ExemptionRevocationSerializer,
            lambda exemption, data: actions.revoke_exemption(request.user, exemption, data["reason"]),
        )


def register(router):
    router.register("findings", FindingViewSet, basename="finding")
    router.register("appeals", AppealViewSet, basename="appeal")
    router.register("exemptions", ExemptionViewSet, basename="exemption")
