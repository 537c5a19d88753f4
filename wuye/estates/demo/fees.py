"""Fees of the demo (clauses 1.5, 1.6): standards, a year of monthly bills and payments, financial rules
and tax certificates of every enterprise, and three faults.

Every served project has a residential standard in force since well before the year billed, published
two months ahead, with its fee notice (every item Art. 6 asks for); every household is billed each month of the last twelve by the one computation
(finance.fees_money.line_amount) and pays each quarter's bills, with a receipt. The faults:

16. Over-charged (阳光): one household's bill of four months ago carries 5.00 yuan more than the
    standard gives (1.5.bill_matches_standard).
17. No receipt (和谐): one payment of two months ago was recorded without a receipt number
    (1.5.receipt_issued).
18. Fee change posted late (玉龙): the standard raised three months ago (first of that month) was posted only
    ten days before it took effect (1.6.fee_change_notice).
"""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import prefetch_related_objects

from wuye.core.dates import add_months
from wuye.core.evidence import Channel, bulk_append_evidence
from wuye.enterprises.models import Enterprise
from wuye.estates.demo.build import bulk
from wuye.estates.demo.plan import PROJECTS
from wuye.estates.demo.plans import demo_files, yearly
from wuye.estates.demo.power import MINUTE, at
from wuye.estates.models import Household, ServicePeriod
from wuye.finance.actions_fees import bill_lines_for
from wuye.finance.models import (
    Bill,
    BillLine,
    FeeNotice,
    FeeStandard,
    FinancialRules,
    Payment,
    TaxCertificate,
)

OVERCHARGED = ("yangguang", 4, Decimal("5.00"))  # project, months ago, yuan too much
NO_RECEIPT = ("hexie", 2)  # project, months ago
LATE_CHANGE = ("yulong", 3, 10)  # project, months ago it took effect, days of notice given
MONTHS = 12


def build_fees(region, seed: int) -> None:
    rng = random.Random(f"{seed}-fees")
    this_month = region.today.replace(day=1)
    first_month = add_months(this_month, -(MONTHS - 1))
    serving = dict(ServicePeriod.objects.current(region.today).values_list("project_id", "enterprise_id"))
    for plan in PROJECTS:
        project = region.projects[plan.key]
        if project.pk not in serving:
            continue
        standards = project_standards(plan.key, project, first_month, this_month, rng)
        post_notices(project, standards, serving[project.pk])
        bills = project_bills(project, standards, first_month, this_month)
        if plan.key == OVERCHARGED[0]:
            overcharge(bills, add_months(this_month, -OVERCHARGED[1]))
        pay(plan.key, project, bills, region, rng)
    enterprise_documents(region, serving, rng)
    region.faults += fault_lines(region, this_month)


def project_standards(key, project, first_month, this_month, rng) -> list[FeeStandard]:
    rate = Decimal(rng.choice(["1.20", "1.50", "1.85", "2.10"]))
    since = add_months(first_month, -12)
    standards = [
        FeeStandard(
            project=project,
            property_kind="residential",
            rate=rate,
            regime="market",
            fee_items=["property_service"],
            approval_number=f"备案〔{since.year}〕{rng.randint(10, 99)}号",
            effective_from=since,
            published_on=add_months(since, -2),
        )
    ]
    if key == LATE_CHANGE[0]:
        changed = add_months(this_month, -LATE_CHANGE[1])
        standards.append(
            FeeStandard(
                project=project,
                property_kind="residential",
                rate=rate + Decimal("0.30"),
                regime="market",
                fee_items=["property_service"],
                approval_number=f"备案〔{changed.year}〕{rng.randint(10, 99)}号",
                effective_from=changed,
                published_on=changed - datetime.timedelta(days=LATE_CHANGE[2]),
            )
        )
    return bulk(FeeStandard, standards)


def post_notices(project, standards, enterprise_id) -> None:
    """The fee notice posted with each standard (1.6.standards_published: current and complete)."""
    company = Enterprise.objects.only("name").get(pk=enterprise_id).name
    bulk(
        FeeNotice,
        [
            FeeNotice(
                project=project,
                published_on=standard.published_on,
                company_name=company,
                payer="全体业主及物业使用人",
                service_content="公共区域保洁、绿化养护、秩序维护、共用设施设备日常运行维护、客户服务",
                service_standard="《内蒙古自治区住宅小区物业服务标准》二级",
                billing_method="按房屋建筑面积按月计收，按季度缴纳",
                billing_start_date=standard.effective_from,
                fee_basis=f"物业服务合同；{standard.approval_number}",
                price_complaint_hotline="12358",
            )
            for standard in standards
        ],
    )


def project_bills(project, standards, first_month, this_month) -> list[Bill]:
    prefetch_related_objects(standards, "item_rates")  # what bill_lines_for reads of each standard
    households = list(Household.objects.filter(project=project).order_by("pk"))
    bills, month = [], first_month
    while month <= this_month:
        standard = max((s for s in standards if s.effective_from <= month), key=lambda s: s.effective_from)
        bills += [
            Bill(
                household=household,
                project=project,
                standard=standard,
                period_start=month,
                months=1,
                area=household.area,
                issued_on=month,
            )
            for household in households
        ]
        month = add_months(month, 1)
    bills = bulk(Bill, bills)
    lines = []
    for bill in bills:
        for line in bill_lines_for(bill.standard, bill.area, 1):
            line.bill = bill
            lines.append(line)
    BillLine.objects.bulk_create(lines)
    return bills


def overcharge(bills, month) -> None:
    bill = next(bill for bill in bills if bill.period_start == month)
    line = bill.lines.get()
    line.amount += OVERCHARGED[2]
    line.save(update_fields=["amount"])


def pay(key, project, bills, region, rng) -> None:
    """Each household pays its bills of a quarter on a day of the quarter's last month (not a future one)."""
    User = get_user_model()
    user = User.objects.filter(username=f"{key}-office").first() or User.objects.get(username="demo-manager")
    owed = {}
    for bill in bills:
        owed.setdefault((bill.household_id, quarter_end(bill.period_start)), []).append(bill)
    amounts = {}
    for bill_id, amount in BillLine.objects.filter(bill__project=project).values_list("bill_id", "amount"):
        amounts[bill_id] = amounts.get(bill_id, 0) + amount
    payments, received = [], []
    for serial, ((household_id, due_month), quarter) in enumerate(sorted(owed.items()), start=1):
        paid_on = due_month + datetime.timedelta(days=rng.randint(2, 20))
        if paid_on >= region.today:
            continue
        occurred = at(paid_on, rng.randint(9, 17), rng.randint(0, 59))
        payments.append(
            Payment(
                household_id=household_id,
                project=project,
                amount=sum(amounts[bill.pk] for bill in quarter),
                method=rng.choice(["cash", "bank", "wechat", "alipay"]),
                receipt_number=f"{project.pk:03d}-{serial:05d}",
                occurred_at=occurred,
            )
        )
        received.append(occurred + rng.randint(1, 30) * MINUTE)
    if key == NO_RECEIPT[0] and payments:
        since = add_months(region.today.replace(day=1), -NO_RECEIPT[1])
        bare = next((p for p in payments if p.occurred_at.date() >= since), payments[-1])
        bare.receipt_number = ""
    bulk_append_evidence(payments, user=user, channel=Channel.WEB, now=received)


def quarter_end(month: datetime.date) -> datetime.date:
    """The first day of the last month of the quarter of ``month`` (the month its bills are paid in)."""
    return month.replace(month=(month.month - 1) // 3 * 3 + 3)


def enterprise_documents(region, serving, rng) -> None:
    """Financial rules re-issued every eleven months and a bit since each enterprise first served, and last
    year's tax certificate, for every enterprise serving a project."""
    User = get_user_model()
    user = User.objects.get(username="demo-manager")
    files = demo_files()
    starts = {}
    for enterprise_id, start in ServicePeriod.objects.current(region.today).values_list(
        "enterprise_id", "start"
    ):
        starts[enterprise_id] = min(start, starts.get(enterprise_id, start))
    records, received = [], []
    for enterprise_id, start in sorted(starts.items()):
        for day in yearly(start, region.today, rng):
            occurred = at(day, 10)
            records.append(
                FinancialRules(
                    enterprise_id=enterprise_id,
                    title="财务管理制度",
                    occurred_at=occurred,
                    attachment=files["document"],
                )
            )
            received.append(occurred + 5 * MINUTE)
        filed = min(datetime.date(region.today.year, 4, 15), region.today - datetime.timedelta(days=1))
        occurred = at(filed, 11)
        records.append(
            TaxCertificate(
                enterprise_id=enterprise_id,
                tax_year=region.today.year - 1,
                occurred_at=occurred,
                attachment=files["document"],
            )
        )
        received.append(occurred + 5 * MINUTE)
    bulk_append_evidence(records, user=user, channel=Channel.WEB, now=received)


def fault_lines(region, this_month) -> list[str]:
    over = add_months(this_month, -OVERCHARGED[1])
    bare = add_months(this_month, -NO_RECEIPT[1])
    changed = add_months(this_month, -LATE_CHANGE[1])
    return [
        f"多收物业费：{region.projects[OVERCHARGED[0]].name}一户{over.year}年{over.month}月账单多收{OVERCHARGED[2]}元。",
        f"缴费未开票据：{region.projects[NO_RECEIPT[0]].name}一笔{bare.year}年{bare.month}月以来的缴费没有收据号。",
        f"调价公示过晚：{region.projects[LATE_CHANGE[0]].name}自{changed.year}年{changed.month}月1日起调价，"
        f"仅提前{LATE_CHANGE[2]}天公示。",
    ]
