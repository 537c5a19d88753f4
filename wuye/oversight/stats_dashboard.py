"""The dashboard's figures per division, computed set-based once per scoring run (``scores_computed``).

Every figure is grouped by the division of its project (or, project-less, of its finding or enterprise) in
one query, then rolled up to the league/city and the region in Python over a few dozen division codes.
Pages read the rows; nothing is recomputed per request.
"""

import datetime
from collections import Counter, defaultdict
from decimal import Decimal

from django.db.models import CharField, Count, Exists, OuterRef, Sum, Value
from django.db.models.functions import Cast, Coalesce, Concat

from wuye.compliance.models import Finding, FindingState, ScoreSnapshot
from wuye.compliance.review import Appeal, AppealStatus, Exemption, ExemptionStatus
from wuye.compliance.scores import findings_in_force, open_at_q
from wuye.estates.models import Project
from wuye.oversight.models import DivisionStat
from wuye.regions.models import Division
from wuye.servicedesk.deadlines_tickets import RULES_BY_CHECK
from wuye.servicedesk.models import Ticket

TICKET_WINDOW = datetime.timedelta(days=30)
GRADE_FIELDS = {"A": "grade_a", "B": "grade_b", "C": "grade_c", "D": "grade_d"}


def ancestors(code: str) -> list[str]:
    """The division itself, its league/city and the region (GB/T 2260 codes), without repeats."""
    return list(dict.fromkeys([code, code[:4] + "00", code[:2] + "0000"]))


def rolled_up(rows) -> dict:
    """{division code: Counter} from (division code, key, number) rows, each added to every ancestor."""
    totals = defaultdict(Counter)
    for code, key, number in rows:
        if code:
            for up in ancestors(code):
                totals[up][key] += number
    return totals


def stat_rows(as_of: datetime.datetime, on: datetime.date) -> list[tuple]:
    """(division code, figure, number) rows of every figure the dashboard shows, one query per figure."""
    rows = [
        (code, "projects", n)
        for code, n in Project.objects.order_by()
        .values("division_id")
        .annotate(n=Count("pk"))
        .values_list("division_id", "n")
    ]
    snapshots = ScoreSnapshot.objects.filter(on=on, project__isnull=False).order_by()
    for code, grade, n, total in (
        snapshots.values("project__division_id", "grade")
        .annotate(n=Count("pk"), total=Sum("score"))
        .values_list("project__division_id", "grade", "n", "total")
    ):
        rows += [(code, GRADE_FIELDS[grade], n), (code, "score_total", total)]
    where = Coalesce("project__division_id", "division_id", "enterprise__division_id")
    in_force = findings_in_force(as_of).order_by().annotate(where=where)
    for code, clause_id, n in (
        in_force.values("where", "clause_id").annotate(n=Count("pk")).values_list("where", "clause_id", "n")
    ):
        rows.append((code, f"clause:{clause_id}", n))
    open_then = in_force.filter(open_at_q(as_of))
    for code, check_id, n in (
        open_then.values("where", "check_id").annotate(n=Count("pk")).values_list("where", "check_id", "n")
    ):
        rows.append((code, f"check:{check_id}", n))
    rows += ticket_rows(as_of)
    waiting = Appeal.objects.filter(status=AppealStatus.FILED, filed_at__lte=as_of).order_by()
    rows += [
        (code, "appeals_waiting", n)
        for code, n in waiting.annotate(
            where=Coalesce("finding__project__division_id", "finding__division_id")
        )
        .values("where")
        .annotate(n=Count("pk"))
        .values_list("where", "n")
    ]
    requested = Exemption.objects.filter(status=ExemptionStatus.REQUESTED).order_by()
    rows += [
        (code, "exemptions_waiting", n)
        for code, n in requested.annotate(where=Coalesce("project__division_id", "enterprise__division_id"))
        .values("where")
        .annotate(n=Count("pk"))
        .values_list("where", "n")
    ]
    return rows


def ticket_rows(as_of: datetime.datetime) -> list[tuple]:
    """Tickets closed in the 30 days before ``as_of``, and those of them with no deadline finding (the
    ticket checks judge each deadline with ``deadlines_tickets``; a finding is a missed one)."""
    missed = Finding.objects.filter(
        check_id__in=list(RULES_BY_CHECK),
        subject=Concat(Value("ticket:"), Cast(OuterRef("pk"), CharField())),
    ).exclude(state=FindingState.WITHDRAWN)
    closed = (
        Ticket.objects.filter(closed_at__gt=as_of - TICKET_WINDOW, closed_at__lte=as_of)
        .order_by()
        .annotate(late=Exists(missed))
    )
    rows = []
    for code, late, n in (
        closed.values("project__division_id", "late")
        .annotate(n=Count("pk"))
        .values_list("project__division_id", "late", "n")
    ):
        rows.append((code, "tickets_closed", n))
        if not late:
            rows.append((code, "tickets_in_time", n))
    return rows


def compute_division_stats(as_of: datetime.datetime, on: datetime.date) -> int:
    """Replace the day's DivisionStat rows: the region, each league/city and county with projects."""
    totals = rolled_up(stat_rows(as_of, on))
    known = set(Division.objects.filter(code__in=list(totals)).values_list("code", flat=True))
    stats = []
    for code, figures in totals.items():
        if code not in known or not figures["projects"]:
            continue
        stat = DivisionStat(division_id=code, on=on)
        for key, number in figures.items():
            kind, _sep, name = key.partition(":")
            if kind == "clause":
                stat.clauses[name] = number
            elif kind == "check":
                stat.open_checks[name] = number
            else:
                setattr(stat, key, Decimal(number) if key == "score_total" else number)
        stats.append(stat)
    DivisionStat.objects.filter(on=on).delete()
    DivisionStat.objects.bulk_create(stats, batch_size=500)
    return len(stats)


def on_scores_computed(sender, *, as_of, on, **kwargs) -> None:
    compute_division_stats(as_of, on)
