"""API shapes of clause 2.5: owners' votes, uses of common parts, their income. Validation is the models'
(the forms say the same); saving goes through ``actions_commonareas``."""

from rest_framework import serializers

from wuye.core.api import ScopedModelSerializer
from wuye.finance.actions_commonareas import fill_register_totals, record_income, save_use, save_vote
from wuye.finance.models import CommonAreaIncome, CommonAreaUse, OwnersVote


class OwnersVoteSerializer(ScopedModelSerializer):
    """A vote; ``owners_total`` and ``area_total`` left out are the household register's."""

    owners_total = serializers.IntegerField(min_value=0, required=False)
    area_total = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0, required=False)

    class Meta:
        model = OwnersVote
        fields = [
            "id",
            "project",
            "held_on",
            "subject",
            "owners_total",
            "area_total",
            "owners_participating",
            "area_participating",
            "owners_in_favour",
            "area_in_favour",
            "minutes",
        ]

    def build_instance(self, attrs):
        instance = super().build_instance(attrs)
        fill_register_totals(instance)
        return instance

    def save_instance(self, validated_data):
        user = self.context["request"].user
        return self.call_action(lambda: save_vote(user, self._validated_instance))


class CommonAreaUseSerializer(ScopedModelSerializer):
    authorised = serializers.BooleanField(read_only=True)
    income_total = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    account_code = serializers.CharField(read_only=True)

    class Meta:
        model = CommonAreaUse
        fields = [
            "id",
            "project",
            "kind",
            "location",
            "description",
            "counterparty",
            "start",
            "end",
            "vote",
            "yearly_fee",
            "account_code",
            "authorised",
            "income_total",
        ]

    def save_instance(self, validated_data):
        user = self.context["request"].user
        return self.call_action(lambda: save_use(user, self._validated_instance))


class CommonAreaIncomeSerializer(ScopedModelSerializer):
    class Meta:
        model = CommonAreaIncome
        fields = [
            "id",
            "use",
            "project",
            "received_on",
            "amount",
            "receipt_number",
            "note",
            "recorded_at",
            "recorded_by",
        ]
        read_only_fields = ["project", "recorded_at", "recorded_by"]

    def save_instance(self, validated_data):
        user = self.context["request"].user
        return self.call_action(lambda: record_income(user, self._validated_instance))
