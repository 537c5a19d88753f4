"""API: takeovers (read; registered by the incoming enterprise; ``move`` the one way to change a status),
their checklist lines, the developer's document handovers and the problems found."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.response import Response

from wuye.core.api import ScopedReadOnlyViewSet
from wuye.core.filters import DivisionPrefixFilter, ScopedFilterSet
from wuye.lifecycle.models import DocumentHandover, InspectionItem, Takeover, TakeoverProblem
from wuye.lifecycle.serializers_takeover import (
    DocumentHandoverSerializer,
    InspectionItemSerializer,
    TakeoverMoveSerializer,
    TakeoverProblemSerializer,
    TakeoverSerializer,
    move,
)


class TakeoverFilter(ScopedFilterSet):
    division = DivisionPrefixFilter(field_name="project__division", label=_("项目所在区划（含下级）"))

    class Meta:
        model = Takeover
        fields = ["project", "enterprise", "division", "status"]


class TakeoverViewSet(ScopedReadOnlyViewSet, mixins.CreateModelMixin):
    """Takeovers of projects (项目接管): contract, inspection, agreement, filing; ``move`` takes a step."""

    serializer_class = TakeoverSerializer
    filterset_class = TakeoverFilter
    search_fields = ["project__name", "enterprise__name", "filing_number"]
    ordering_fields = ["taken_over_on", "filed_on"]

    @extend_schema(request=TakeoverMoveSerializer, responses=TakeoverSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        takeover = self.get_object()
        serializer = TakeoverMoveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        move(request.user, takeover, serializer.validated_data)
        takeover = self.get_queryset().get(pk=takeover.pk)
        return Response(TakeoverSerializer(takeover, context={"request": request}).data)


class RecordViewSet(ScopedReadOnlyViewSet, mixins.CreateModelMixin, mixins.UpdateModelMixin):
    """A takeover's records: read where the takeover is; written through the actions (403 for readers)."""

    select_related = ("takeover",)


def filter_for(model_, *names):
    class Filter(ScopedFilterSet):
        class Meta:
            model = model_
            fields = ["takeover", *names]

    return Filter


class InspectionItemViewSet(RecordViewSet):
    """The acceptance inspection's checklist lines (查验项目)."""

    serializer_class = InspectionItemSerializer
    filterset_class = filter_for(InspectionItem, "area", "result")


class DocumentHandoverViewSet(RecordViewSet):
    """The Art. 29 documents the developer handed over (资料移交)."""

    serializer_class = DocumentHandoverSerializer
    filterset_class = filter_for(DocumentHandover, "category")


class TakeoverProblemViewSet(RecordViewSet):
    """The problems the inspection found, who fixes them and by when (查验问题)."""

    serializer_class = TakeoverProblemSerializer
    filterset_class = filter_for(TakeoverProblem, "fixer")
    ordering_fields = ["due_on", "fixed_on"]


def register(router) -> None:
    router.register("takeovers", TakeoverViewSet, basename="takeover")
    router.register("takeover-items", InspectionItemViewSet, basename="takeover-item")
    router.register("takeover-documents", DocumentHandoverViewSet, basename="takeover-document")
    router.register("takeover-problems", TakeoverProblemViewSet, basename="takeover-problem")
