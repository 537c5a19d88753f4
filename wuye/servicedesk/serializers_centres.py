"""Serializers of clauses 1.2 and 3.3: offices, service centres and the shifts of their roster."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from wuye.compliance.rosters import MAX_REPEAT_DAYS
from wuye.core.api import ScopedModelSerializer
from wuye.servicedesk.actions_centres import add_centre_shifts
from wuye.servicedesk.models import CentreShift, Office, ServiceCentre


class OfficeSerializer(ScopedModelSerializer):
    class Meta:
        model = Office
        fields = ["id", "enterprise", "address", "phone", "since", "until"]


class ServiceCentreSerializer(ScopedModelSerializer):
    class Meta:
        model = ServiceCentre
        fields = ["id", "project", "address", "opening_hours", "service_phone", "opened_on", "active"]


class CentreShiftSerializer(ScopedModelSerializer):
    """A shift of a centre's roster; only shifts that have not ended can be added (``add_centre_shifts``)."""

    repeat_days = serializers.IntegerField(
        write_only=True,
        required=False,
        default=0,
        min_value=0,
        max_value=MAX_REPEAT_DAYS,
        help_text=_("之后每天重复的天数"),
    )

    class Meta:
        model = CentreShift
        fields = ["id", "centre", "attendant", "starts_at", "ends_at", "repeat_days"]

    def validate(self, attrs):
        repeat = attrs.pop("repeat_days", 0)
        attrs = super().validate(attrs)
        attrs["repeat_days"] = repeat
        return attrs

    def create(self, validated_data):
        user = self.context["request"].user
        shifts = self.call_action(
            lambda: add_centre_shifts(
                user,
                validated_data["centre"],
                attendant=validated_data["attendant"],
                starts_at=validated_data["starts_at"],
                ends_at=validated_data["ends_at"],
                repeat_days=validated_data["repeat_days"],
            )
        )
        return shifts[0]
