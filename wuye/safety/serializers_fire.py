"""API representation of clauses 4.3 and 4.4; records are created only through ``safety.actions_fire``.

A record's photo or report is uploaded as ``attachment`` (multipart) and read back as ``attachment_url``,
which serves it through the record's scope (never as a public /media/ path).
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from wuye.core.api import ScopedModelSerializer
from wuye.core.evidence import Channel
from wuye.safety.actions_fire import record_fire_checks, record_passage_checks, record_test
from wuye.safety.models import (
    FireEquipment,
    FireEquipmentCheck,
    FirePassage,
    FirePassageCheck,
    FireSystemTest,
    FloodCheck,
    FloodProtection,
    LightningProtection,
    LightningTest,
)
from wuye.safety.serializers import EVIDENCE_STAMPS

ASSET_FIELDS = ["id", "project", "name", "location", "in_service_from", "active"]


class FireEquipmentSerializer(ScopedModelSerializer):
    class Meta:
        model = FireEquipment
        fields = [*ASSET_FIELDS, "kind", "extinguisher_type", "production_date", "quantity"]


class FirePassageSerializer(ScopedModelSerializer):
    class Meta:
        model = FirePassage
        fields = ASSET_FIELDS


class LightningProtectionSerializer(ScopedModelSerializer):
    class Meta:
        model = LightningProtection
        fields = [*ASSET_FIELDS, "kind", "hazardous"]


class FloodProtectionSerializer(ScopedModelSerializer):
    class Meta:
        model = FloodProtection
        fields = [*ASSET_FIELDS, "kind"]


class EvidenceSerializer(ScopedModelSerializer):
    """A record with its photo or report: uploaded as ``attachment``, read as ``attachment_url``."""

    attachment = serializers.FileField(
        write_only=True, required=False, help_text=_("照片或报告（multipart 上传）")
    )
    attachment_url = serializers.SerializerMethodField(help_text=_("附件地址（按权限提供）"))
    stamps = [*EVIDENCE_STAMPS, "attachment_url"]

    def get_attachment_url(self, record) -> str | None:
        if not record.attachment:
            return None
        return reverse("scoped-file", args=[record._meta.label_lower, record.pk, "attachment"])

    def validate(self, attrs):
        # The record is validated by append_evidence once it carries the server's stamps.
        self._validated_instance = self.build_instance(attrs)
        return attrs


class WalkRecordSerializer(EvidenceSerializer):
    """One item of a walk (a monthly check, a passage check), recorded as a walk of one."""

    asset_field = ""
    action = None

    def create(self, validated_data):
        user = self.context["request"].user
        record = self._validated_instance
        asset = getattr(record, self.asset_field)
        fields = {name: validated_data[name] for name in self.record_fields if name in validated_data}
        action = type(self).action
        records = self.call_action(
            lambda: action(
                user,
                asset.project,
                [(asset, fields)],
                inspector=record.inspector,
                channel=Channel.API,
                occurred_at=record.occurred_at,
            )
        )
        return records[0]


class FireEquipmentCheckSerializer(WalkRecordSerializer):
    asset_field = "equipment"
    action = record_fire_checks
    record_fields = ["result", "problem", "attachment", "corrects"]

    class Meta:
        model = FireEquipmentCheck
        fields = [
            "id",
            "equipment",
            "occurred_at",
            "result",
            "problem",
            "inspector",
            "attachment",
            "corrects",
            *EvidenceSerializer.stamps,
        ]
        read_only_fields = EVIDENCE_STAMPS


class FirePassageCheckSerializer(WalkRecordSerializer):
    asset_field = "passage"
    action = record_passage_checks
    record_fields = ["outcome", "note", "attachment", "corrects"]

    class Meta:
        model = FirePassageCheck
        fields = [
            "id",
            "passage",
            "occurred_at",
            "outcome",
            "note",
            "inspector",
            "attachment",
            "corrects",
            *EvidenceSerializer.stamps,
        ]
        read_only_fields = EVIDENCE_STAMPS


class TestRecordSerializer(EvidenceSerializer):
    """A yearly test with its result and report; a failed one opens a defect."""

    def create(self, validated_data):
        user = self.context["request"].user
        record = self._validated_instance
        return self.call_action(lambda: record_test(user, record, channel=Channel.API))


TEST_FIELDS = ["occurred_at", "tester", "report_number", "result", "problems", "attachment", "corrects"]


class FireSystemTestSerializer(TestRecordSerializer):
    class Meta:
        model = FireSystemTest
        fields = ["id", "equipment", *TEST_FIELDS, *EvidenceSerializer.stamps]
        read_only_fields = EVIDENCE_STAMPS


class LightningTestSerializer(TestRecordSerializer):
    class Meta:
        model = LightningTest
        fields = ["id", "protection", *TEST_FIELDS, *EvidenceSerializer.stamps]
        read_only_fields = EVIDENCE_STAMPS


class FloodCheckSerializer(TestRecordSerializer):
    class Meta:
        model = FloodCheck
        fields = ["id", "protection", *TEST_FIELDS, *EvidenceSerializer.stamps]
        read_only_fields = EVIDENCE_STAMPS
