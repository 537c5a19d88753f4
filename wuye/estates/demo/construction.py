"""Demo illegal construction (clause 5.1): in every project, two cases handled as the code asks (the owner
warned in writing within hours of the find, the case reported to the city-management bureau within two
days, the bureau's answer, the outcome), and faults C1 and C2.

C1. Warned late (阳光花园): a sun room built on a balcony was found 20 days ago and the owner warned
    only three days later (5.1.case_warned; it was reported in time).
C2. Not reported (和谐家园): a shed built in a ground-floor garden was found ten days ago; the owner was
    warned at once, but the case has not been reported to the authority (5.1.case_reported).
"""

import datetime

from django.core.files.base import ContentFile

from wuye.comanagement.choices_construction import CaseStatus, Outcome
from wuye.comanagement.models import CaseMove, ConstructionCase
from wuye.estates.demo.build import bulk
from wuye.estates.demo.plan import PROJECTS
from wuye.estates.demo.power import at
from wuye.estates.models import Household

WARNED_LATE = "yangguang"  # fault C1
NOT_REPORTED = "hexie"  # fault C2
AUTHORITY = "城市管理综合执法局"
LAWFUL = [
    # (what, found days ago, outcome)
    ("阳台外扩搭建彩钢棚", 150, Outcome.RESTORED),
    ("楼顶加盖简易房", 60, Outcome.ENFORCED),
]
WARNING = "业主您好：经查，您在{what}，违反《物业管理条例》第四十五条和业主管理规约，请立即停止并自行拆除。"


def warning_file(what: str) -> ContentFile:
    return ContentFile(WARNING.format(what=what).encode("utf-8"), name="warning.pdf")


def handled(project, household, what, found, outcome, *, warn_after, report_after, today):
    """A case as the code asks, or late where ``warn_after`` / ``report_after`` (timedeltas) say so;
    ``report_after`` None: not reported."""
    warned = found + warn_after
    reported = found + report_after if report_after is not None else None
    answered = reported + datetime.timedelta(days=5) if reported else None
    closed = answered is not None and answered.date() < today
    status = CaseStatus.CLOSED if closed else (CaseStatus.REPORTED if reported else CaseStatus.WARNED)
    return ConstructionCase(
        project=project,
        household=household,
        what=what,
        found_at=found,
        warned_at=warned,
        warning_file=warning_file(what),
        reported_at=reported,
        authority=AUTHORITY if reported else "",
        answered_at=answered if closed else None,
        answer="已责令业主限期拆除，逾期依法强制拆除。" if closed else "",
        outcome=outcome if closed else "",
        status=status,
    )


def moves_of(case):
    steps = [("", CaseStatus.FOUND, case.found_at), (CaseStatus.FOUND, CaseStatus.WARNED, case.warned_at)]
    if case.reported_at:
        steps.append((CaseStatus.WARNED, CaseStatus.REPORTED, case.reported_at))
    if case.answered_at:
        steps.append((CaseStatus.REPORTED, CaseStatus.ANSWERED, case.answered_at))
        steps.append((CaseStatus.ANSWERED, CaseStatus.CLOSED, case.answered_at))
    return [CaseMove(case=case, old=old, new=new, at=moment) for old, new, moment in steps]


def build_construction(region, seed: int) -> None:
    today = region.today
    cases = []
    for plan in PROJECTS:
        project = region.projects[plan.key]
        households = list(Household.objects.filter(project=project).order_by("pk")[:12])
        for index, (what, days_ago, outcome) in enumerate(LAWFUL):
            found = at(today - datetime.timedelta(days=days_ago), 10)
            cases.append(
                handled(
                    project,
                    households[3 + index],
                    what,
                    found,
                    outcome,
                    warn_after=datetime.timedelta(hours=2),
                    report_after=datetime.timedelta(days=2),
                    today=today,
                )
            )
        if plan.key == WARNED_LATE:
            found = at(today - datetime.timedelta(days=20), 9)
            cases.append(
                handled(
                    project,
                    households[7],
                    "阳台封闭加建阳光房",
                    found,
                    Outcome.STOPPED,
                    warn_after=datetime.timedelta(days=3),
                    report_after=datetime.timedelta(days=3),
                    today=today,
                )
            )
            region.faults.append(f"私搭乱建劝阻不及时：{plan.name}阳台加建阳光房发现3天后才警告业主。")
        if plan.key == NOT_REPORTED:
            found = at(today - datetime.timedelta(days=10), 15)
            cases.append(
                handled(
                    project,
                    households[8],
                    "一楼花园内搭建储物棚",
                    found,
                    Outcome.NONE,
                    warn_after=datetime.timedelta(hours=1),
                    report_after=None,
                    today=today,
                )
            )
            region.faults.append(f"私搭乱建未报告：{plan.name}一楼花园储物棚发现10天仍未报告主管部门。")
    cases = bulk(ConstructionCase, cases)
    CaseMove.objects.bulk_create([move for case in cases for move in moves_of(case)])
