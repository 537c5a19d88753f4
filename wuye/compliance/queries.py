"""Read-side queries of scores: the latest snapshot of each row of a list, a subject's 12-month trend.

The lists annotate instead of looping (one correlated top-1 subquery per column, on the
``score_*_latest`` indexes), so a page of 20 or an export of 5,000 rows costs the same few queries.
"""

import datetime

from django.db.models import CharField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Concat, Substr

from wuye.compliance.models import ScoreSnapshot
from wuye.compliance.publication import PublicationStatus, PublishedGrade

TREND_DAYS = 366  # twelve months back from today, both ends included


def latest_snapshot_of(field: str, as_of: datetime.date | None = None):
    """The newest snapshot of the outer row, ``field`` being "project" or "enterprise".

    An enterprise's own snapshot has no project; a project's has its enterprise unset (compute_scores),
    so ``project__isnull`` keeps the two apart. No scope filter: a snapshot is visible exactly where
    its project (or, project-less, its enterprise) is (``project_or_enterprise_q``), and the outer
    queryset is already the user's visible rows. ``as_of``: the newest taken on or before that day.
    """
    rows = ScoreSnapshot.objects.filter(**{field: OuterRef("pk")})
    if as_of is not None:
        rows = rows.filter(on__lte=as_of)
    if field == "enterprise":
        rows = rows.filter(project__isnull=True)
    return rows.order_by("-on")


def with_latest_score(queryset, field: str, as_of: datetime.date | None = None):
    """``queryset`` with ``latest_score``, ``latest_grade`` and ``latest_on`` (None: not evaluated yet), of
    the newest snapshot or, with ``as_of``, the newest on or before that day."""
    latest = latest_snapshot_of(field, as_of)
    return queryset.annotate(
        latest_score=Subquery(latest.values("score")[:1]),
        latest_grade=Subquery(latest.values("grade")[:1]),
        latest_on=Subquery(latest.values("on")[:1]),
    )


def score_text(value) -> str:
    """A score for export: two decimals, as stored (SQLite hands a subquery's 92.50 back as 92.5)."""
    return "" if value is None else f"{value:.2f}"


def snapshots_of(user, subject: str, *, subject_seen: bool = False):
    """The subject's snapshots the user sees. ``subject_seen``: the caller has already read the subject
    itself through ``visible_to`` (a scorecard page, 404 otherwise); a subject's snapshots are visible
    exactly where the subject is (``project_or_enterprise_q``), so the scope filter is not repeated."""
    rows = ScoreSnapshot.objects.all() if subject_seen else ScoreSnapshot.objects.visible_to(user)
    return rows.filter(subject=subject)


def latest_snapshot(user, subject: str, *, subject_seen: bool = False) -> ScoreSnapshot | None:
    return snapshots_of(user, subject, subject_seen=subject_seen).order_by("-on").first()


def trend_window(today: datetime.date) -> dict:
    """The days the trend covers, for the chart's axis: twelve months up to today."""
    return {"from": (today - datetime.timedelta(days=TREND_DAYS - 1)).isoformat(), "to": today.isoformat()}


def score_trend(user, subject: str, today: datetime.date, *, subject_seen: bool = False) -> list[list]:
    """[[ISO day, score, grade], …] of the last twelve months, oldest first: one bounded query."""
    since = today - datetime.timedelta(days=TREND_DAYS - 1)
    rows = (
        snapshots_of(user, subject, subject_seen=subject_seen)
        .filter(on__gte=since, on__lte=today)
        .order_by("on")
        .values_list("on", "score", "grade")
    )
    return [[day.isoformat(), float(score), grade] for day, score, grade in rows]


def division_chain(code: str) -> list[str]:
    """GB/T 2260: division ``code`` and the ones above it (150203 → 150203, 150200, 150000)."""
    return list(dict.fromkeys([code, f"{code[:4]}00", f"{code[:2]}0000"]))


def division_chain_q(lookup: str, code) -> Q:
    """Rows whose division (a code at ``lookup``) is division ``code`` or one above it; ``code`` a string
    or an expression (an outer row's division code)."""
    if isinstance(code, str):
        return Q(**{f"{lookup}__in": division_chain(code)})
    city = Concat(Substr(code, 1, 4), Value("00"), output_field=CharField())
    region = Concat(Substr(code, 1, 2), Value("0000"), output_field=CharField())
    return Q(**{lookup: code}) | Q(**{lookup: city}) | Q(**{lookup: region})


def in_force_rows(division=None):
    """The rows of publications in force; with ``division`` (a code or an expression), only those of
    publications of that division or one above it: another division's publication never decides its grades."""
    rows = PublishedGrade.objects.filter(publication__status=PublicationStatus.PUBLISHED)
    return rows if division is None else rows.filter(division_chain_q("publication__division_id", division))


def published_of(field: str, outer: str = "pk", division=None):
    """The rows of publications in force about the outer row (``outer``: its enterprise or project id),
    the latest period first; an enterprise's own rows only (not its projects'). ``division``: see
    ``in_force_rows``."""
    rows = in_force_rows(division).filter(**{field: OuterRef(outer)})
    if field == "enterprise":
        rows = rows.filter(project__isnull=True)
    return rows.order_by("-publication__period_start", "-publication__published_at")


def with_published_grade(
    queryset, field: str = "enterprise", outer: str = "pk", prefix: str = "published", division=None
):
    """``queryset`` with the grade, score and period of the latest publication in force of its ``field``:
    ``published_grade``, ``published_score``, ``published_period_start``, ``published_period_end`` (None:
    never published). Public pages and lists show these; internal pages the live snapshot. ``division``:
    only publications of that division or above (a code, or an expression such as an outer row's)."""
    rows = published_of(field, outer, division)
    return queryset.annotate(
        **{
            f"{prefix}_grade": Subquery(rows.values("grade")[:1]),
            f"{prefix}_score": Subquery(rows.values("score")[:1]),
            f"{prefix}_period_start": Subquery(rows.values("publication__period_start")[:1]),
            f"{prefix}_period_end": Subquery(rows.values("publication__period_end")[:1]),
        }
    )
