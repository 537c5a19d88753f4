"""Parking records for the tests, saved as the models save them (the server derives project and months)."""

import datetime
from decimal import Decimal

from wuye.finance.models import ParkingLease, ParkingRentPayment, ParkingRules, ParkingSpace, ParkingTransfer


def space(project, number="D-01", level="above", ownership=None):
    ownership = ownership or ("common" if level == "above" else "developer")
    return ParkingSpace.objects.create(
        project=project, number=number, level=level, ownership=ownership, location="1号楼东侧"
    )


def lease(space_, household, *, months=12, start=datetime.date(2025, 1, 1), end=datetime.date(2027, 12, 31)):
    return ParkingLease.objects.create(
        space=space_,
        household=household,
        start=start,
        end=end,
        billing_months=months,
        rent=Decimal("1200.00"),
    )


def payment(lease_, *, paid_on=datetime.date(2025, 1, 5), amount="1200.00", start=None, end=None):
    start = start or datetime.date(paid_on.year, paid_on.month, 1)
    end = end or datetime.date(start.year + 1, start.month, 1) - datetime.timedelta(days=1)
    return ParkingRentPayment.objects.create(
        lease=lease_,
        paid_on=paid_on,
        amount=Decimal(amount),
        period_start=start,
        period_end=end,
        receipt_number=f"P{paid_on:%Y%m%d}",
    )


def transfer(space_, *, kind="sale", on=datetime.date(2025, 3, 1), buyer_name="张三", price="80000.00"):
    return ParkingTransfer.objects.create(
        space=space_, transferred_on=on, kind=kind, buyer_name=buyer_name, price=Decimal(price)
    )


def rules(project, *, on=datetime.date(2025, 1, 1), rent="1200.00"):
    return ParkingRules.objects.create(
        project=project,
        rules="地上车位只租不售，按年收取租金。",
        above_ground_rent=Decimal(rent),
        under_ground_rent=Decimal("300.00"),
        published_on=on,
    )
