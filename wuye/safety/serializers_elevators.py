"""API representation of clause 4.2: the elevator register, and its records (created only through
``record_elevator_evidence``; a report or photo may be sent as multipart form data)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from wuye.core.api import ScopedModelSerializer
from wuye.core.evidence import Channel
from wuye.safety.actions_elevators import record_elevator_evidence
from wuye.safety.models import Breakdown, Elevator, ElevatorInspection, ElevatorLabelCheck, MaintenanceVisit
from wuye.safety.serializers import EVIDENCE_STAMPS
from wuye.safety.uploads import PHOTO_EXTENSIONS, REPORT_EXTENSIONS, validate_upload


class ElevatorSerializer(ScopedModelSerializer):
    class Meta:
        model = Elevator
        fields = [
            "id",
            "project",
            "building",
            "name",
            "location",
            "registration_code",
            "kind",
            "maker",
            "model_number",
            "serial_number",
            "rated_load",
            "stops",
            "maintenance_company",
            "maintenance_licence_number",
            "maintenance_licence_valid_until",
            "rescue_phone",
            "in_service_from",
            "active",
        ]


class ScopedFileField(serializers.FileField):
    """An uploaded file, shown as the link that hands it out through the record's scope (never /media/)."""

    def to_representation(self, value):
        if not value:
            return None
        obj = value.instance
        url = reverse("scoped-file", args=[obj._meta.label_lower, obj.pk, self.field_name])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class ElevatorRecordSerializer(ScopedModelSerializer):
    """What every elevator record shares: the server stamps, and creation through the action."""

    attachment = ScopedFileField(required=False, help_text=_("报告或照片（multipart/form-data）"))
    extensions = REPORT_EXTENSIONS

    def validate_attachment(self, upload):
        try:
            return validate_upload(upload, self.extensions)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None

    def validate(self, attrs):
        # The record is validated by append_evidence once it carries the server's stamps.
        self._validated_instance = self.build_instance(attrs)
        return attrs

    def create(self, validated_data):
        user = self.context["request"].user
        record = self._validated_instance
        return self.call_action(lambda: record_elevator_evidence(user, record, channel=Channel.API))


def record_fields(*names):
    return ["id", "elevator", "occurred_at", *names, "attachment", "corrects", *EVIDENCE_STAMPS]


class ElevatorInspectionSerializer(ElevatorRecordSerializer):
    class Meta:
        model = ElevatorInspection
        fields = record_fields("inspection_body", "result", "valid_until", "report_number", "note")
        read_only_fields = EVIDENCE_STAMPS


class MaintenanceVisitSerializer(ElevatorRecordSerializer):
    extensions = [*PHOTO_EXTENSIONS, "pdf"]

    class Meta:
        model = MaintenanceVisit
        fields = record_fields("tier", "technician", "technician_certificate", "items", "problems")
        read_only_fields = EVIDENCE_STAMPS


class BreakdownSerializer(ElevatorRecordSerializer):
    extensions = PHOTO_EXTENSIONS

    class Meta:
        model = Breakdown
        fields = record_fields("arrived_at", "released_at", "people_trapped", "cause", "rescuer")
        read_only_fields = EVIDENCE_STAMPS


class ElevatorLabelCheckSerializer(ElevatorRecordSerializer):
    extensions = PHOTO_EXTENSIONS

    class Meta:
        model = ElevatorLabelCheck
        fields = record_fields("inspection_mark_ok", "operating_labels_ok", "note")
        read_only_fields = EVIDENCE_STAMPS
