"""API: parking spaces, leases, rent payments, transfers and rules (2.6); read where ``visible_to`` lets,
written by the company (others who read: 403; the unseen: 404)."""

from django.utils.translation import gettext_lazy as _

from wuye.core.api import ScopedViewSet
from wuye.core.filters import DivisionPrefixFilter, ScopedFilterSet, StableOrderingFilter
from wuye.finance.models import ParkingLease, ParkingRentPayment, ParkingRules, ParkingSpace, ParkingTransfer
from wuye.finance.serializers_parking import (
    ParkingLeaseSerializer,
    ParkingRentPaymentSerializer,
    ParkingRulesSerializer,
    ParkingSpaceSerializer,
    ParkingTransferSerializer,
)


def filterset(model_, fields, ordering):
    """A scoped filter set on ``fields`` with the project's division and stable sorting by ``ordering``."""

    meta = type("Meta", (), {"model": model_, "fields": fields})
    return type(
        f"{model_.__name__}Filter",
        (ScopedFilterSet,),
        {
            "Meta": meta,
            "division": DivisionPrefixFilter(
                field_name="project__division", label=_("项目所在区划（含下级）")
            ),
            "ordering": StableOrderingFilter(fields=ordering),
        },
    )


class ParkingViewSet(ScopedViewSet):
    ordering_fields: list[str] = []  # sorting is the filter set's (ties keep the model's order)


class ParkingSpaceViewSet(ParkingViewSet):
    """Parking spaces (停车位): above or under ground, and who owns them."""

    serializer_class = ParkingSpaceSerializer
    filterset_class = filterset(ParkingSpace, ["project", "level", "ownership"], ["number", "level"])
    search_fields = ["number", "location"]


class ParkingLeaseViewSet(ParkingViewSet):
    """Leases of spaces to households of the project (车位租赁), with the billing period in months."""

    serializer_class = ParkingLeaseSerializer
    filterset_class = filterset(ParkingLease, ["project", "space", "household"], ["start", "end"])
    select_related = ("space", "household")


class ParkingRentPaymentViewSet(ParkingViewSet):
    """Parking rent received (停车收入) and the period it covers."""

    serializer_class = ParkingRentPaymentSerializer
    filterset_class = filterset(ParkingRentPayment, ["project", "lease", "paid_on"], ["paid_on", "amount"])
    select_related = ("lease",)


class ParkingTransferViewSet(ParkingViewSet):
    """Sales and transfers of ownership of spaces (车位转让): a finding for an above-ground space."""

    serializer_class = ParkingTransferSerializer
    filterset_class = filterset(ParkingTransfer, ["project", "space", "kind"], ["transferred_on"])
    select_related = ("space",)


class ParkingRulesViewSet(ParkingViewSet):
    """A project's parking rules as published (停车管理规定); the latest published applies."""

    serializer_class = ParkingRulesSerializer
    filterset_class = filterset(ParkingRules, ["project"], ["published_on"])


def register(router) -> None:
    router.register("parking-spaces", ParkingSpaceViewSet, basename="parking-space")
    router.register("parking-leases", ParkingLeaseViewSet, basename="parking-lease")
    router.register("parking-payments", ParkingRentPaymentViewSet, basename="parking-payment")
    router.register("parking-transfers", ParkingTransferViewSet, basename="parking-transfer")
    router.register("parking-rules", ParkingRulesViewSet, basename="parking-rules")
