"""API: exits (filed by the leaving enterprise, ``move`` along the table, ``refunds_due`` computed by the
platform), handover items (``confirm`` by the receiver) and refunds."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.response import Response

from wuye.core.api import ScopedModelSerializer, ScopedReadOnlyViewSet
from wuye.core.evidence import Channel
from wuye.core.filters import DivisionPrefixFilter, ScopedFilterSet
from wuye.lifecycle.actions_exit import confirm_handover_item, move_exit, refund_table
from wuye.lifecycle.models import ExitFiling, HandoverItem, Refund
from wuye.lifecycle.serializers_exit import (
    ExitMoveSerializer,
    ExitSerializer,
    HandoverItemSerializer,
    RefundDueSerializer,
    RefundSerializer,
)


class ExitFilter(ScopedFilterSet):
    division = DivisionPrefixFilter(field_name="project__division", label=_("项目所在区划（含下级）"))

    class Meta:
        model = ExitFiling
        fields = ["project", "enterprise", "division", "status", "receiver_kind"]


class ExitViewSet(ScopedReadOnlyViewSet, mixins.CreateModelMixin):
    """Exits (退出备案) of enterprises from projects, with their moves (hash-chained rows)."""

    serializer_class = ExitSerializer
    filterset_class = ExitFilter
    ordering_fields = ["planned_end", "notice_on"]
    select_related = ("project", "enterprise")
    prefetch_related = ("status_changes",)

    @extend_schema(request=ExitMoveSerializer, responses=ExitSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        data = ExitMoveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        exit = self.get_object()
        ScopedModelSerializer.call_action(
            lambda: move_exit(request.user, exit, data.validated_data["to"], channel=Channel.API)
        )
        exit = self.get_queryset().get(pk=exit.pk)
        return Response(ExitSerializer(exit, context={"request": request}).data)

    @extend_schema(request=None, responses=RefundDueSerializer(many=True))
    @action(detail=True, methods=["get"])
    def refunds_due(self, request, pk=None):
        return Response(RefundDueSerializer(refund_table(self.get_object()), many=True).data)


class HandoverItemFilter(ScopedFilterSet):
    class Meta:
        model = HandoverItem
        fields = ["exit", "kind"]


class HandoverItemViewSet(ScopedReadOnlyViewSet, mixins.CreateModelMixin):
    """The handover checklist of exits; ``confirm``: the receiver checks an item off."""

    serializer_class = HandoverItemSerializer
    filterset_class = HandoverItemFilter
    ordering_fields = ["kind"]

    @extend_schema(request=None, responses=HandoverItemSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        item = ScopedModelSerializer.call_action(
            lambda: confirm_handover_item(request.user, self.get_object())
        )
        return Response(HandoverItemSerializer(item, context={"request": request}).data)


class RefundFilter(ScopedFilterSet):
    class Meta:
        model = Refund
        fields = ["exit", "household"]


class RefundViewSet(ScopedReadOnlyViewSet, mixins.CreateModelMixin):
    """Refunds of prepaid fees at exits; an owner reads his own."""

    serializer_class = RefundSerializer
    filterset_class = RefundFilter
    ordering_fields = ["paid_on", "amount"]


def register(router) -> None:
    router.register("exits", ExitViewSet, basename="exit")
    router.register("exit-handover-items", HandoverItemViewSet, basename="exit-handover-item")
    router.register("exit-refunds", RefundViewSet, basename="exit-refund")
