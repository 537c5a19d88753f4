"""Demo people (clauses 1.4, 1.7, 3.8): wages, terminations, policy documents and training, with four
faults.

Every employee of an enterprise serving a project is paid each month's wages on the 10th of the next month,
from the later of hiring and the enterprise's first day serving (when its duties begin,
``enterprises.checks.people``) through the month the employment ended. Every enterprise files each of the
four policies (internal management, incentives, assessment, rewards and penalties) every eleven months and
a bit; each calendar year every employee attends a training (a spring session for those employed on
15 March, an autumn one on 20 November, an induction for the others). The one who resigned (staffing) has a
termination with its lawful category. The faults:

W1. A month unpaid (青城): the wages of three months ago were not paid to anyone of the enterprise
    (1.4.wages_paid, one finding per employee).
W2. A dismissal without a lawful reason (康和): the second cleaner's employment ended forty days ago with the reason
    category "其他/未注明理由" (1.4.unlawful_dismissal).
W3. No assessment policy (红山): the enterprise has filed every policy but the assessment one
    (1.7.policies_on_file).
W4. Training gaps (鹿城): two employees attended no training last year (3.8.training_yearly).
"""

import datetime
import random
from collections import defaultdict
from decimal import Decimal

from django.contrib.auth import get_user_model

from wuye.core.dates import add_months
from wuye.core.evidence import Channel, bulk_append_evidence
from wuye.enterprises.checks.people import serving_since
from wuye.enterprises.choices import EmploymentStatus, EndReason, PostKind
from wuye.enterprises.models import (
    Employment,
    PolicyCategory,
    PolicyDocument,
    Post,
    Termination,
    TerminationReason,
    TrainingAttendance,
    TrainingSession,
    WagePayment,
)
from wuye.estates.demo.plans import demo_files, yearly
from wuye.estates.demo.power import MINUTE, at

UNPAID = ("qingcheng", 3)  # W1: enterprise, months ago
DISMISSED = ("kanghe", PostKind.CLEANER, 40)  # W2: enterprise, post, days ago
NO_ASSESSMENT = "hongshan"  # W3
UNTRAINED = ("lucheng", 2)  # W4: enterprise, employees untrained last year
PAY_DAY = 10
TOPICS = ["物业服务规范与礼仪", "消防安全与应急处置", "设施设备安全操作", "业主投诉处理技巧"]
DAY = datetime.timedelta(days=1)


def build_people(region, seed: int) -> None:
    rng = random.Random(f"{seed}-people")
    today = region.today
    since = serving_since(today)
    keys = {enterprise.pk: key for key, enterprise in region.enterprises.items()}
    dismissed = dismiss(region, since, today)
    employments = list(
        Employment.objects.filter(staff__enterprise_id__in=list(since)).select_related("staff").order_by("pk")
    )
    pay_wages(region, employments, since, keys, today, rng)
    terminations(employments, dismissed)
    policies(region, since, keys, today, rng)
    training(region, employments, since, keys, today, rng)
    region.faults.extend(fault_lines(region, today, dismissed))


def dismiss(region, since, today) -> Employment:
    """W2: the enterprise's second cleaner (an extra post: the key post stays filled) leaves forty days
    ago, no lawful category given."""
    key, kind, days = DISMISSED
    enterprise = region.enterprises[key]
    post = (
        Post.objects.filter(staff__enterprise=enterprise, kind=kind, end__isnull=True)
        .select_related("staff")
        .order_by("-pk")
        .first()
    )
    ended = today - days * DAY
    employment = Employment.objects.filter(staff=post.staff).get()
    Employment.objects.filter(pk=employment.pk).update(
        status=EmploymentStatus.ENDED, ended_on=ended, end_reason=EndReason.OTHER
    )
    Post.objects.filter(pk=post.pk).update(end=ended)
    employment.refresh_from_db()
    return employment


def pay_wages(region, employments, since, keys, today, rng) -> None:
    unpaid = add_months(today.replace(day=1), -UNPAID[1])
    wages = []
    for employment in employments:
        enterprise_id = employment.staff.enterprise_id
        base = Decimal(rng.randrange(3200, 6800, 100))
        month = max(employment.start_date, since[enterprise_id]).replace(day=1)
        last = employment.ended_on or today
        while month <= last:
            paid_on = add_months(month, 1).replace(day=PAY_DAY)
            if paid_on >= today:
                break
            if not (keys[enterprise_id] == UNPAID[0] and month == unpaid):
                wages.append(WagePayment(employment=employment, month=month, amount=base, paid_on=paid_on))
            month = add_months(month, 1)
    WagePayment.objects.bulk_create(wages, batch_size=1000)


def terminations(employments, dismissed) -> None:
    """Every ended employment has its termination: the resignation lawful, W2 without a category."""
    rows = []
    for employment in employments:
        if employment.status != EmploymentStatus.ENDED:
            continue
        reason = (
            TerminationReason.NONE
            if employment.pk == dismissed.pk
            else TerminationReason.EMPLOYEE_NOTICE
            if employment.end_reason == EndReason.RESIGNED
            else TerminationReason.OTHER_LAWFUL
        )
        rows.append(Termination(employment=employment, date=employment.ended_on, reason=reason))
    Termination.objects.bulk_create(rows)


def policies(region, since, keys, today, rng) -> None:
    user = get_user_model().objects.get(username="demo-manager")
    files = demo_files()
    records, received = [], []
    for enterprise_id, start in sorted(since.items()):
        for category in PolicyCategory:
            if keys[enterprise_id] == NO_ASSESSMENT and category == PolicyCategory.ASSESSMENT:
                continue  # W3
            for day in yearly(start, today, rng):
                occurred = at(day, 9)
                records.append(
                    PolicyDocument(
                        enterprise_id=enterprise_id,
                        category=category,
                        title=str(category.label),
                        occurred_at=occurred,
                        attachment=files["document"],
                    )
                )
                received.append(occurred + 5 * MINUTE)
    bulk_append_evidence(records, user=user, channel=Channel.WEB, now=received)


def training(region, employments, since, keys, today, rng) -> None:
    """Each year a spring and an autumn session, and an induction for whoever neither could reach."""
    last_year = today.year - 1
    skipped = set()
    by_enterprise = defaultdict(list)
    for employment in employments:
        by_enterprise[employment.staff.enterprise_id].append(employment)
    lucheng = region.enterprises[UNTRAINED[0]]
    candidates = [
        e
        for e in by_enterprise[lucheng.pk]
        if e.status == EmploymentStatus.ACTIVE and e.start_date.year < last_year
    ]
    skipped = {e.staff_id for e in candidates[-UNTRAINED[1] :]}  # W4
    sessions, attendance = {}, []

    def session(enterprise_id, day, topic):
        if (enterprise_id, day) not in sessions:
            sessions[enterprise_id, day] = TrainingSession(
                enterprise_id=enterprise_id,
                held_on=day,
                topic=topic,
                hours=Decimal(rng.choice([2, 3, 4])),
                trainer=rng.choice(["王建国", "李秀梅", "张志强", "刘芳"]),
            )
        return (enterprise_id, day)

    for enterprise_id, members in by_enterprise.items():
        for year in range(since[enterprise_id].year, today.year + 1):
            spring, autumn = datetime.date(year, 3, 15), datetime.date(year, 11, 20)
            for employment in members:
                first = max(employment.start_date, since[enterprise_id], datetime.date(year, 1, 1))
                last = min(employment.ended_on or today, datetime.date(year, 12, 31), today - DAY)
                if first > last:
                    continue
                if year == last_year and employment.staff_id in skipped:
                    continue
                if first <= spring <= last:
                    day, topic = spring, TOPICS[year % 4]
                elif first <= autumn <= last:
                    day, topic = autumn, TOPICS[(year + 1) % 4]
                else:
                    day, topic = first, "新员工入职培训"
                attendance.append((session(enterprise_id, day, topic), employment.staff_id))
    TrainingSession.objects.bulk_create(list(sessions.values()), batch_size=1000)
    seen = set()
    rows = []
    for key, staff_id in attendance:
        if (key, staff_id) in seen:
            continue
        seen.add((key, staff_id))
        rows.append(TrainingAttendance(session=sessions[key], staff_id=staff_id))
    TrainingAttendance.objects.bulk_create(rows, batch_size=1000)
    region.untrained = sorted(skipped)


def fault_lines(region, today, dismissed) -> list[str]:
    unpaid = add_months(today.replace(day=1), -UNPAID[1])
    return [
        f"拖欠工资：{region.enterprises[UNPAID[0]].name}{unpaid.year}年{unpaid.month}月的工资未发放。",
        f"解除劳动关系未注明理由：{region.enterprises[DISMISSED[0]].name}于{dismissed.ended_on}"
        f"与{dismissed.staff.name}解除劳动关系，未注明法定理由类别。",
        f"缺少考核制度：{region.enterprises[NO_ASSESSMENT].name}没有考核制度。",
        f"培训缺失：{region.enterprises[UNTRAINED[0]].name}有{UNTRAINED[1]}名员工{today.year - 1}年未参加培训。",
    ]
