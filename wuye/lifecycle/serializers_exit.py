"""API shapes of the exit workflow; every write goes through ``actions_exit`` (the form's validation)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from wuye.core.api import ScopedModelSerializer, ScopedRelatedField
from wuye.lifecycle.actions_exit import add_handover_item, file_exit, record_refund
from wuye.lifecycle.choices_exit import ExitStatus
from wuye.lifecycle.models import ExitFiling, ExitStatusChange, HandoverItem, Refund


class ExitStatusChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExitStatusChange
        fields = ["from_status", "to_status", "occurred_at", "recorded_at", "recorded_by", "hash"]


class ExitSerializer(serializers.ModelSerializer):
    serializer_related_field = ScopedRelatedField
    moves = ExitStatusChangeSerializer(source="status_changes", many=True, read_only=True)

    class Meta:
        model = ExitFiling
        fields = [
            "id",
            "service_period",
            "project",
            "enterprise",
            "contract",
            "notice_on",
            "reason",
            "planned_end",
            "receiver_kind",
            "committee",
            "successor",
            "status",
            "moves",
        ]
        read_only_fields = ["project", "enterprise", "status"]

    def get_validators(self):
        return []  # the action's clean decides, with its own messages

    def create(self, validated_data):
        user = self.context["request"].user
        exit = ExitFiling(**validated_data)
        return ScopedModelSerializer.call_action(lambda: file_exit(user, exit))

    def update(self, instance, validated_data):
        raise serializers.ValidationError(_("退出备案登记后不能修改。"))


class ExitMoveSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=ExitStatus.choices, label=_("新状态"))


class HandoverItemSerializer(serializers.ModelSerializer):
    serializer_related_field = ScopedRelatedField

    class Meta:
        model = HandoverItem
        fields = ["id", "exit", "kind", "archive_category", "description", "confirmed_at", "confirmed_by"]
        read_only_fields = ["confirmed_at", "confirmed_by"]

    def create(self, validated_data):
        user = self.context["request"].user
        item = HandoverItem(**validated_data)
        return ScopedModelSerializer.call_action(lambda: add_handover_item(user, item))


class RefundSerializer(serializers.ModelSerializer):
    serializer_related_field = ScopedRelatedField

    class Meta:
        model = Refund
        fields = ["id", "exit", "household", "amount", "paid_on", "method", "receipt"]

    def get_validators(self):
        return []

    def create(self, validated_data):
        user = self.context["request"].user
        refund = Refund(**validated_data)
        return ScopedModelSerializer.call_action(lambda: record_refund(user, refund))


class RefundDueSerializer(serializers.Serializer):
    household = serializers.IntegerField(source="household.pk")
    household_name = serializers.CharField(source="household")
    due = serializers.DecimalField(max_digits=14, decimal_places=2)
    refunded = serializers.DecimalField(max_digits=14, decimal_places=2)
    owed = serializers.DecimalField(max_digits=14, decimal_places=2)
