"""Demo parking (clause 2.6): spaces, yearly leases of the above-ground ones, their rent matching the
statements, the developers' under-ground spaces, the rules, and fault P1.

Every project has ``ABOVE`` above-ground spaces (the owners' common property) and ``UNDER`` under-ground
ones of the developer. The above-ground spaces are let by the year to households of the estate: half of
the leases run from January, half from July, each paid once a year for the twelve months ahead, so the
rent received in each half year is paid by one half of the leases; it adds up, to the fen, to what that
half year's statement (built before this) shows on 4003.01 地面车位租金 (on the level-1 4003 where the
statement has no level-2 parking line: fault S2 of demo/statements.py). Where a statement shows a shortfall
of property fees, the parking income it applies to it is what ``parking_income`` asks. The developer lets
one under-ground space by the month and has sold another to a household: both lawful.

P1. Above-ground space sold (书香苑): space D-31 was sold to a buyer three months ago
    (2.6.no_sale; severe).
"""

import datetime
import random
from collections import defaultdict
from decimal import Decimal

from wuye.compliance.duties import bucket_of
from wuye.core.dates import add_months
from wuye.estates.demo.build import bulk
from wuye.estates.demo.plan import PROJECTS
from wuye.estates.models import Household
from wuye.finance.choices_parking import SpaceLevel, SpaceOwnership, TransferKind
from wuye.finance.models import (
    ParkingLease,
    ParkingRentPayment,
    ParkingRules,
    ParkingSpace,
    ParkingTransfer,
    Statement,
    StatementLine,
)
from wuye.finance.parking_income import with_parking_figures
from wuye.finance.validation_statements import to_fen

SOLD = "shuxiang"  # fault P1
SOLD_MONTHS_AGO = 3
ABOVE = 30  # let by the year, half from January and half from July
UNDER = 4
YEARLY_RENT = Decimal("2400.00")
RULES = (
    "一、小区地上停车位属全体业主共有，只租不售。\n"
    "二、地上车位租金按年收取，每年{rent}元，收入纳入小区公共收支，优先弥补物业费不足。\n"
    "三、车辆按指定车位停放，不得占用消防通道。"
)


def build_parking(region, seed: int) -> None:
    rng = random.Random(f"{seed}-parking")
    shown = parking_shown()
    for plan in PROJECTS:
        project = region.projects[plan.key]
        households = list(Household.objects.filter(project=project).order_by("pk"))
        takeover = region.takeovers[plan.key]
        spaces = bulk(ParkingSpace, project_spaces(project, plan.key))
        above = [s for s in spaces if s.level == SpaceLevel.ABOVE_GROUND][:ABOVE]
        under = [s for s in spaces if s.level == SpaceLevel.UNDER_GROUND]
        first = bucket_of(takeover, 12)
        leases = bulk(
            ParkingLease,
            [
                ParkingLease(
                    project=project,
                    space=space,
                    household=households[index % len(households)],
                    start=first if index % 2 == 0 else add_months(first, 6),
                    end=datetime.date(region.today.year + 2, 12, 31),
                    billing_months=12,
                    rent=YEARLY_RENT,
                )
                for index, space in enumerate(above)
            ],
        )
        payments = rent_payments(project, leases, shown.get(project.pk, []))
        payments += developer_lets(project, under, households, region.today, rng)
        bulk(ParkingRentPayment, payments)
        ParkingTransfer.objects.create(
            space=under[1],
            transferred_on=takeover - datetime.timedelta(days=rng.randint(30, 400)),
            kind=TransferKind.SALE,
            buyer_household=households[-1],
            price=Decimal(rng.randint(60, 120) * 1000),
        )
        if plan.key == SOLD:
            sell_above_ground(project, spaces, region.today)
        bulk(
            ParkingRules,
            [
                ParkingRules(
                    project=project,
                    rules=RULES.format(rent=YEARLY_RENT),
                    above_ground_rent=YEARLY_RENT,
                    under_ground_rent=Decimal("300.00"),
                    published_on=takeover,
                )
            ],
        )
    apply_to_shortfall()
    region.faults += fault_lines(region)


def project_spaces(project, key) -> list[ParkingSpace]:
    above = ABOVE + (1 if key == SOLD else 0)
    spaces = [
        ParkingSpace(
            project=project,
            number=f"D-{n:02d}",
            level=SpaceLevel.ABOVE_GROUND,
            location="小区主干道东侧" if n % 2 else "小区主干道西侧",
            ownership=SpaceOwnership.COMMON,
        )
        for n in range(1, above + 1)
    ]
    spaces += [
        ParkingSpace(
            project=project,
            number=f"B1-{n:03d}",
            level=SpaceLevel.UNDER_GROUND,
            location="地下车库",
            ownership=SpaceOwnership.DEVELOPER,
        )
        for n in range(1, UNDER + 1)
    ]
    return spaces


def parking_shown() -> dict:
    """{project id: [(half-year start, rent shown)]} of every statement: its 4003.01 line, else its 4003."""
    lines = defaultdict(dict)
    rows = StatementLine.objects.filter(account__project=None, account__code__in=["4003", "4003.01"])
    for statement_id, code, amount in rows.values_list("statement_id", "account__code", "amount"):
        lines[statement_id][code] = amount
    shown = defaultdict(list)
    for statement in Statement.objects.filter(pk__in=list(lines)).order_by("year", "half"):
        codes = lines[statement.pk]
        shown[statement.project_id].append((statement.period_start, codes.get("4003.01", codes.get("4003"))))
    return shown


def rent_payments(project, leases, halves) -> list[ParkingRentPayment]:
    """Each half year's rent, paid by the leases that run from its first month, adding up to ``amount``."""
    payments = []
    for start, amount in halves:
        payers = [lease for lease in leases if lease.start.month == start.month and lease.start <= start]
        if not payers or not amount:
            continue
        share = to_fen(amount / len(payers))
        for index, lease in enumerate(payers):
            paid = share if index < len(payers) - 1 else amount - share * (len(payers) - 1)
            payments.append(
                ParkingRentPayment(
                    project=project,
                    household_id=lease.household_id,
                    lease=lease,
                    paid_on=start + datetime.timedelta(days=4 + index % 20),
                    amount=paid,
                    period_start=start,
                    period_end=add_months(start, 12) - datetime.timedelta(days=1),
                    months=12,
                    receipt_number=f"TC{start:%Y%m}{index + 1:03d}",
                )
            )
    return payments


def developer_lets(project, under, households, today, rng) -> list[ParkingRentPayment]:
    """The developer lets its first under-ground space by the month (lawful: the clause is above ground)."""
    this_month = today.replace(day=1)
    lease = ParkingLease.objects.create(
        space=under[0],
        household=households[1 % len(households)],
        start=add_months(this_month, -3),
        end=add_months(this_month, 9) - datetime.timedelta(days=1),
        billing_months=1,
        rent=Decimal("300.00"),
    )
    return [
        ParkingRentPayment(
            project=project,
            household_id=lease.household_id,
            lease=lease,
            paid_on=month + datetime.timedelta(days=rng.randint(0, 4)),
            amount=Decimal("300.00"),
            period_start=month,
            period_end=add_months(month, 1) - datetime.timedelta(days=1),
            months=1,
            receipt_number=f"KF{month:%Y%m}",
        )
        for month in (add_months(this_month, -3), add_months(this_month, -2), add_months(this_month, -1))
    ]


def sell_above_ground(project, spaces, today) -> None:
    """Fault P1: the one above-ground space not let, sold."""
    space = next(s for s in spaces if s.number == f"D-{ABOVE + 1:02d}")
    ParkingTransfer.objects.create(
        space=space,
        transferred_on=add_months(today, -SOLD_MONTHS_AGO),
        kind=TransferKind.SALE,
        buyer_name="王某",
        price=Decimal("85000.00"),
    )


def apply_to_shortfall() -> None:
    """Each statement with a shortfall of property fees applies the parking income it owes to it."""
    owing = with_parking_figures(Statement.objects.all()).filter(owed__gt=0).values_list("pk", "owed")
    for pk, owed in list(owing):
        Statement.objects.filter(pk=pk).update(parking_to_shortfall=to_fen(owed))


def fault_lines(region) -> list[str]:
    """Fault P1 in words, for seed_demo to print."""
    return [
        f"出售地上停车位：{region.projects[SOLD].name}地上停车位D-{ABOVE + 1:02d}"
        f"于{SOLD_MONTHS_AGO}个月前出售。"
    ]
