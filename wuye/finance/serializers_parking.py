"""API shapes of parking (2.6): the models' own validation (a household of another project, amounts not
above zero) answers as field errors, and nothing is written."""

from wuye.core.api import ScopedModelSerializer
from wuye.finance.models import ParkingLease, ParkingRentPayment, ParkingRules, ParkingSpace, ParkingTransfer


class ParkingSpaceSerializer(ScopedModelSerializer):
    class Meta:
        model = ParkingSpace
        fields = ["id", "project", "number", "level", "location", "ownership"]


class ParkingLeaseSerializer(ScopedModelSerializer):
    class Meta:
        model = ParkingLease
        fields = ["id", "project", "space", "household", "start", "end", "billing_months", "rent"]
        read_only_fields = ["project"]


class ParkingRentPaymentSerializer(ScopedModelSerializer):
    class Meta:
        model = ParkingRentPayment
        fields = [
            "id",
            "project",
            "household",
            "lease",
            "paid_on",
            "amount",
            "period_start",
            "period_end",
            "months",
            "receipt_number",
        ]
        read_only_fields = ["project", "household", "months"]


class ParkingTransferSerializer(ScopedModelSerializer):
    class Meta:
        model = ParkingTransfer
        fields = [
            "id",
            "project",
            "space",
            "transferred_on",
            "kind",
            "buyer_household",
            "buyer_name",
            "price",
        ]
        read_only_fields = ["project"]


class ParkingRulesSerializer(ScopedModelSerializer):
    class Meta:
        model = ParkingRules
        fields = ["id", "project", "rules", "above_ground_rent", "under_ground_rent", "published_on"]
