"""The reads of the public page, one small query each.

The page is public by law (物业服务收费明码标价规定 Art. 6, clause 1.6 of the code): anyone who scans the
poster reads it, signed in or not, so these read through the models' plain managers, never
``visible_to`` (which gives an anonymous visitor nothing). Each reads only what is published — the
serving company, the current fee standards, published statements, the service centre's public phone,
the clauses a project breaks — and never a row about a person (owners, households, staff, who published).
"""

import datetime

from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q

from wuye.compliance.catalogue import load_catalogue
from wuye.compliance.models import Finding, FindingState
from wuye.compliance.queries import with_published_grade
from wuye.compliance.review import exempt_findings_q
from wuye.estates.models import ServicePeriod
from wuye.finance.choices_parking import SpaceLevel
from wuye.finance.choices_statements import StatementStatus
from wuye.finance.models import (
    Account,
    CommonAreaUse,
    FeeStandard,
    ParkingLease,
    ParkingSpace,
    Statement,
    StatementLine,
)
from wuye.finance.votes_commonareas import thresholds, with_authorisation
from wuye.servicedesk.models import ServiceCentre


def in_service(project_id: int, on: datetime.date) -> ServicePeriod | None:
    """The project's current service period, with the project and the company, and the published grade with
    its period of the company (``company_published_*``) and of the project (``project_published_*``): public
    pages show what the regulator published, not the live score. None: no such project, or nobody serves it
    now."""
    periods = with_published_grade(
        ServicePeriod.objects.current(on),
        "enterprise",
        outer="enterprise_id",
        prefix="company_published",
        division=OuterRef("project__division_id"),  # publications of the project's division or above only
    )
    periods = with_published_grade(periods, "project", outer="project_id", prefix="project_published")
    return periods.filter(project_id=project_id).select_related("project", "enterprise").first()


def service_centre(project_id: int) -> ServiceCentre | None:
    return ServiceCentre.objects.filter(project_id=project_id, active=True).first()


def open_findings(project_id: int, on: datetime.date) -> list[dict]:
    """The project's open findings per check — {clause_id, check_id, party, since} — in the code's order; never
    their messages or evidence, which may name people. Exempted checks are left out."""
    rows = (
        Finding.objects.filter(project_id=project_id, state=FindingState.OPEN)
        .exclude(exempt_findings_q(on))
        .values("clause_id", "check_id", "party")
        .annotate(since=Min("period_start"))
        .order_by()
    )
    order = {clause.id: n for n, clause in enumerate(load_catalogue().clauses)}
    return sorted(rows, key=lambda row: (order.get(row["clause_id"], len(order)), row["check_id"]))


def announced_standards(project_id: int, on: datetime.date) -> list[FeeStandard]:
    """The standards published to take effect after ``on`` (a change is posted at least a month ahead);
    those in force come with the fee notice (``wuye.finance.notices.fee_notice``)."""
    return list(
        FeeStandard.objects.filter(project_id=project_id, effective_from__gt=on).order_by(
            "effective_from", "property_kind"
        )
    )


def published_statements(project_id: int) -> list[Statement]:
    """The published half-year statements (not drafts, not superseded versions), newest first, with their
    lines and accounts (two queries in all)."""
    lines = StatementLine.objects.select_related("account__parent")
    return list(
        Statement.objects.filter(project_id=project_id, status=StatementStatus.PUBLISHED)
        .order_by("-year", "-half", "-version")
        .prefetch_related(Prefetch("lines", queryset=lines))
    )


def common_area_uses(project, on: datetime.date) -> list[CommonAreaUse]:
    """The commercial uses and changes of use of common parts in effect on ``on``, each ``authorised`` or
    not by the owners' vote (民法典 Art. 278's thresholds in force in the project's division); the vote's
    day comes along. Never the counterparty (a person may be one)."""
    uses = CommonAreaUse.objects.filter(project=project, start__lte=on).filter(
        Q(end__isnull=True) | Q(end__gte=on)
    )
    limits = thresholds(project.division_id, on)
    return list(
        with_authorisation(uses, limits)
        .select_related("vote")
        .only("kind", "location", "start", "end", "vote__held_on", "project_id")
        .order_by("kind", "start", "pk")
    )


def account_names(codes) -> dict[str, str]:
    """{code: name} of the default tree's accounts (what a statement line is called)."""
    return dict(Account.objects.filter(project=None, code__in=set(codes)).values_list("code", "name"))


def parking_counts(project_id: int, on: datetime.date) -> dict:
    """Above-ground spaces and how many are let on ``on`` (one query)."""
    let_now = ParkingLease.objects.filter(space=OuterRef("pk"), start__lte=on, end__gte=on)
    return ParkingSpace.objects.filter(project_id=project_id, level=SpaceLevel.ABOVE_GROUND).aggregate(
        above=Count("pk"), let=Count("pk", filter=Q(Exists(let_now)))
    )
