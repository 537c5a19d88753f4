"""The API form of a shift, shared by every roster (entrances 4.1, service centres 3.3)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from wuye.compliance.rosters import MAX_REPEAT_DAYS
from wuye.core.api import ScopedModelSerializer


class RosterShiftSerializer(ScopedModelSerializer):
    """A shift of a roster; only shifts that have not ended can be added (through ``add_shifts``).

    A roster's serializer names its subject's and person's fields and the action that adds its shifts:
    ``add_shifts(user, subject, *, <person_field>=…, starts_at, ends_at, repeat_days)``.
    """

    subject_field = None  # "entrance", "centre"
    person_field = None  # "guard", "attendant"
    add_shifts = None  # staticmethod(the roster's action)

    repeat_days = serializers.IntegerField(
        write_only=True,
        required=False,
        default=0,
        min_value=0,
        max_value=MAX_REPEAT_DAYS,
        help_text=_("之后每天重复的天数"),
    )

    def validate(self, attrs):
        repeat = attrs.pop("repeat_days", 0)
        attrs = super().validate(attrs)
        attrs["repeat_days"] = repeat
        return attrs

    def create(self, validated_data):
        user = self.context["request"].user
        shifts = self.call_action(
            lambda: self.add_shifts(
                user,
                validated_data[self.subject_field],
                **{self.person_field: validated_data[self.person_field]},
                starts_at=validated_data["starts_at"],
                ends_at=validated_data["ends_at"],
                repeat_days=validated_data["repeat_days"],
            )
        )
        return shifts[0]
