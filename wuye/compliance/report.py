"""The evaluation document of DESIGN.md: every finding in force and the latest scores, as of a moment.

``{"as_of": ..., "findings": [...], "scores": [...]}``, JSON-ready (times ISO 8601 in Asia/Shanghai
with their offset, scores as decimal strings). The `evaluate` command prints it; the API and the pages
build theirs from the same function.
"""

import datetime

from django.db.models import Exists, OuterRef
from django.utils import timezone

from wuye.compliance.catalogue import load_catalogue
from wuye.compliance.models import ScoreSnapshot
from wuye.compliance.scores import findings_in_force

FINDING_FIELDS = (
    "clause",
    "check",
    "subject",
    "subject_name",
    "party",
    "severity",
    "points",
    "state",
    "message",
    "period_start",
    "period_end",
    "evidence",
)
SCORE_FIELDS = ("subject", "name", "score", "grade", "points", "open_findings", "on")


def iso(value: datetime.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value is not None else None


def clause_order() -> dict[str, int]:
    # The catalogue's order (1.1, 1.2, ... 1.10, 6.M), which sorting the ids as text would not keep.
    return {clause.id: index for index, clause in enumerate(load_catalogue().clauses)}


def finding_rows(as_of: datetime.datetime, projects: set[int] | None = None) -> list[dict]:
    """Every finding in force as of ``as_of`` (of both parties), in clause order."""
    # Looking back, a lasting condition found later (a licence that lapsed since) is closed as of
    # then, with a period that had not begun: not in force then.
    findings = findings_in_force(as_of).filter(period_start__lte=as_of)
    if projects is not None:
        findings = findings.filter(project_id__in=projects)
    rows = findings.values_list(
        "clause_id",
        "check_id",
        "subject",
        "subject_name",
        "party",
        "severity",
        "points",
        "state",
        "message",
        "period_start",
        "period_end",
        "evidence",
        "pk",
    )
    order = clause_order()
    rows = sorted(rows, key=lambda r: (order.get(r[0], len(order)), r[1], r[2], r[9], r[-1]))
    return [
        dict(zip(FINDING_FIELDS, (*row[:9], iso(row[9]), iso(row[10]), list(row[11])), strict=True))
        for row in rows
    ]


def latest_scores(as_of: datetime.datetime, projects: set[int] | None = None):
    """Each subject's newest snapshot on or before the day of ``as_of``: projects, then enterprises."""
    day = timezone.localdate(as_of)
    # "No later one up to that day": an anti-join, which PostgreSQL runs as one hash join, where
    # "the newest day" as a subquery runs once per row (1000 subjects x 365 days: 0.5 s, not 4 s).
    later = ScoreSnapshot.objects.filter(subject=OuterRef("subject"), on__gt=OuterRef("on"), on__lte=day)
    snapshots = ScoreSnapshot.objects.filter(on__lte=day).exclude(Exists(later))
    if projects is not None:
        snapshots = snapshots.filter(project_id__in=projects)
    snapshots = snapshots.select_related("project", "enterprise")
    return sorted(snapshots, key=lambda s: (s.project_id is None, s.project_id or s.enterprise_id or 0))


def score_rows(as_of: datetime.datetime, projects: set[int] | None = None) -> list[dict]:
    rows = []
    for snapshot in latest_scores(as_of, projects):
        subject = snapshot.project or snapshot.enterprise
        values = (
            snapshot.subject,
            subject.name if subject else "",
            str(snapshot.score),
            snapshot.grade,
            str(snapshot.points),
            snapshot.open_findings,
            snapshot.on.isoformat(),
        )
        rows.append(dict(zip(SCORE_FIELDS, values, strict=True)))
    return rows


def evaluation_document(as_of: datetime.datetime, projects: set[int] | None = None) -> dict:
    """The findings in force and the latest scores as of ``as_of`` (limited to some projects if given)."""
    return {
        "as_of": iso(as_of),
        "findings": finding_rows(as_of, projects),
        "scores": score_rows(as_of, projects),
    }
