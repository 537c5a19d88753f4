"""Read-side queries of scores: the latest snapshot of each row of a list, a subject's 12-month trend.

The lists annotate instead of looping (one correlated top-1 subquery per column, on the
``score_*_latest`` indexes), so a page of 20 or an export of 5,000 rows costs the same few queries.
"""

import datetime

from django.db.models import OuterRef, Subquery

from wuye.compliance.models import ScoreSnapshot

TREND_DAYS = 366  # twelve months back from today, both ends included


def latest_snapshot_of(field: str):
    """The newest snapshot of the outer row, ``field`` being "project" or "enterprise".

    An enterprise's own snapshot has no project; a project's has its enterprise unset (compute_scores),
    so ``project__isnull`` keeps the two apart. No scope filter: a snapshot is visible exactly where
    its project (or, project-less, its enterprise) is (``project_or_enterprise_q``), and the outer
    queryset is already the user's visible rows.
    """
    rows = ScoreSnapshot.objects.filter(**{field: OuterRef("pk")})
    if field == "enterprise":
        rows = rows.filter(project__isnull=True)
    return rows.order_by("-on")


def with_latest_score(queryset, field: str):
    """``queryset`` with ``latest_score``, ``latest_grade`` and ``latest_on`` (None: not evaluated yet)."""
    latest = latest_snapshot_of(field)
    return queryset.annotate(
        latest_score=Subquery(latest.values("score")[:1]),
        latest_grade=Subquery(latest.values("grade")[:1]),
        latest_on=Subquery(latest.values("on")[:1]),
    )


def score_text(value) -> str:
    """A score for export: two decimals, as stored (SQLite hands a subquery's 92.50 back as 92.5)."""
    return "" if value is None else f"{value:.2f}"


def latest_snapshot(user, subject: str) -> ScoreSnapshot | None:
    return ScoreSnapshot.objects.visible_to(user).filter(subject=subject).order_by("-on").first()


def trend_window(today: datetime.date) -> dict:
    """The days the trend covers, for the chart's axis: twelve months up to today."""
    return {"from": (today - datetime.timedelta(days=TREND_DAYS - 1)).isoformat(), "to": today.isoformat()}


def score_trend(user, subject: str, today: datetime.date) -> list[list]:
    """[[ISO day, score, grade], …] of the last twelve months, oldest first: one bounded query."""
    since = today - datetime.timedelta(days=TREND_DAYS - 1)
    rows = (
        ScoreSnapshot.objects.visible_to(user)
        .filter(subject=subject, on__gte=since, on__lte=today)
        .order_by("on")
        .values_list("on", "score", "grade")
    )
    return [[day.isoformat(), float(score), grade] for day, score, grade in rows]
