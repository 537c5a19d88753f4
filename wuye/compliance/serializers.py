"""API representation of findings, appeals and exemptions; writes go through wuye/compliance/actions.py."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied

from wuye.compliance import actions
from wuye.compliance.models import Finding
from wuye.compliance.review import Appeal, Exemption, ReviewStatusChange
from wuye.core.api import ScopedRelatedField, api_validation_error


def run_action(action):
    """Call a use case; its refusal (403, with its message) and its field errors (400) become API errors."""
    try:
        return action()
    except DjangoPermissionDenied as error:
        raise PermissionDenied(str(error) or None)
    except DjangoValidationError as error:
        raise api_validation_error(error)


class FindingSerializer(serializers.ModelSerializer):
    evidence = serializers.ListField(child=serializers.CharField(), read_only=True)
    parameters = serializers.DictField(read_only=True)
    appeal_deadline = serializers.SerializerMethodField(
        help_text=_("最后可提出申诉的时间（仅企业责任的问题）")
    )

    class Meta:
        model = Finding
        fields = [
            "id",
            "check_id",
            "clause_id",
            "subject",
            "subject_name",
            "project",
            "enterprise",
            "division",
            "party",
            "severity",
            "points",
            "veto",
            "state",
            "message",
            "period_start",
            "period_end",
            "evidence",
            "parameters",
            "first_found_at",
            "closed_at",
            "withdrawn_at",
            "withdrawn_reason",
            "appeal_deadline",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_appeal_deadline(self, finding):
        if finding.party != "B":
            return None  # only the enterprise appeals
        return serializers.DateTimeField().to_representation(actions.appeal_deadline(finding))


class StatusChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReviewStatusChange
        fields = ["from_status", "to_status", "by", "at", "note"]
        read_only_fields = fields


class AppealSerializer(serializers.ModelSerializer):
    """Filed with a finding and a statement (``file_appeal``); the rest is the pipeline's."""

    serializer_related_field = ScopedRelatedField
    status_changes = StatusChangeSerializer(many=True, read_only=True)

    class Meta:
        model = Appeal
        fields = [
            "id",
            "finding",
            "statement",
            "status",
            "filed_by",
            "filed_at",
            "decide_by",
            "decided_by",
            "decided_at",
            "decision_reason",
            "status_changes",
        ]
        read_only_fields = [
            "status",
            "filed_by",
            "filed_at",
            "decide_by",
            "decided_by",
            "decided_at",
            "decision_reason",
        ]
        # A blank statement reaches the action, which says what is missing.
        extra_kwargs = {"statement": {"allow_blank": True}}

    def create(self, validated_data):
        user = self.context["request"].user
        return run_action(
            lambda: actions.file_appeal(user, validated_data["finding"], validated_data["statement"])
        )


class AppealDecisionSerializer(serializers.Serializer):
    uphold = serializers.BooleanField(help_text=_("true：申诉成立（撤销该问题）；false：驳回"))
    reason = serializers.CharField(allow_blank=True, help_text=_("裁决理由"))


class ExemptionSerializer(serializers.ModelSerializer):
    """Requested for a project (or, for the enterprise's own checks, an enterprise) with reason and expiry."""

    serializer_related_field = ScopedRelatedField
    status_changes = StatusChangeSerializer(many=True, read_only=True)

    class Meta:
        model = Exemption
        fields = [
            "id",
            "check_id",
            "project",
            "enterprise",
            "reason",
            "valid_from",
            "expires_on",
            "status",
            "requested_by",
            "requested_at",
            "decided_by",
            "decided_at",
            "decision_reason",
            "status_changes",
        ]
        read_only_fields = [
            "status",
            "requested_by",
            "requested_at",
            "decided_by",
            "decided_at",
            "decision_reason",
        ]
        # Missing reason or expiry reach the action, which names them in Chinese.
        extra_kwargs = {
            "reason": {"allow_blank": True, "required": False, "default": ""},
            "expires_on": {"required": False, "allow_null": True, "default": None},
            "valid_from": {"required": False, "allow_null": True, "default": None},
        }

    def create(self, validated_data):
        user = self.context["request"].user
        return run_action(
            lambda: actions.request_exemption(
                user,
                validated_data.get("project"),
                validated_data["check_id"],
                validated_data["reason"],
                validated_data["expires_on"],
                enterprise=validated_data.get("enterprise"),
                valid_from=validated_data["valid_from"],
            )
        )


class ExemptionDecisionSerializer(serializers.Serializer):
    approve = serializers.BooleanField(help_text=_("true：批准；false：驳回"))
    reason = serializers.CharField(allow_blank=True, help_text=_("审批意见"))


class ExemptionRevocationSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, help_text=_("撤销理由"))
