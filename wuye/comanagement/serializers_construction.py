"""API shapes of illegal construction cases (5.1): a new case is opened through ``open_case`` (a household
outside the project is a field error, nothing written); its moments and status change by its moves."""

from wuye.comanagement.actions_construction import open_case
from wuye.comanagement.models import ConstructionCase
from wuye.core.api import ScopedModelSerializer


class ConstructionCaseSerializer(ScopedModelSerializer):
    class Meta:
        model = ConstructionCase
        fields = [
            "id",
            "project",
            "household",
            "what",
            "found_at",
            "warned_at",
            "reported_at",
            "authority",
            "answered_at",
            "answer",
            "outcome",
            "status",
        ]
        read_only_fields = ["status", "warned_at", "reported_at", "answered_at"]

    def save_instance(self, validated_data):
        if self.instance is None:
            user = self.context["request"].user
            return self.call_action(lambda: open_case(user, self._validated_instance))
        return super().save_instance(validated_data)
