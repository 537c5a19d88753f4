"""The weekly digest of a regulator: what changed in its divisions in the seven days before Monday.

Findings opened and closed by clause, grade changes of enterprises and projects (from the score
snapshots), appeals and exemptions waiting for a decision, and the deadlines of the next seven days.
Everything is read through ``visible_to(regulator)``, so a city's regulator reads its city only; a
fixed number of queries whatever the number of projects.
"""

import datetime

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from wuye.compliance.duties import start_of_day
from wuye.compliance.models import Finding, ScoreSnapshot
from wuye.compliance.review import Appeal, AppealStatus, Exemption, ExemptionStatus
from wuye.core.scoping import scope_of
from wuye.oversight.reminders import upcoming
from wuye.regions.models import Division

WEEK = datetime.timedelta(days=7)


def week_of(now) -> datetime.date:
    """The Monday (Asia/Shanghai) of the week ``now`` falls in: the digest's date."""
    today = timezone.localdate(now)
    return today - datetime.timedelta(days=today.weekday())


def by_clause(findings, field: str, since, until) -> list[dict]:
    rows = (
        findings.filter(**{f"{field}__gte": since, f"{field}__lt": until})
        .values("clause_id")
        .annotate(count=Count("pk"))
        .order_by("clause_id")
    )
    return [{"clause": row["clause_id"], "count": row["count"]} for row in rows]


def grade_changes(user, since: datetime.date, until: datetime.date) -> list[dict]:
    """Snapshots of the week whose grade differs from the subject's snapshot before: one query."""
    earlier = ScoreSnapshot.objects.filter(subject=OuterRef("subject"), on__lt=OuterRef("on")).order_by("-on")
    rows = (
        ScoreSnapshot.objects.visible_to(user)
        .filter(on__gte=since, on__lt=until)
        .annotate(
            before=Subquery(earlier.values("grade")[:1]),
            name=Coalesce("project__name", "enterprise__name"),
        )
        .exclude(before__isnull=True)
        .order_by("subject", "on")
        .values("subject", "name", "on", "before", "grade")
    )
    return [
        {
            "subject": row["subject"],
            "name": row["name"],
            "on": row["on"].isoformat(),
            "from": row["before"],
            "to": row["grade"],
        }  # fmt: skip
        for row in rows
        if row["before"] != row["grade"]
    ]


def build_digest(user, week_start: datetime.date, now) -> dict:
    """The digest's content (JSON-ready) for the regulator ``user`` and the week before ``week_start``."""
    since, until = start_of_day(week_start - WEEK), start_of_day(week_start)
    findings = Finding.objects.visible_to(user)
    deadlines = upcoming(now, now + WEEK, user)
    codes = sorted(scope_of(user).division_codes)
    return {
        "week_start": week_start.isoformat(),
        "since": (week_start - WEEK).isoformat(),
        "until": (week_start - datetime.timedelta(days=1)).isoformat(),
        "divisions": list(
            Division.objects.filter(code__in=codes).order_by("code").values_list("name", flat=True)
        ),
        "opened": by_clause(findings, "first_found_at", since, until),
        "closed": by_clause(findings, "closed_at", since, until),
        "grade_changes": grade_changes(user, week_start - WEEK, week_start),
        "appeals_waiting": Appeal.objects.visible_to(user).filter(status=AppealStatus.FILED).count(),
        "exemptions_waiting": Exemption.objects.visible_to(user)
        .filter(status=ExemptionStatus.REQUESTED)
        .count(),
        "deadlines": [
            {
                "kind": row.kind_label,
                "subject_name": row.subject_name,
                "project_name": row.project_name,
                "enterprise_name": row.enterprise_name,
                "due": timezone.localtime(row.due).isoformat(),
            }
            for row in deadlines
        ],
    }
