"""API shapes of fee standards, bills (with their lines) and payments; validation is the models' own."""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from wuye.core.api import ScopedModelSerializer
from wuye.core.evidence import Channel
from wuye.finance.actions_fees import issue_bill, record_payment, save_notice, save_standard
from wuye.finance.choices_fees import FeeItem, PropertyKind
from wuye.finance.models import Bill, BillLine, FeeNotice, FeeStandard, Payment

EVIDENCE_STAMPS = ["recorded_at", "recorded_by", "channel", "backfilled", "hash"]


@extend_schema_field({"type": "array", "items": {"type": "string", "enum": FeeItem.values}})
class FeeItemList(serializers.ListField):
    """The permitted items, each one of a bill line's items."""

    child = serializers.ChoiceField(choices=FeeItem.choices)


RATED_ITEMS = [code for code in FeeItem.values if code != FeeItem.PROPERTY_SERVICE]


class FeeStandardSerializer(ScopedModelSerializer):
    """A standard; ``item_rates`` gives the approved rates of its other items ({item: rate per m² per
    month}); written, they replace the stored ones."""

    fee_items = FeeItemList(allow_empty=False)
    item_rates = serializers.DictField(
        child=serializers.DecimalField(max_digits=8, decimal_places=4, min_value=Decimal("0.0001")),
        required=False,
        write_only=True,  # read back by to_representation from the stored rows
        help_text=gettext_lazy('物业服务费以外项目的单价，如 {"elevator": "0.30"}'),
    )

    class Meta:
        model = FeeStandard
        fields = [
            "id",
            "project",
            "property_kind",
            "rate",
            "regime",
            "base_rate",
            "allowed_range",
            "fee_items",
            "item_rates",
            "approval_number",
            "approval_document",
            "effective_from",
            "published_on",
        ]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["item_rates"] = {rate.item: str(rate.rate) for rate in instance.item_rates.all()}
        return data

    def validate_item_rates(self, value):
        unknown = [item for item in value if item not in RATED_ITEMS]
        if unknown:
            raise serializers.ValidationError(
                _("没有可单独定价的收费项目：%(items)s。")
                % {"items": pgettext("list separator", "、").join(unknown)}
            )
        return value

    def validate(self, attrs):
        rates = attrs.pop("item_rates", None)
        permitted = set(attrs.get("fee_items") or (self.instance.fee_items if self.instance else []))
        outside = [item for item in rates or {} if item not in permitted]
        if outside:
            raise serializers.ValidationError(
                {
                    "item_rates": _("不在允许收费项目之内：%(items)s。")
                    % {"items": pgettext("list separator", "、").join(outside)}
                }
            )
        attrs = super().validate(attrs)
        self._item_rates = rates
        return attrs

    def save_instance(self, validated_data):
        user = self.context["request"].user
        rates = self._item_rates
        return self.call_action(lambda: save_standard(user, self._validated_instance, rates))


class FeeNoticeSerializer(ScopedModelSerializer):
    """A version of the posted fee notice; ``problems`` says what the current one lacks (1.6)."""

    class Meta:
        model = FeeNotice
        fields = [
            "id",
            "project",
            "published_on",
            "company_name",
            "payer",
            "service_content",
            "service_standard",
            "billing_method",
            "billing_start_date",
            "fee_basis",
            "price_complaint_hotline",
        ]

    def save_instance(self, validated_data):
        user = self.context["request"].user
        return self.call_action(lambda: save_notice(user, self._validated_instance))


class BillLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = BillLine
        fields = ["id", "item", "rate", "amount"]
        read_only_fields = fields


class BillSerializer(ScopedModelSerializer):
    """A bill is issued by the one computation (actions_fees.issue_bill): its lines are read-only."""

    lines = BillLineSerializer(many=True, read_only=True)
    total = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    property_kind = serializers.ChoiceField(choices=PropertyKind.choices, write_only=True, required=False)

    class Meta:
        model = Bill
        fields = [
            "id",
            "project",
            "household",
            "standard",
            "period_start",
            "months",
            "area",
            "issued_on",
            "lines",
            "total",
            "property_kind",
        ]
        read_only_fields = ["project", "standard", "area", "issued_on"]

    def validate(self, attrs):
        if self.instance is not None:
            raise serializers.ValidationError(_("账单出具后不能修改，请作废后重开。"))
        return attrs

    def create(self, validated_data):
        user = self.context["request"].user
        kind = validated_data.get("property_kind", PropertyKind.RESIDENTIAL)
        return self.call_action(
            lambda: issue_bill(
                user,
                validated_data["household"],
                validated_data["period_start"],
                months=validated_data.get("months", 1),
                kind=kind,
            )
        )


class PaymentSerializer(ScopedModelSerializer):
    class Meta:
        model = Payment
        fields = [
            "id",
            "project",
            "household",
            "amount",
            "method",
            "receipt_number",
            "occurred_at",
            "corrects",
            *EVIDENCE_STAMPS,
        ]
        read_only_fields = ["project", *EVIDENCE_STAMPS]

    def validate_amount(self, value):
        if value <= 0:
            raise serializers.ValidationError(_("缴费金额必须大于0。"))
        return value

    def validate(self, attrs):
        # The record is validated by append_evidence once it carries the server's stamps.
        self._validated_instance = self.build_instance(attrs)
        return attrs

    def create(self, validated_data):
        user = self.context["request"].user
        payment = self._validated_instance
        return self.call_action(lambda: record_payment(user, payment, channel=Channel.API))


class GenerateBillsSerializer(serializers.Serializer):
    """生成账单 through the API: every household of the project not yet billed for the period."""

    project = serializers.IntegerField()
    period_start = serializers.DateField()
    months = serializers.IntegerField(min_value=1, max_value=12, default=1)
    property_kind = serializers.ChoiceField(choices=PropertyKind.choices, default=PropertyKind.RESIDENTIAL)
