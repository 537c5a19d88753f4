"""API shapes of wages, terminations, policy documents and training; validation is the models' own."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from wuye.core.api import ScopedModelSerializer, ScopedRelatedField
from wuye.core.evidence import Channel
from wuye.enterprises.actions_people import file_policy, record_termination, record_training, record_wage
from wuye.enterprises.models import PolicyDocument, Staff, Termination, TrainingSession, WagePayment
from wuye.enterprises.models_people import ReviewOutcome

EVIDENCE_STAMPS = ["recorded_at", "recorded_by", "channel", "backfilled", "hash"]


class WagePaymentSerializer(ScopedModelSerializer):
    staff_name = serializers.CharField(source="employment.staff.name", read_only=True)

    class Meta:
        model = WagePayment
        fields = ["id", "employment", "staff_name", "month", "amount", "paid_on", "method"]

    def create(self, validated_data):
        wage = self._validated_instance
        return self.call_action(lambda: record_wage(self.context["request"].user, wage))


class TerminationSerializer(ScopedModelSerializer):
    staff_name = serializers.CharField(source="employment.staff.name", read_only=True)
    lawful = serializers.BooleanField(read_only=True)

    class Meta:
        model = Termination
        fields = [
            "id",
            "employment",
            "staff_name",
            "date",
            "reason",
            "lawful",
            "note",
            "outcome",
            "review_note",
            "reviewed_by",
            "reviewed_at",
        ]
        read_only_fields = ["outcome", "review_note", "reviewed_by", "reviewed_at"]

    def create(self, validated_data):
        termination = self._validated_instance
        return self.call_action(lambda: record_termination(self.context["request"].user, termination))


class ReviewSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=ReviewOutcome.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class PolicyDocumentSerializer(ScopedModelSerializer):
    class Meta:
        model = PolicyDocument
        fields = ["id", "enterprise", "category", "title", "occurred_at", "attachment", *EVIDENCE_STAMPS]
        read_only_fields = EVIDENCE_STAMPS

    def validate(self, attrs):
        # Validated by append_evidence once it carries the server's stamps.
        self._validated_instance = self.build_instance(attrs)
        return attrs

    def create(self, validated_data):
        policy = self._validated_instance
        return self.call_action(
            lambda: file_policy(self.context["request"].user, policy, channel=Channel.API)
        )


class TrainingSessionSerializer(ScopedModelSerializer):
    # A through model's many-to-many is read-only to DRF: written here, saved by record_training.
    attendees = ScopedRelatedField(many=True, queryset=Staff.objects.all(), required=False)

    class Meta:
        model = TrainingSession
        fields = ["id", "enterprise", "held_on", "topic", "hours", "trainer", "attendees"]

    def validate(self, attrs):
        attendees = attrs.pop("attendees", None)
        attrs = super().validate(attrs)
        if attendees is not None:
            enterprise = attrs.get("enterprise") or (self.instance and self.instance.enterprise)
            if any(staff.enterprise_id != enterprise.pk for staff in attendees):
                raise serializers.ValidationError({"attendees": _("只能登记本企业的员工。")})
            attrs["attendees"] = attendees
        return attrs

    def create(self, validated_data):
        session = self._validated_instance
        staff = [s.pk for s in validated_data.get("attendees", [])]
        return self.call_action(lambda: record_training(self.context["request"].user, session, staff))

    def update(self, instance, validated_data):
        session = self._validated_instance
        staff = [s.pk for s in validated_data.get("attendees", instance.attendees.all())]
        return self.call_action(lambda: record_training(self.context["request"].user, session, staff))
