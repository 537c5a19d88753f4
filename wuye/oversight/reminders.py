"""Deadlines coming up (即将到期), for the reminders, the page and the weekly digest.

Six duties, each due at a moment the duty's own deadline function gives, the very function its check
uses to decide when the duty is missed (so "reminded the day before, a finding the day after"):

- licence expiry (1.1): ``enterprises.checks.licences.lapses_at``
- elevator periodic inspection (4.2): ``safety.elevator_rules.inspection_due``
- secondary water lab test (4.6): ``compliance.duties.deadline_after`` (via ``safety.dues_water.DueTimes``)
- half-year statement (1.6): ``finance.dues_statements.bucket_due``
- owner survey (3.7): ``servicedesk.dues_surveys.half_year_due``
- exit notice before a fixed-term contract ends (2.1): ``lifecycle.checks.exit.notice_due``

Each kind reads its subjects in a fixed number of queries (one per group of divisions sharing the
parameters), whatever their number. How long before the due moment the enterprise is told is a
parameter of the check, read per division (``lead``).
"""

import datetime
from dataclasses import dataclass, replace

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.compliance.duties import bucket_of, next_bucket
from wuye.compliance.models import ParameterOverride
from wuye.compliance.parameters import by_division, param, parameter_spec, preloaded, values_in_force
from wuye.core.scoping import scope_of
from wuye.enterprises.checks.licences import LICENCE_CHECK, lapses_at, unrenewed
from wuye.enterprises.models import Enterprise
from wuye.estates.models import Project, ServiceContract, ServicePeriod
from wuye.finance.checks.statements import first_publications, served_projects
from wuye.finance.dues_statements import bucket_due
from wuye.lifecycle.checks.exit import notice_due, notice_parameter
from wuye.lifecycle.models import ExitFiling
from wuye.safety.checks.elevators import in_service
from wuye.safety.checks.water import WaterTestGap
from wuye.safety.dues_elevators import with_last_records as elevators_with_last_records
from wuye.safety.dues_water import DueTimes
from wuye.safety.dues_water import with_last_records as tanks_with_last_records
from wuye.safety.elevator_rules import INSPECTION, inspection_due, request_before
from wuye.servicedesk.checks.surveys import surveyed_buckets
from wuye.servicedesk.dues_surveys import half_year_due

SURVEY_CHECK = "3.7.survey_held"
STATEMENT_CHECK = "1.6.statement_published"
WATER_CHECK = "4.6.water_test"
EXIT_CHECK = "2.1.exit_notice"


class DeadlineKind(models.TextChoices):
    LICENCE = "licence", _("证照到期")
    ELEVATOR_INSPECTION = "elevator_inspection", _("电梯定期检验")
    WATER_TEST = "water_test", _("二次供水水质检测")
    STATEMENT = "statement", _("半年度收支公布")
    SURVEY = "survey", _("业主意见征询")
    EXIT_NOTICE = "exit_notice", _("合同到期退出告知")


# Each kind's check and the parameter that says how long before the due moment to remind. The licence
# and the elevator had theirs already (the "due soon" marks of their pages); the rest are remind_before.
LEADS = {
    DeadlineKind.LICENCE: (LICENCE_CHECK, "expiry_warning"),
    DeadlineKind.ELEVATOR_INSPECTION: (INSPECTION, "request_before_expiry"),
    DeadlineKind.WATER_TEST: (WATER_CHECK, "remind_before"),
    DeadlineKind.STATEMENT: (STATEMENT_CHECK, "remind_before"),
    DeadlineKind.SURVEY: (SURVEY_CHECK, "remind_before"),
    DeadlineKind.EXIT_NOTICE: (EXIT_CHECK, "remind_before"),
}


@dataclass(frozen=True)
class Deadline:
    """One duty of one subject falling due at ``due`` (after it, the check finds a miss)."""

    kind: str
    subject: str  # "licence:3", "elevator:12", "project:5:2026-01-01"
    subject_name: str
    due: datetime.datetime
    division_id: str | None
    project_id: int | None = None
    project_name: str = ""
    enterprise_id: int | None = None
    enterprise_name: str = ""
    staff_too: bool = True  # a duty of the project: its staff are told as well as the managers

    @property
    def kind_label(self) -> str:
        return str(DeadlineKind(self.kind).label)

    @property
    def key(self) -> str:
        """What a notification about it is keyed by: once per subject and due moment (a renewed licence
        or the next half year is a new deadline, reminded again)."""
        return f"deadline:{self.kind}:{self.subject}:{timezone.localtime(self.due):%Y%m%d}"[:80]


def lead(kind: str, division: str | None, today: datetime.date, due: datetime.datetime, memo=None):
    """How long before ``due`` the reminder goes, in the division (months counted on the calendar); the
    parameter read once per kind and division when a ``memo`` dict is given."""
    memo = {} if memo is None else memo
    if (kind, division) not in memo:
        memo[kind, division] = param(*LEADS[kind], division, today)
    value = memo[kind, division]
    return value if isinstance(value, datetime.timedelta) else request_before(due, int(value))


def longest(check_id: str, name: str) -> int:
    """The largest value a parameter has anywhere (its default or any division's override): how far ahead
    a sweep must look so that no division's lead time is cut short. One query."""
    values = ParameterOverride.objects.filter(check_id=check_id, name=name).values_list("value", flat=True)
    return max([int(parameter_spec(check_id, name).default), *(int(value) for value in values)])


def horizon(kind: str) -> datetime.timedelta:
    check_id, name = LEADS[kind]
    days = longest(check_id, name)
    return datetime.timedelta(days=days * 31 if parameter_spec(check_id, name).unit == "months" else days)


def division_of(row) -> str | None:
    return row["division_id"]


def within(rows, now, until):
    return [row for row in rows if now < row.due <= until]


# -- the six kinds: (now, until, projects, enterprises) -> deadlines due in (now, until] ----------------


def licence_deadlines(now, until, projects, enterprises):
    today = timezone.localdate(now)
    licences = (
        unrenewed(today)
        .filter(valid_to__lt=timezone.localdate(until), enterprise__in=enterprises)
        .select_related("enterprise")
    )
    rows = [
        Deadline(
            kind=DeadlineKind.LICENCE,
            subject=f"licence:{licence.pk}",
            subject_name=f"{licence.get_kind_display()} {licence.number}".strip(),
            due=lapses_at(licence.valid_to),
            division_id=licence.enterprise.division_id,
            enterprise_id=licence.enterprise_id,
            enterprise_name=licence.enterprise.name,
            staff_too=False,
        )
        for licence in licences
    ]
    return within(rows, now, until)


def elevator_deadlines(now, until, projects, enterprises):
    today = timezone.localdate(now)
    elevators = in_service(today).filter(project__in=projects)
    divisions = elevators.values("project__division_id").distinct()
    rows = [{"division_id": row["project__division_id"]} for row in divisions]
    found = []
    for (grace, fulfils), group in by_division(
        rows, values_in_force(INSPECTION, ("grace", "backfill_fulfils"), today), division_of
    ).items():
        members = elevators.filter(project__division_id__in=[row["division_id"] for row in group])
        annotated = elevators_with_last_records(members, now, (fulfils, True, True)).filter(
            Q(cover_until__isnull=True) | Q(cover_until__lt=timezone.localdate(until))
        )
        fields = (
            "pk",
            "name",
            "cover_until",
            "in_service_from",
            "project_id",
            "project__name",
            "project__division_id",
        )
        for pk, name, cover_until, began, project_id, project_name, division in annotated.values_list(
            *fields
        ):
            found.append(
                Deadline(
                    kind=DeadlineKind.ELEVATOR_INSPECTION,
                    subject=f"elevator:{pk}",
                    subject_name=name,
                    due=inspection_due(cover_until, began, grace),
                    division_id=division,
                    project_id=project_id,
                    project_name=project_name,
                )
            )
    return within(found, now, until)


def water_deadlines(now, until, projects, enterprises):
    today = timezone.localdate(now)
    tanks = WaterTestGap().subjects(today).filter(project__in=projects).select_related("project")
    divisions = tanks.values("project__division_id").distinct()
    rows = [{"division_id": row["project__division_id"]} for row in divisions]
    times = DueTimes(now)
    found = []
    for (fulfils,), group in by_division(
        rows, values_in_force(WATER_CHECK, ("backfill_fulfils",), today), division_of
    ).items():
        members = tanks.filter(project__division_id__in=[row["division_id"] for row in group])
        found += [
            Deadline(
                kind=DeadlineKind.WATER_TEST,
                subject=f"watertank:{tank.pk}",
                subject_name=tank.name,
                due=times.of_tank(tank)[0],
                division_id=tank.project.division_id,
                project_id=tank.project_id,
                project_name=tank.project.name,
            )
            for tank in tanks_with_last_records(members, now, fulfils=fulfils)
        ]
    return within(found, now, until)


def coming_buckets(duty_start: datetime.date, today: datetime.date, months: int):
    """The buckets whose deadline may still lie ahead: the last one (due some days after it ended), this
    one and the next; none before the service began."""
    this = bucket_of(today, months)
    previous = bucket_of(this - datetime.timedelta(days=1), months)
    first = bucket_of(duty_start, months)
    return [start for start in (previous, this, next_bucket(this, months)) if start >= first]


def calendar_deadlines(kind, check_id, due_of, done_of, now, until, projects):
    """Half-year duties of served projects: the coming buckets not yet fulfilled (``done_of`` gives the
    fulfilled (project id, bucket start) pairs in one query per group of divisions)."""
    today = timezone.localdate(now)
    subjects = served_projects(today).filter(pk__in=projects)
    rows = subjects.values("pk", "name", "division_id", "duty_start")
    found = []
    for (months, due_after), group in by_division(
        rows, values_in_force(check_id, ("bucket", "due_after"), today), division_of
    ).items():
        months = int(months)
        done = done_of([row["pk"] for row in group], months, now)
        dues = {}  # the projects of a group share their buckets: each deadline worked out once
        for row in group:
            for start in coming_buckets(row["duty_start"], today, months):
                if start not in dues:
                    dues[start] = due_of(start, months, due_after)
                if (row["pk"], start) in done or not now < dues[start] <= until:
                    continue
                found.append(
                    Deadline(
                        kind=kind,
                        subject=f"project:{row['pk']}:{start:%Y-%m}",
                        subject_name=row["name"],
                        due=dues[start],
                        division_id=row["division_id"],
                        project_id=row["pk"],
                        project_name=row["name"],
                    )
                )
    return found


def statement_deadlines(now, until, projects, enterprises):
    def published(project_ids, months, as_of):
        return set(first_publications(project_ids, months, as_of))

    return calendar_deadlines(
        DeadlineKind.STATEMENT, STATEMENT_CHECK, bucket_due, published, now, until, projects
    )


def survey_deadlines(now, until, projects, enterprises):
    return calendar_deadlines(
        DeadlineKind.SURVEY, SURVEY_CHECK, half_year_due, surveyed_buckets, now, until, projects
    )


def exit_deadlines(now, until, projects, enterprises):
    """Fixed-term contracts in force, not followed by a later one nor by an exit filed: if the enterprise
    means to leave when it ends, its notice falls due ``notice_before_expiry`` before."""
    today = timezone.localdate(now)
    later = ServiceContract.objects.filter(project=OuterRef("project"), start__gt=OuterRef("start"))
    filed = ExitFiling.objects.filter(
        project=OuterRef("project"), enterprise=OuterRef("enterprise"), notice_on__gte=OuterRef("start")
    )
    furthest = timezone.localdate(until) + datetime.timedelta(
        days=longest(EXIT_CHECK, "notice_before_expiry")
    )
    contracts = (
        ServiceContract.objects.current(today)
        .filter(end__isnull=False, end__lte=furthest, project__in=projects)
        .exclude(Exists(later))
        .exclude(Exists(filed))
        .select_related("project", "enterprise")
    )
    required = {}
    rows = []
    for contract in contracts:
        division = contract.project.division_id
        if division not in required:
            required[division] = param(EXIT_CHECK, notice_parameter(False), division, today)
        rows.append(
            Deadline(
                kind=DeadlineKind.EXIT_NOTICE,
                subject=f"contract:{contract.pk}",
                subject_name=contract.number or contract.project.name,
                due=notice_due(contract.end, required[division]),
                division_id=division,
                project_id=contract.project_id,
                project_name=contract.project.name,
                enterprise_id=contract.enterprise_id,
                enterprise_name=contract.enterprise.name,
                staff_too=False,
            )
        )
    return within(rows, now, until)


KINDS = {
    DeadlineKind.LICENCE: licence_deadlines,
    DeadlineKind.ELEVATOR_INSPECTION: elevator_deadlines,
    DeadlineKind.WATER_TEST: water_deadlines,
    DeadlineKind.STATEMENT: statement_deadlines,
    DeadlineKind.SURVEY: survey_deadlines,
    DeadlineKind.EXIT_NOTICE: exit_deadlines,
}


def with_serving_enterprises(rows, today):
    """Project duties name the enterprise serving the project today (one query for all of them)."""
    wanted = {row.project_id for row in rows if row.enterprise_id is None and row.project_id}
    serving = {
        project_id: (enterprise_id, name)
        for project_id, enterprise_id, name in ServicePeriod.objects.current(today)
        .filter(project_id__in=wanted)
        .values_list("project_id", "enterprise_id", "enterprise__name")
    }
    named = []
    for row in rows:
        if row.enterprise_id is None and row.project_id in serving:
            enterprise_id, name = serving[row.project_id]
            row = replace(row, enterprise_id=enterprise_id, enterprise_name=name)
        named.append(row)
    return named


def upcoming(now, until, user=None, kinds=None, project_name=None) -> list[Deadline]:
    """Every deadline due after ``now`` and by ``until`` of the projects and enterprises ``user`` sees
    (everyone's when None), soonest first; only of the projects whose name contains ``project_name``, when given."""
    projects = Project.objects.visible_to(user) if user is not None else Project.objects.all()
    enterprises = Enterprise.objects.visible_to(user) if user is not None else Enterprise.objects.all()
    scope = scope_of(user) if user is not None else None
    if scope is not None and not scope.oversees:
        # A manager or staff answers for the projects his enterprise serves today, not those it once did.
        serving = ServicePeriod.objects.current(timezone.localdate(now)).filter(
            Q(enterprise_id__in=scope.enterprise_ids) | Q(project_id__in=scope.staff_project_ids)
        )
        projects = projects.filter(pk__in=serving.values("project_id"))
    if project_name:
        projects = projects.filter(name__icontains=project_name)
        enterprises = enterprises.none()
    rows = []
    with preloaded():
        for kind in kinds or KINDS:
            rows += KINDS[kind](now, until, projects.values("pk"), enterprises.values("pk"))
    rows = with_serving_enterprises(rows, timezone.localdate(now))
    return sorted(rows, key=lambda row: (row.due, row.kind, row.subject))


def due_for_reminder(now) -> list[Deadline]:
    """The deadlines whose reminder time (due − the division's lead) has come and that are not yet due."""
    today = timezone.localdate(now)
    found, memo = [], {}
    with preloaded():
        for kind in KINDS:
            for row in upcoming(now, now + horizon(kind), kinds=[kind]):
                if row.due - lead(kind, row.division_id, today, row.due, memo) <= now:
                    found.append(row)
    return found
