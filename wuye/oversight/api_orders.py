"""API: rectification orders (read where the order is seen; ``create`` issues one, regulators only;
``answer``, ``accept`` and ``reopen`` are the moves, each through ``actions_orders``)."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from wuye.compliance.models import Finding
from wuye.core.api import ScopedModelSerializer, ScopedReadOnlyViewSet
from wuye.core.evidence import Channel
from wuye.core.filters import DivisionPrefixFilter, ScopedFilterSet
from wuye.oversight import actions_orders as actions
from wuye.oversight.choices_orders import OrderStatus
from wuye.oversight.models import OrderAnswer, OrderMove, RectificationOrder


class OrderMoveSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrderMove
        fields = [
            "from_status",
            "to_status",
            "deadline",
            "note",
            "occurred_at",
            "recorded_at",
            "recorded_by",
            "hash",
        ]


class OrderAnswerSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrderAnswer
        fields = ["id", "text", "answered_by", "created_at"]


class RectificationOrderSerializer(serializers.ModelSerializer):
    moves = OrderMoveSerializer(many=True, read_only=True)
    answers = OrderAnswerSerializer(many=True, read_only=True)
    findings = serializers.ListField(
        child=serializers.IntegerField(), write_only=True, label=_("问题"), allow_empty=True
    )
    finding_ids = serializers.SerializerMethodField()

    class Meta:
        model = RectificationOrder
        fields = [
            "id",
            "enterprise",
            "project",
            "division",
            "findings",
            "finding_ids",
            "requirement",
            "deadline",
            "status",
            "issued_by",
            "issued_at",
            "answered_at",
            "accepted_at",
            "answers",
            "moves",
        ]
        read_only_fields = [
            "enterprise",
            "project",
            "division",
            "status",
            "issued_by",
            "issued_at",
            "answered_at",
            "accepted_at",
        ]
        extra_kwargs = {"requirement": {"allow_blank": True}}

    def get_finding_ids(self, order) -> list[int]:
        return [finding.pk for finding in order.findings.all()]

    def get_validators(self):
        return []  # the action decides, with its own messages

    def create(self, validated_data):
        user = self.context["request"].user
        return ScopedModelSerializer.call_action(
            lambda: actions.issue_order(
                user,
                validated_data["findings"],
                validated_data["requirement"],
                validated_data["deadline"],
                channel=Channel.API,
            )
        )


class OrderAnswerInputSerializer(serializers.Serializer):
    expected = serializers.ChoiceField(choices=OrderStatus.choices, required=False, label=_("当前状态"))
    text = serializers.CharField(allow_blank=True, label=_("整改情况"))
    file = serializers.FileField(label=_("整改证明材料"))


class OrderDecisionSerializer(serializers.Serializer):
    expected = serializers.ChoiceField(choices=OrderStatus.choices, required=False, label=_("当前状态"))
    note = serializers.CharField(allow_blank=True, required=False, default="", label=_("说明"))
    deadline = serializers.DateField(required=False, allow_null=True, default=None, label=_("新的整改期限"))


class OrderFilter(ScopedFilterSet):
    division = DivisionPrefixFilter(field_name="division", label=_("所在区划（含下级）"))

    class Meta:
        model = RectificationOrder
        fields = ["enterprise", "project", "division", "status"]


class RectificationOrderViewSet(ScopedReadOnlyViewSet, mixins.CreateModelMixin):
    """Rectification orders (整改通知): a regulator issues; the enterprise answers; the regulator accepts or
    reopens."""

    serializer_class = RectificationOrderSerializer
    filterset_class = OrderFilter
    search_fields = ["requirement", "enterprise__name", "project__name"]
    ordering_fields = ["issued_at", "deadline"]
    prefetch_related = ("moves", "answers")

    def get_queryset(self):
        # Only the findings the reader sees are named (a finding outside its scope stays unknown to it).
        findings = Finding.objects.visible_to(self.request.user).only("pk")
        return super().get_queryset().prefetch_related(Prefetch("findings", queryset=findings))

    def _reply(self, request, order):
        order = self.get_queryset().get(pk=order.pk)
        return Response(RectificationOrderSerializer(order, context={"request": request}).data)

    @extend_schema(request=OrderAnswerInputSerializer, responses=RectificationOrderSerializer)
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def answer(self, request, pk=None):
        order = self.get_object()
        data = self._valid(OrderAnswerInputSerializer, request)
        ScopedModelSerializer.call_action(
            lambda: actions.answer_order(
                request.user,
                order,
                data["text"],
                data["file"],
                expected=data.get("expected"),
                channel=Channel.API,
            )
        )
        return self._reply(request, order)

    @extend_schema(request=OrderDecisionSerializer, responses=RectificationOrderSerializer)
    @action(detail=True, methods=["post"], parser_classes=[JSONParser, FormParser, MultiPartParser])
    def accept(self, request, pk=None):
        order = self.get_object()
        data = self._valid(OrderDecisionSerializer, request)
        ScopedModelSerializer.call_action(
            lambda: actions.accept_order(
                request.user, order, data["note"], expected=data.get("expected"), channel=Channel.API
            )
        )
        return self._reply(request, order)

    @extend_schema(request=OrderDecisionSerializer, responses=RectificationOrderSerializer)
    @action(detail=True, methods=["post"], parser_classes=[JSONParser, FormParser, MultiPartParser])
    def reopen(self, request, pk=None):
        order = self.get_object()
        data = self._valid(OrderDecisionSerializer, request)
        ScopedModelSerializer.call_action(
            lambda: actions.reopen_order(
                request.user,
                order,
                data["deadline"],
                data["note"],
                expected=data.get("expected"),
                channel=Channel.API,
            )
        )
        return self._reply(request, order)

    @staticmethod
    def _valid(serializer_class, request) -> dict:
        serializer = serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


def register(router) -> None:
    router.register("rectification-orders", RectificationOrderViewSet, basename="rectification-order")
