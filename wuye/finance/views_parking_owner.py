"""An owner's own parking leases on his fees page (2.6): one query, each with its rent paid so far."""

from django.db.models import Max, Sum

from wuye.finance.models import ParkingLease


def my_parking_leases(household_ids):
    """The leases of the owner's households, with the last payment day and the rent paid: one query."""
    return (
        ParkingLease.objects.filter(household_id__in=household_ids)
        .select_related("space", "household__building")
        .annotate(last_paid=Max("payments__paid_on"), paid=Sum("payments__amount"))
        .order_by("-start", "-pk")
    )
