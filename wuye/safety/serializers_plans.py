"""API representation of clauses 3.4, 3.5, 4.5 and the entrance signs. Evidence is created only through
the actions (``actions_plans``); files go up as multipart and come back as a scoped download link."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from wuye.core.api import ScopedModelSerializer
from wuye.core.evidence import Channel
from wuye.safety.actions_plans import (
    record_incident,
    record_plan,
    record_project_evidence,
    record_sign_photo,
    review_content,
    review_plan,
)
from wuye.safety.models import (
    ArchiveDocument,
    ContentReview,
    Drill,
    EmergencyPlan,
    Incident,
    PlanReview,
    SignPhoto,
    StoppageNotice,
    Vehicle,
    VehicleRules,
)
from wuye.safety.serializers import EVIDENCE_STAMPS


class EvidenceSerializer(ScopedModelSerializer):
    """Evidence with a file: validated by ``append_evidence`` once stamped, recorded by ``action``."""

    attachment = serializers.FileField(
        write_only=True, required=False, help_text=_("文件（multipart 上传）；返回时见 attachment_url")
    )
    attachment_url = serializers.SerializerMethodField(help_text=_("下载地址（按权限提供）"))

    def get_attachment_url(self, record) -> str | None:
        if not record.attachment:
            return None
        return reverse("scoped-file", args=[record._meta.label_lower, record.pk, "attachment"])

    def validate(self, attrs):
        self._validated_instance = self.build_instance(attrs)
        return attrs

    def action(self, user, record):
        return record_project_evidence(user, record, channel=Channel.API)

    def create(self, validated_data):
        user = self.context["request"].user
        record = self._validated_instance
        return self.call_action(lambda: self.action(user, record))


FILE_FIELDS = ["attachment", "attachment_url", *EVIDENCE_STAMPS]


class EmergencyPlanSerializer(EvidenceSerializer):
    class Meta:
        model = EmergencyPlan
        fields = [
            "id",
            "project",
            "plan_type",
            "type_name",
            "title",
            "approved_by",
            "occurred_at",
            *FILE_FIELDS,
        ]
        read_only_fields = EVIDENCE_STAMPS

    def action(self, user, record):
        return record_plan(user, record, channel=Channel.API)


class PlanReviewSerializer(EvidenceSerializer):
    class Meta:
        model = PlanReview
        fields = [
            "id",
            "plan",
            "project",
            "plan_type",
            "kind",
            "occurred_at",
            "reviewer",
            "conclusion",
            *FILE_FIELDS,
        ]
        read_only_fields = ["project", "plan_type", "kind", *EVIDENCE_STAMPS]

    def action(self, user, record):
        return review_plan(user, record, channel=Channel.API)


class DrillSerializer(EvidenceSerializer):
    class Meta:
        model = Drill
        fields = [
            "id",
            "project",
            "plan_type",
            "type_name",
            "occurred_at",
            "participant_count",
            "participants",
            "summary",
            *FILE_FIELDS,
        ]
        read_only_fields = EVIDENCE_STAMPS


class IncidentSerializer(EvidenceSerializer):
    """An incident; one still going on is completed by posting a new one that ``corrects`` it."""

    class Meta:
        model = Incident
        fields = [
            "id",
            "project",
            "plan_type",
            "type_name",
            "occurred_at",
            "plan_started_at",
            "ended_at",
            "description",
            "actions",
            "corrects",
            *FILE_FIELDS,
        ]
        read_only_fields = EVIDENCE_STAMPS

    def action(self, user, record):
        return record_incident(user, record, channel=Channel.API)


class StoppageNoticeSerializer(EvidenceSerializer):
    """A planned stoppage; ``occurred_at`` is when owners were told (at least 24 h before it begins)."""

    class Meta:
        model = StoppageNotice
        fields = [
            "id",
            "project",
            "kind",
            "planned_start",
            "planned_end",
            "occurred_at",
            "method",
            "area",
            "reason",
            *FILE_FIELDS,
        ]
        read_only_fields = EVIDENCE_STAMPS


class ArchiveDocumentSerializer(EvidenceSerializer):
    """A document of the project's archive; ``occurred_at`` (filed) defaults to now."""

    occurred_at = serializers.DateTimeField(required=False, help_text=_("归档时间，默认当前时间"))

    class Meta:
        model = ArchiveDocument
        fields = ["id", "project", "category", "title", "document_date", "note", "occurred_at", *FILE_FIELDS]
        read_only_fields = EVIDENCE_STAMPS

    def validate(self, attrs):
        attrs.setdefault("occurred_at", timezone.now())
        return super().validate(attrs)


class VehicleRulesSerializer(EvidenceSerializer):
    class Meta:
        model = VehicleRules
        fields = ["id", "project", "title", "responsible", "occurred_at", *FILE_FIELDS]
        read_only_fields = EVIDENCE_STAMPS


class SignPhotoSerializer(EvidenceSerializer):
    class Meta:
        model = SignPhoto
        fields = ["id", "entrance", "occurred_at", "note", *FILE_FIELDS]
        read_only_fields = EVIDENCE_STAMPS

    def action(self, user, record):
        return record_sign_photo(user, record, channel=Channel.API)


class ContentReviewSerializer(ScopedModelSerializer):
    """A committee member's or regulator's verdict on vehicle rules or a sign photo (one of the two)."""

    class Meta:
        model = ContentReview
        fields = [
            "id",
            "project",
            "vehicle_rules",
            "sign_photo",
            "verdict",
            "note",
            "occurred_at",
            *EVIDENCE_STAMPS,
        ]
        read_only_fields = ["project", "occurred_at", *EVIDENCE_STAMPS]

    def validate(self, attrs):
        targets = [attrs.get("vehicle_rules"), attrs.get("sign_photo")]
        if sum(target is not None for target in targets) != 1:
            raise serializers.ValidationError(_("请指定一条车辆管理制度或一张标志照片。"))
        return attrs

    def create(self, validated_data):
        user = self.context["request"].user
        target = validated_data.get("vehicle_rules") or validated_data.get("sign_photo")
        return self.call_action(
            lambda: review_content(
                user,
                target,
                verdict=validated_data["verdict"],
                note=validated_data.get("note", ""),
                channel=Channel.API,
            )
        )


class VehicleSerializer(ScopedModelSerializer):
    """A vehicle of a household; the project is the household's, the plate normalised (蒙B12345)."""

    class Meta:
        model = Vehicle
        fields = ["id", "project", "household", "kind", "plate", "description", "active"]
        read_only_fields = ["project"]
