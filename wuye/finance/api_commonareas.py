"""API: owners' votes, uses of common parts and their income (clause 2.5); reads scoped by ``visible_to``,
writes by the company serving the project (403 for readers)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import mixins, viewsets

from wuye.core.api import ScopedQuerysetMixin, ScopedViewSet
from wuye.core.filters import IdFilter, ScopedFilterSet
from wuye.finance.models import CommonAreaIncome, CommonAreaUse
from wuye.finance.serializers_commonareas import (
    CommonAreaIncomeSerializer,
    CommonAreaUseSerializer,
    OwnersVoteSerializer,
)
from wuye.finance.views_commonareas import with_income
from wuye.finance.votes_commonareas import thresholds, with_authorisation


class OwnersVoteViewSet(ScopedViewSet):
    """Owners' votes (业主表决) on using common parts."""

    serializer_class = OwnersVoteSerializer
    filterset_fields = ["project", "held_on"]
    ordering_fields = ["held_on"]


class CommonAreaUseFilter(ScopedFilterSet):
    project = IdFilter(field_name="project", label=_("项目"))
    vote = IdFilter(field_name="vote", label=_("业主表决"))

    class Meta:
        model = CommonAreaUse
        fields = ["project", "kind", "vote"]


class CommonAreaUseViewSet(ScopedViewSet):
    """Uses of common parts (共用部位经营): ``authorised`` under the region's default thresholds, and what
    each brought in."""

    serializer_class = CommonAreaUseSerializer
    filterset_class = CommonAreaUseFilter
    ordering_fields = ["start", "kind"]

    def get_queryset(self):
        # The list mixes divisions: the region's thresholds in force (a division's own override shows on
        # its project's pages and in the check).
        limits = thresholds(None, timezone.localdate())
        return with_income(with_authorisation(super().get_queryset(), limits)).order_by("-start", "-pk")


class CommonAreaIncomeFilter(ScopedFilterSet):
    use = IdFilter(field_name="use", label=_("共用部位经营"))
    project = IdFilter(field_name="project", label=_("项目"))

    class Meta:
        model = CommonAreaIncome
        fields = ["use", "project", "received_on"]


class CommonAreaIncomeViewSet(
    ScopedQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Common-area income (公共收益): recorded, never changed here."""

    serializer_class = CommonAreaIncomeSerializer
    filterset_class = CommonAreaIncomeFilter
    ordering_fields = ["received_on"]


def register(router) -> None:
    router.register("owners-votes", OwnersVoteViewSet, basename="owners-vote")
    router.register("common-area-uses", CommonAreaUseViewSet, basename="common-area-use")
    router.register("common-area-incomes", CommonAreaIncomeViewSet, basename="common-area-income")
