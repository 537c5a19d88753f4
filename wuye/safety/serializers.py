"""API representation of the safety duties; rounds are created only through ``record_power_round``."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from wuye.core.api import ScopedModelSerializer
from wuye.core.evidence import Channel
from wuye.safety.actions import record_power_round
from wuye.safety.choices import SupplyState
from wuye.safety.models import Defect, PowerRoom, PowerRound

# What the server stamps on evidence: shown, never taken from the client.
EVIDENCE_STAMPS = [
    "recorded_at",
    "recorded_by",
    "channel",
    "backfilled",
    "attachment_sha256",
    "chain",
    "chain_seq",
    "prev_hash",
    "hash",
]


class PowerRoomSerializer(ScopedModelSerializer):
    supplies = serializers.ListField(
        child=serializers.CharField(max_length=60), help_text=_("供电回路名称，如 1#变压器、备用发电机")
    )

    class Meta:
        model = PowerRoom
        fields = ["id", "project", "name", "location", "supplies", "in_service_from", "active"]


class PowerRoundSerializer(ScopedModelSerializer):
    supply_states = serializers.DictField(child=serializers.ChoiceField(choices=SupplyState.choices))

    class Meta:
        model = PowerRound
        fields = [
            "id",
            "power_room",
            "occurred_at",
            "inspector",
            "supply_states",
            "voltage",
            "current",
            "temperature",
            "problems",
            "corrects",
            *EVIDENCE_STAMPS,
        ]
        read_only_fields = EVIDENCE_STAMPS

    def validate(self, attrs):
        # The record is validated by append_evidence once it carries the server's stamps.
        self._validated_instance = self.build_instance(attrs)
        return attrs

    def create(self, validated_data):
        user = self.context["request"].user
        power_round = self._validated_instance
        return self.call_action(lambda: record_power_round(user, power_round, channel=Channel.API))


class DefectSerializer(ScopedModelSerializer):
    class Meta:
        model = Defect
        fields = [
            "id",
            "project",
            "check_id",
            "source",
            "subject_name",
            "description",
            "found_at",
            "deadline",
            "fixed_at",
        ]
        read_only_fields = fields
