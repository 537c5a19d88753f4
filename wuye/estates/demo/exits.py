"""Demo exits (clauses 2.1, 2.3, 2.4): one exit done properly, one sudden withdrawal, on past service periods.

Today's serving enterprises are untouched; both exits are of enterprises that served before them.

- Done properly (玉龙湾小区): 康和 left when its contract ran out and the committee chose 红山宜居 (the
  plan's ``previous`` period). It told the owners and the authority 120 days ahead, listed every handover
  item (management rooms, the Art. 29 records, keys, equipment files, the owner register), each confirmed
  by the committee within five days of the end, and refunded in full, within twenty days, the households
  that had paid the next year ahead a month before the end (refunds.refunds_due). The exit is closed.
  No finding of 2.1, 2.3 or 2.4.
- X1. Sudden withdrawal (书香苑): before 康和 took over, 红山宜居 served the estate and stopped two
  months before its contract's end, with no exit filed (2.1.sudden_withdrawal: severe, veto; while open
  红山宜居 is graded D). This period is added by this builder (the plan has none for 书香苑); it ends
  before 康和's takeover, so nothing changes today.
- X2. Prepaid fees never returned (书香苑): four households had paid the next year ahead a month before
  红山宜居 withdrew; with no exit there was no refund (2.4.prepaid_refunded, from 30 days after its last day).
"""

import datetime
import random
from decimal import Decimal

from wuye.accounts.choices import Role
from wuye.accounts.models import Membership, User
from wuye.core.evidence import Channel, bulk_append_evidence
from wuye.estates.choices import PartyAKind
from wuye.estates.demo.dates import shift
from wuye.estates.demo.plans import ROLLOUT_MONTHS
from wuye.estates.demo.power import at, demo_now
from wuye.estates.demo.surveys import received
from wuye.estates.models import Household, ServiceContract, ServicePeriod
from wuye.finance.models import Payment
from wuye.lifecycle.choices_exit import ExitStatus, HandoverKind, ReceiverKind
from wuye.lifecycle.models import ExitFiling, ExitStatusChange, HandoverItem, Refund

PROPER = ("yulong", "kanghe")  # project key, leaving enterprise key
SUDDEN = ("shuxiang", "hongshan")  # X1
NOTICE_DAYS = 120
PREPAID_HOUSEHOLDS = 6
WITHDRAWAL_PREPAID = 4  # X2
RECORDS = ["acceptance_inspection_records", "completion_drawings", "equipment_records"]
DAY = datetime.timedelta(days=1)


def build_exits(region, seed: int) -> None:
    rng = random.Random(seed + 29)
    now = demo_now(region.today)
    rollout = at(shift(region.today, months=-ROLLOUT_MONTHS), 9)
    build_proper_exit(region, rng, now, rollout)
    build_sudden_withdrawal(region, rng, now, rollout)


def demo_user(username, full_name, role, **binding):
    user = User.objects.create_user(username, password=None, full_name=full_name)
    Membership.objects.create(user=user, role=role, **binding)
    return user


def build_proper_exit(region, rng, now, rollout):
    key, leaving = PROPER
    project = region.projects[key]
    period = ServicePeriod.objects.get(
        project=project, enterprise=region.enterprises[leaving], end__isnull=False
    )
    end = period.end
    contract = ServiceContract.objects.filter(project=project, enterprise=period.enterprise, end=end).first()
    manager = demo_user(f"{leaving}-exit", "退出经办", Role.MANAGER, enterprise=period.enterprise)
    committee_user = demo_user(f"{key}-committee-handover", "业委会交接", Role.COMMITTEE, project=project)
    notice_on = end - datetime.timedelta(days=NOTICE_DAYS)
    exit = ExitFiling(
        service_period=period,
        contract=contract,
        notice_on=notice_on,
        reason="服务合同期满，业主大会决定另选物业服务企业，本公司不再续约。",
        planned_end=end,
        receiver_kind=ReceiverKind.COMMITTEE,
        committee=region.committees[key],
        created_by=manager,
    )
    exit.save()
    kinds = [(HandoverKind.ROOMS, "", "物业管理用房：2号楼底商120㎡")]
    kinds += [(HandoverKind.RECORDS, category, "") for category in RECORDS]
    kinds += [
        (HandoverKind.KEYS, "", "设备间、配电室、水泵房钥匙共46把"),
        (HandoverKind.EQUIPMENT_FILES, "", "电梯、二次供水、消防设施设备档案"),
        (HandoverKind.OWNER_REGISTER, "", ""),
    ]
    items = [
        HandoverItem(
            exit=exit,
            kind=kind,
            archive_category=category,
            description=description,
            confirmed_at=at(end + DAY * rng.randint(1, 5), rng.randint(9, 16)),
            confirmed_by=committee_user,
        )
        for kind, category, description in kinds
    ]
    HandoverItem.objects.bulk_create(items)
    handed_over = max(item.confirmed_at for item in items)
    refunded_on = prepaid_and_refunded(exit, manager, rng, now, rollout)
    moves = [
        (ExitStatus.NOTIFIED, ExitStatus.HANDING_OVER, at(end - DAY * 10, 10)),
        (ExitStatus.HANDING_OVER, ExitStatus.HANDED_OVER, handed_over + datetime.timedelta(hours=1)),
        (ExitStatus.HANDED_OVER, ExitStatus.CLOSED, at(refunded_on + DAY, 10)),
    ]
    changes = [
        ExitStatusChange(exit=exit, project=project, from_status=old, to_status=new, occurred_at=moment)
        for old, new, moment in moves
    ]
    bulk_append_evidence(
        changes,
        user=manager,
        channel=Channel.WEB,
        now=[received(c.occurred_at, now, rollout) for c in changes],
    )
    ExitFiling.objects.filter(pk=exit.pk).update(status=ExitStatus.CLOSED)


def prepaid_and_refunded(exit, manager, rng, now, rollout) -> datetime.date:
    """A few households paid the next year ahead a month before the end; each is refunded in full."""
    end = exit.planned_end
    households = list(Household.objects.filter(project=exit.project).order_by("pk")[:PREPAID_HOUSEHOLDS])
    payments, refunds = [], []
    last = end
    for serial, household in enumerate(households, start=1):
        amount = (household.area * Decimal("1.20") * 12).quantize(Decimal("0.01"))
        paid = at(end - DAY * rng.randint(20, 40), rng.randint(9, 17))
        payments.append(
            Payment(
                household=household,
                project=exit.project,
                amount=amount,
                method="wechat",
                receipt_number=f"KH-YJ-{serial:04d}",
                occurred_at=paid,
            )
        )
        refunded_on = end + DAY * rng.randint(5, 20)
        last = max(last, refunded_on)
        refunds.append(
            Refund(
                exit=exit,
                household=household,
                amount=amount,
                paid_on=refunded_on,
                method="transfer",
                receipt=f"KH-TF-{serial:04d}",
                recorded_by=manager,
            )
        )
    bulk_append_evidence(
        payments,
        user=manager,
        channel=Channel.WEB,
        now=[received(p.occurred_at, now, rollout) for p in payments],
    )
    Refund.objects.bulk_create(refunds)
    return last


def build_sudden_withdrawal(region, rng, now, rollout):
    key, leaving = SUDDEN
    project = region.projects[key]
    takeover = region.takeovers[key]
    enterprise = region.enterprises[leaving]
    start = shift(takeover, months=-60)
    stopped = shift(takeover, months=-2) - DAY
    ServicePeriod.objects.create(project=project, enterprise=enterprise, start=start, end=stopped)
    ServiceContract.objects.create(
        project=project,
        party_a_kind=PartyAKind.DEVELOPER,
        developer=project.developer,
        enterprise=enterprise,
        number=f"书香苑前期物业合字〔{start.year}〕第017号",
        signed_on=start - DAY * 20,
        start=start,
        end=takeover - DAY,
    )
    region.faults.append(f"突然撤离：{enterprise.name}于{stopped}停止服务{project.name}，未办理退出备案。")
    clerk = demo_user(f"{leaving}-cashier", "收费员", Role.MANAGER, enterprise=enterprise)
    households = list(Household.objects.filter(project=project).order_by("pk")[:WITHDRAWAL_PREPAID])
    payments = [
        Payment(
            household=household,
            project=project,
            amount=(household.area * Decimal("1.10") * 12).quantize(Decimal("0.01")),
            method="cash",
            receipt_number=f"HS-YJ-{serial:04d}",
            occurred_at=at(stopped - DAY * rng.randint(20, 40), rng.randint(9, 17)),
        )
        for serial, household in enumerate(households, start=1)
    ]
    bulk_append_evidence(
        payments,
        user=clerk,
        channel=Channel.WEB,
        now=[received(p.occurred_at, now, rollout) for p in payments],
    )
    region.faults.append(
        f"预收费用未退还：{enterprise.name}撤离{project.name}后，{len(payments)}户预交的一年物业费未退还。"
    )
