"""API of the parameters page: a division's overrides of check parameters and points (regulators only;
others 403). Created and cancelled, never edited: a correction is a newer override."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response

from wuye.compliance.models import ParameterOverride
from wuye.compliance.parameters import parameter_spec, value_from_text
from wuye.core.api import ScopedModelSerializer, ScopedQuerysetMixin
from wuye.core.filters import ScopedFilterSet, StableOrderingFilter
from wuye.core.scoping import scope_of
from wuye.oversight.actions_parameters import add_override, cancel_override, may_set_parameters


class RegulatorsOnly(BasePermission):
    def has_permission(self, request, view):
        return may_set_parameters(request.user)


class ParameterOverrideSerializer(ScopedModelSerializer):
    value = serializers.JSONField(help_text=_("按该参数的单位：整数、小数、是/否、分数如 2/3、代码列表"))

    class Meta:
        model = ParameterOverride
        fields = [
            "id",
            "check_id",
            "name",
            "division",
            "value",
            "valid_from",
            "reason",
            "set_by",
            "created_at",
            "cancelled_at",
            "cancelled_by",
            "cancel_reason",
        ]
        read_only_fields = ["set_by", "created_at", "cancelled_at", "cancelled_by", "cancel_reason"]

    def validate(self, attrs):
        try:
            spec = parameter_spec(attrs["check_id"], attrs["name"])
        except KeyError:
            raise serializers.ValidationError({"name": [_("该检查项没有这个参数。")]})
        if not scope_of(self.context["request"].user).governs(attrs["division"].code):
            raise serializers.ValidationError({"division": [_("只能调整本辖区及其下级区划的参数。")]})
        value = attrs["value"]
        text = ",".join(map(str, value)) if isinstance(value, list) else str(value)
        try:
            attrs["value"] = value_from_text(text, spec.unit)
        except ValueError as error:
            raise serializers.ValidationError({"value": [str(error)]})
        return super().validate(attrs)

    def unvalidated_fields(self):
        return ["set_by"]  # the acting user, set by the action

    def save_instance(self, validated_data):
        user = self.context["request"].user
        return self.call_action(lambda: add_override(user, self._validated_instance))


class CancelSerializer(serializers.Serializer):
    reason = serializers.CharField()


class ParameterOverrideFilter(ScopedFilterSet):
    ordering = StableOrderingFilter(fields=["valid_from", "created_at"])

    class Meta:
        model = ParameterOverride
        fields = ["check_id", "name", "division"]


class ParameterOverrideViewSet(
    ScopedQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """A division's overrides of check parameters and points, each from a date, with who and why."""

    serializer_class = ParameterOverrideSerializer
    permission_classes = [IsAuthenticated, RegulatorsOnly]
    filterset_class = ParameterOverrideFilter
    select_related = ("division", "set_by", "cancelled_by")
    ordering_fields: list[str] = []

    @extend_schema(request=CancelSerializer, responses=ParameterOverrideSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel an override not yet in force (the row stays, marked with who, when and why)."""
        override = self.get_object()
        form = CancelSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        reason = form.validated_data["reason"]
        ScopedModelSerializer.call_action(lambda: cancel_override(request.user, override, reason))
        return Response(self.get_serializer(override).data)


def register(router) -> None:
    router.register("parameter-overrides", ParameterOverrideViewSet, basename="parameter-override")
