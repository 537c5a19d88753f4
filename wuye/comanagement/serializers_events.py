"""API shape of the regulator's events: recorded through ``record_event`` (regulators only)."""

from wuye.comanagement.actions_events import record_event
from wuye.comanagement.models import RegulatorEvent
from wuye.core.api import ScopedModelSerializer


class RegulatorEventSerializer(ScopedModelSerializer):
    class Meta:
        model = RegulatorEvent
        fields = [
            "id",
            "enterprise",
            "project",
            "kind",
            "occurred_on",
            "source",
            "description",
            "recorded_by",
            "recorded_at",
        ]
        read_only_fields = ["recorded_by", "recorded_at"]

    def save_instance(self, validated_data):
        user = self.context["request"].user
        return self.call_action(lambda: record_event(user, self._validated_instance))
