"""API: surveys with their questions and results, responses (an owner's or a paper form's), and
rectification items with their closure. Responses and closures are evidence: never changed or deleted."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from wuye.core.api import ScopedQuerysetMixin, ScopedReadOnlyViewSet, ScopedViewSet
from wuye.core.filters import DivisionPrefixFilter, ScopedFilterSet
from wuye.servicedesk.models import RectificationItem, Survey, SurveyResponse
from wuye.servicedesk.queries_surveys import result_readers, survey_results
from wuye.servicedesk.serializers_surveys import (
    ClosureSerializer,
    RectificationItemSerializer,
    SurveyResponseSerializer,
    SurveyResultsSerializer,
    SurveySerializer,
)


class SurveyFilter(ScopedFilterSet):
    division = DivisionPrefixFilter(field_name="project__division", label=_("项目所在区划（含下级）"))

    class Meta:
        model = Survey
        fields = ["project", "division", "status", "half_year"]


class SurveyViewSet(ScopedReadOnlyViewSet):
    """Owners' opinion surveys (满意度调查) with their questions; ``results`` for those who read them."""

    serializer_class = SurveySerializer
    filterset_class = SurveyFilter
    search_fields = ["title"]
    ordering_fields = ["opens_on", "closes_on"]
    prefetch_related = ("questions",)

    @extend_schema(responses=SurveyResultsSerializer)
    @action(detail=True, methods=["get"])
    def results(self, request, pk=None):
        survey = get_object_or_404(result_readers(request.user).select_related("project"), pk=pk)
        return Response(SurveyResultsSerializer(survey_results(survey)).data)


class SurveyResponseFilter(ScopedFilterSet):
    class Meta:
        model = SurveyResponse
        fields = ["survey", "project", "household", "source"]


class SurveyResponseViewSet(
    ScopedQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Survey responses (问卷答卷): list, read, and answer; never changed or deleted."""

    serializer_class = SurveyResponseSerializer
    filterset_class = SurveyResponseFilter
    ordering_fields = ["occurred_at"]
    select_related = ("recorded_by",)
    prefetch_related = ("answers",)


class RectificationFilter(ScopedFilterSet):
    open = filters.BooleanFilter(field_name="closure", lookup_expr="isnull", label=_("未完成"))
    overdue = filters.BooleanFilter(method="by_overdue", label=_("已逾期未完成"))

    class Meta:
        model = RectificationItem
        fields = ["project", "survey", "open", "overdue"]

    def by_overdue(self, queryset, name, value):
        late = {"closure__isnull": True, "deadline__lt": timezone.now()}
        return queryset.filter(**late) if value else queryset.exclude(**late)


class RectificationItemViewSet(ScopedViewSet):
    """Rectification items (整改事项) a survey raised; ``close`` records the fix."""

    serializer_class = RectificationItemSerializer
    filterset_class = RectificationFilter
    search_fields = ["problem", "responsible"]
    ordering_fields = ["due_on", "raised_on"]
    select_related = ("closure",)

    @extend_schema(request=ClosureSerializer, responses=RectificationItemSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        item = self.get_object()
        serializer = ClosureSerializer(data=request.data, context={"request": request, "item": item})
        serializer.is_valid(raise_exception=True)
        serializer.save()
        item = self.get_queryset().get(pk=item.pk)
        return Response(RectificationItemSerializer(item, context={"request": request}).data, status=201)


def register(router) -> None:
    router.register("surveys", SurveyViewSet, basename="survey")
    router.register("survey-responses", SurveyResponseViewSet, basename="survey-response")
    router.register("rectification-items", RectificationItemViewSet, basename="rectification-item")
