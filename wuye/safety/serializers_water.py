"""API representation of clauses 4.6 and 4.7; records are created only through ``actions_water``."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from wuye.core.api import ScopedModelSerializer
from wuye.core.evidence import Channel
from wuye.safety import actions_water as actions
from wuye.safety.models import (
    DefectFix,
    PollutionIncident,
    PollutionReport,
    SepticEmptying,
    SepticTank,
    SewerCheck,
    SewerFlush,
    TankCleaning,
    WaterQualityReport,
    WaterTank,
    WaterTest,
)
from wuye.safety.serializers import EVIDENCE_STAMPS
from wuye.safety.water_limits import ROUTINE_ITEMS


class WaterTankSerializer(ScopedModelSerializer):
    class Meta:
        model = WaterTank
        fields = [
            "id",
            "project",
            "name",
            "kind",
            "location",
            "capacity",
            "serves",
            "in_service_from",
            "active",
        ]


class SepticTankSerializer(ScopedModelSerializer):
    class Meta:
        model = SepticTank
        fields = ["id", "project", "name", "location", "capacity", "in_service_from", "active"]


class EvidenceSerializer(ScopedModelSerializer):
    """A record stamped and chained by the server (``recorded_at`` from its clock); appended by ``action``."""

    action = None  # an actions_water function (user, record, *, channel)

    def validate(self, attrs):
        # The record is validated by append_evidence once it carries the server's stamps.
        self._validated_instance = self.build_instance(attrs)
        return attrs

    def create(self, validated_data):
        user = self.context["request"].user
        record = self._validated_instance
        self.call_action(lambda: type(self).action(user, record, channel=Channel.API))
        return record


class WaterTestSerializer(EvidenceSerializer):
    """A lab test: the seven routine items of GB 17051-1997 §4.2 in the units of GB 5749; ``attachment``
    is the report file (multipart)."""

    action = actions.record_water_test

    class Meta:
        model = WaterTest
        fields = [
            "id",
            "tank",
            "occurred_at",
            "laboratory",
            "laboratory_cma",
            "report_number",
            "sample_point",
            *[item.name for item in ROUTINE_ITEMS],
            "attachment",
            "corrects",
            *EVIDENCE_STAMPS,
        ]
        read_only_fields = EVIDENCE_STAMPS
        extra_kwargs = {
            "occurred_at": {"help_text": _("采样时间")},
            "odour_visible_matter": {"help_text": _("true：检出异臭异味或肉眼可见物")},
            "total_coliforms": {"help_text": _("true：检出总大肠菌群")},
        }


class TankCleaningSerializer(EvidenceSerializer):
    action = actions.record_tank_cleaning

    class Meta:
        model = TankCleaning
        fields = [
            "id",
            "tank",
            "occurred_at",
            "contractor",
            "disinfectant",
            "note",
            "attachment",
            "corrects",
            *EVIDENCE_STAMPS,
        ]
        read_only_fields = EVIDENCE_STAMPS


class WaterQualityReportSerializer(EvidenceSerializer):
    """An owner's odour or colour report; ``deadline`` and ``handled_at`` come from the defect it opened."""

    deadline = serializers.DateTimeField(read_only=True, help_text=_("处理期限"))
    handled_at = serializers.DateTimeField(read_only=True, allow_null=True, help_text=_("处理时间"))

    class Meta:
        model = WaterQualityReport
        fields = [
            "id",
            "project",
            "tank",
            "occurred_at",
            "complaint",
            "description",
            "reporter",
            "place",
            "ticket",
            "attachment",
            "corrects",
            "deadline",
            "handled_at",
            *EVIDENCE_STAMPS,
        ]
        read_only_fields = ["ticket", *EVIDENCE_STAMPS]

    def create(self, validated_data):
        user = self.context["request"].user
        report = self._validated_instance
        defect = self.call_action(
            lambda: actions.record_water_quality_report(user, report, channel=Channel.API)
        )
        report.deadline, report.handled_at = defect.deadline, defect.fixed_at
        return report


class ReportHandlingSerializer(ScopedModelSerializer):
    """How a report was handled: the fix of its defect (``POST …/water-quality-reports/{id}/handle/``)."""

    class Meta:
        model = DefectFix
        fields = ["id", "occurred_at", "note", "attachment", *EVIDENCE_STAMPS]
        read_only_fields = EVIDENCE_STAMPS

    def validate(self, attrs):
        self._validated_instance = self.build_instance(attrs)
        return attrs

    def create(self, validated_data):
        user, report = self.context["request"].user, self.context["report"]
        fix = self._validated_instance
        return self.call_action(
            lambda: actions.handle_water_quality_report(user, report, fix, channel=Channel.API)
        )


class PollutionIncidentSerializer(EvidenceSerializer):
    """A pollution of the water supply; its reports to the authority are ``/api/pollution-reports/``."""

    action = actions.record_pollution_incident
    reported_at = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text=_("首次报告相关部门的时间")
    )

    class Meta:
        model = PollutionIncident
        fields = [
            "id",
            "project",
            "tank",
            "occurred_at",
            "description",
            "measures",
            "attachment",
            "corrects",
            "reported_at",
            *EVIDENCE_STAMPS,
        ]
        read_only_fields = EVIDENCE_STAMPS

    def create(self, validated_data):
        incident = super().create(validated_data)
        incident.reported_at = None
        return incident


class PollutionReportSerializer(EvidenceSerializer):
    action = actions.record_pollution_report

    class Meta:
        model = PollutionReport
        fields = [
            "id",
            "incident",
            "occurred_at",
            "authority",
            "received_by",
            "note",
            "corrects",
            *EVIDENCE_STAMPS,
        ]
        read_only_fields = EVIDENCE_STAMPS
        extra_kwargs = {"occurred_at": {"help_text": _("报告时间")}}


class SewerCheckSerializer(EvidenceSerializer):
    action = actions.record_sewer_check

    class Meta:
        model = SewerCheck
        fields = [
            "id",
            "project",
            "occurred_at",
            "inspector",
            "problems",
            "attachment",
            "corrects",
            *EVIDENCE_STAMPS,
        ]
        read_only_fields = EVIDENCE_STAMPS


class SewerFlushSerializer(EvidenceSerializer):
    action = actions.record_sewer_flush

    class Meta:
        model = SewerFlush
        fields = [
            "id",
            "project",
            "occurred_at",
            "contractor",
            "extent",
            "note",
            "attachment",
            "corrects",
            *EVIDENCE_STAMPS,
        ]
        read_only_fields = EVIDENCE_STAMPS


class SepticEmptyingSerializer(EvidenceSerializer):
    action = actions.record_septic_emptying

    class Meta:
        model = SepticEmptying
        fields = [
            "id",
            "septic_tank",
            "occurred_at",
            "contractor",
            "volume",
            "note",
            "attachment",
            "corrects",
            *EVIDENCE_STAMPS,
        ]
        read_only_fields = EVIDENCE_STAMPS
