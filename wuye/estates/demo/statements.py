"""Demo half-year income and expense statements (clause 1.6), with faults S1–S2.

Every project has published its statement for each half year since the current enterprise took over,
twenty days after the half year ended (well within the 30-day deadline), on the default account tree:
level-2 lines with the level-1 totals as the paper states them, balances carried from one half year to
the next. A half year that ended less than twenty days ago has its statement still in draft. Statements
from before the rollout were typed in then (their status changes back-filled).

S1. Published late (锦绣华庭): the last half year's statement, past the deadline; the 1.6.statement_published
    finding is closed at the publication.
S2. Line only at level 1 (和谐家园): the last statement shows parking income as one level-1 amount with no
    level-2 lines under it (1.6.statement_level2; the publish action refuses this, the demo stores it as an
    old import would have).
"""

import datetime
import random
from decimal import Decimal

from wuye.accounts.choices import Role
from wuye.accounts.models import Membership, User
from wuye.core.evidence import Channel, bulk_append_evidence
from wuye.estates.demo.build import create
from wuye.estates.demo.dates import shift
from wuye.estates.demo.plan import PROJECTS
from wuye.estates.demo.plans import ROLLOUT_MONTHS
from wuye.estates.demo.power import at, demo_now
from wuye.estates.demo.surveys import half_years, received
from wuye.finance.accounts_tree import ensure_default_accounts
from wuye.finance.choices_statements import StatementStatus
from wuye.finance.dues_statements import statement_due
from wuye.finance.models import Account, Statement, StatementLine, StatementStatusChange
from wuye.finance.validation_statements import to_fen

LATE = "jinxiu"  # fault S1
LEVEL1_ONLY = "hexie"  # fault S2
PUBLISHED_AFTER = datetime.timedelta(days=20)
LATE_BY = datetime.timedelta(days=9)
LEVEL1_ACCOUNT = "4003"  # 停车收入
# Level-2 accounts with a half year's typical amount (yuan) for a middle-sized estate.
AMOUNTS = {
    "4001.01": 620000,
    "4001.02": 48000,
    "4002.01": 12000,
    "4002.02": 18000,
    "4003.01": 36000,
    "4003.02": 9000,
    "4004.01": 6000,
    "5001.01": 310000,
    "5001.02": 62000,
    "5002.01": 42000,
    "5002.02": 18000,
    "5003.01": 26000,
    "5004.01": 64000,
    "5004.02": 22000,
    "5005.01": 58000,
    "5006.01": 9000,
    "5006.02": 15000,
    "5007.01": 21000,
}


def build_statements(region, seed: int) -> None:
    rng = random.Random(f"{seed}-statements")
    ensure_default_accounts()
    accounts = {a.code: a for a in Account.objects.filter(project=None).select_related("parent")}
    now = demo_now(region.today)
    rollout = at(shift(region.today, months=-ROLLOUT_MONTHS), 9)
    for plan in PROJECTS:
        project = region.projects[plan.key]
        user = finance_clerk(plan.key, project)
        balance = to_fen(rng.randint(50000, 200000))
        halves = half_years(region.takeovers[plan.key], region.today)
        on_time = [at(shift(start, months=6), 10) + PUBLISHED_AFTER for start in halves]
        late = [statement_due(start, project.division_id) + LATE_BY for start in halves]
        # The faults fall on the last half year where they can have happened by now.
        late_index = max((i for i, moment in enumerate(late) if moment <= now), default=None)
        level1_index = max((i for i, moment in enumerate(on_time) if moment <= now), default=None)
        for index, start in enumerate(halves):
            published = on_time[index]
            if plan.key == LATE and index == late_index:
                published = late[index]
            amounts = half_year_amounts(accounts, rng)
            if plan.key == LEVEL1_ONLY and index == level1_index:
                parking = sum(amounts.pop(accounts[code]) for code in ("4003.01", "4003.02"))
                amounts[accounts[LEVEL1_ACCOUNT]] = parking
            balance = add_statement(
                project, user, start, amounts, balance, published if published <= now else None, now, rollout
            )
    region.faults += fault_lines(region)


def finance_clerk(key, project):
    """The project's login that keeps and publishes its statements."""
    user = User.objects.create_user(f"{key}-finance", password=None, full_name="财务")
    Membership.objects.create(user=user, role=Role.STAFF, project=project)
    return user


def half_year_amounts(accounts, rng) -> dict:
    """Level-2 amounts within ±15 % of the typical ones, to the fen."""
    return {
        accounts[code]: to_fen(
            Decimal(value) * Decimal(rng.randint(85, 115)) / 100 + Decimal(rng.randint(0, 99)) / 100
        )
        for code, value in AMOUNTS.items()
    }


def add_statement(project, user, start, amounts, opening, published, now, rollout) -> Decimal:
    """A statement with its level-2 lines and level-1 totals; published (with its status change) when
    ``published`` is given, else a draft. Returns the closing balance."""
    totals = {}
    for account, amount in amounts.items():
        top = account.parent or account
        totals[top] = totals.get(top, Decimal("0")) + amount
    income = sum(v for top, v in totals.items() if top.kind == "income")
    expense = sum(v for top, v in totals.items() if top.kind == "expense")
    closing = opening + income - expense
    statement = create(
        Statement,
        project=project,
        year=start.year,
        half=1 if start.month == 1 else 2,
        opening_balance=opening,
        closing_balance=closing,
        status=StatementStatus.PUBLISHED if published else StatementStatus.DRAFT,
        published_at=published,
        created_by=user,
    )
    lines = [StatementLine(statement=statement, account=a, amount=v) for a, v in amounts.items()]
    lines += [
        StatementLine(statement=statement, account=top, amount=v)
        for top, v in totals.items()
        if top not in amounts
    ]
    StatementLine.objects.bulk_create(lines)
    if published:
        change = StatementStatusChange(
            statement=statement,
            project=project,
            from_status=StatementStatus.DRAFT,
            to_status=StatementStatus.PUBLISHED,
            occurred_at=published,
        )
        bulk_append_evidence([change], user=user, channel=Channel.WEB, now=received(published, now, rollout))
    return closing


def fault_lines(region) -> list[str]:
    """The faults S1–S2 in words, for seed_demo to print."""
    return [
        f"收支情况逾期公布：{region.projects[LATE].name}上一个半年度的收支情况表超过公布期限9天才公布。",
        f"收支未细化到二级科目：{region.projects[LEVEL1_ONLY].name}最近一期收支情况表的停车收入只有一级科目金额。",
    ]
