"""Demo common parts (clause 2.5): every project lets advertising space and a room of its common parts,
each authorised by an owners' vote held before the use began and meeting 民法典 Art. 278's thresholds
(four in five owners and of the area take part, nine in ten of them agree). The income of each half year
matches its statement: the builder runs after the statements and records, for each statement's 4002.01
广告收入 and 4002.02 公共用房出租收入 lines, two payments adding up to them (so 2.5.income_disclosed finds
nothing). The half year under way has one advertising payment so far.

C1. Unauthorised advertising (北梁新居): advertising boards at the gate since three months ago, with no owners'
    vote (2.5.use_authorised); no income recorded for it yet.
"""

import datetime
import math
from decimal import Decimal

from wuye.accounts.models import User
from wuye.compliance.duties import bucket_of
from wuye.estates.demo.build import create
from wuye.estates.demo.dates import shift
from wuye.estates.demo.plan import PROJECTS
from wuye.finance.choices_commonareas import UseKind
from wuye.finance.models import CommonAreaIncome, CommonAreaUse, OwnersVote, StatementLine
from wuye.finance.validation_statements import to_fen
from wuye.finance.votes_commonareas import register_totals

UNAUTHORISED = "beiliang"  # fault C1
# The statement account each demo use's income is shown on.
USES = {"4002.01": UseKind.ADVERTISING, "4002.02": UseKind.RENTED_ROOM}
RUNNING_HALF_ADVERTISING = Decimal("2000.00")


def build_commonareas(region, seed: int) -> None:
    for plan in PROJECTS:
        project = region.projects[plan.key]
        user = User.objects.get(username=f"{plan.key}-finance")
        first_half = bucket_of(region.takeovers[plan.key], 6)
        vote = authorising_vote(project, user, first_half - datetime.timedelta(days=60))
        uses = {
            "4002.01": create(
                CommonAreaUse,
                project=project,
                kind=UseKind.ADVERTISING,
                location="各楼栋电梯轿厢" if plan.elevators else "各楼栋单元门厅",
                description="框架广告位出租",
                counterparty="城市新媒广告有限公司",
                start=vote.held_on + datetime.timedelta(days=15),
                vote=vote,
                yearly_fee=Decimal("24000.00"),
            ),
            "4002.02": create(
                CommonAreaUse,
                project=project,
                kind=UseKind.RENTED_ROOM,
                location="2号楼底层公共用房",
                description="出租作便民超市",
                counterparty="个体经营者",
                start=vote.held_on + datetime.timedelta(days=15),
                vote=vote,
                yearly_fee=Decimal("36000.00"),
            ),
        }
        incomes = statement_incomes(project, user, uses, region.today)
        running = bucket_of(region.today, 6)
        paid = shift(running, months=1) + datetime.timedelta(days=9)
        if paid <= region.today:
            incomes.append(income(uses["4002.01"], user, paid, RUNNING_HALF_ADVERTISING, "本半年第1期"))
        CommonAreaIncome.objects.bulk_create(incomes)
    build_fault(region)
    region.faults += fault_lines(region)


def authorising_vote(project, user, held_on):
    """A vote meeting the thresholds with room to spare, on the register's totals."""
    owners, area = register_totals(project)
    taking_part = math.ceil(owners * 4 / 5)
    area_taking_part = to_fen(area * Decimal("0.8"))
    return create(
        OwnersVote,
        project=project,
        held_on=held_on,
        subject="同意利用电梯轿厢（门厅）设置广告、出租底层公共用房，收益归全体业主",
        owners_total=owners,
        area_total=area,
        owners_participating=taking_part,
        area_participating=area_taking_part,
        owners_in_favour=math.ceil(taking_part * 9 / 10),
        area_in_favour=to_fen(area_taking_part * Decimal("0.9")),
    )


def statement_incomes(project, user, uses, today) -> list:
    """For each statement line on a demo use's account, two payments in its half year adding up to it."""
    lines = StatementLine.objects.filter(
        statement__project=project, account__code__in=USES, account__project=None
    ).values_list("statement__year", "statement__half", "account__code", "amount")
    incomes = []
    for year, half, code, amount in lines:
        start = datetime.date(year, 1 if half == 1 else 7, 1)
        first = to_fen(amount / 2)
        for months, part, note in ((1, first, "第1期"), (4, amount - first, "第2期")):
            incomes.append(
                income(uses[code], user, shift(start, months=months) + datetime.timedelta(days=9), part, note)
            )
    return incomes


def income(use, user, day, amount, note):
    return CommonAreaIncome(
        use=use,
        project_id=use.project_id,
        received_on=day,
        amount=amount,
        receipt_number=f"GG{use.pk:03d}{day:%Y%m}",
        note=note,
        recorded_by=user,
    )


def build_fault(region) -> None:
    create(
        CommonAreaUse,
        project=region.projects[UNAUTHORISED],
        kind=UseKind.ADVERTISING,
        location="小区南门广告牌",
        description="户外广告牌两块",
        counterparty="路路通广告部",
        start=shift(region.today, months=-3),
        yearly_fee=Decimal("12000.00"),
    )


def fault_lines(region) -> list[str]:
    """The fault C1 in words, for seed_demo to print."""
    return [f"擅自利用共用部位经营：{region.projects[UNAUTHORISED].name}南门广告牌未经业主表决同意。"]
