"""The two shapes of periodic duty (DESIGN.md), each one set-based query, the same on SQLite and PostgreSQL.

*Rolling* ("at most P apart"): a window function orders each subject's fulfilling records in time;
every gap strictly longer than the limit (period + grace) is a miss, and so is the time from the
subject's start to its first record, and the open gap from its last record to the evaluation time.
After healthchecks: the state is a pure function of timestamps.
"""

import datetime
from dataclasses import dataclass

from django.db.models import (
    DateTimeField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    Min,
    OuterRef,
    RowRange,
    Subquery,
)
from django.db.models.expressions import Window
from django.db.models.functions import Lag, TruncMonth
from django.utils import timezone

from wuye.core.dates import add_months


@dataclass(frozen=True)
class MonthsLimit:
    """ "At most N whole months (+ grace) apart": 6 months after 31 August is 28 (or 29) February, the
    same time of day in Asia/Shanghai (core/dates.add_months).

    SQL cannot say "N months" the same way on SQLite and PostgreSQL for timestamps, so the duty
    functions ask the database for gaps longer than ``lower`` (N × 28 days + grace, never more than the
    real limit) and keep those that ``exceeded`` says are too long: the few candidates, never every row.
    """

    months: int
    grace: datetime.timedelta = datetime.timedelta(0)

    @property
    def lower(self) -> datetime.timedelta:
        return datetime.timedelta(days=28 * self.months) + self.grace

    def deadline(self, start: datetime.datetime) -> datetime.datetime:
        local = timezone.localtime(start)
        day = add_months(local.date(), self.months)
        return timezone.make_aware(datetime.datetime.combine(day, local.time())) + self.grace

    def exceeded(self, start: datetime.datetime, end: datetime.datetime) -> bool:
        return end > self.deadline(start)

    def __str__(self):
        return limit_in_words(self)


def months_limit(value: int, unit: str, grace=datetime.timedelta(0)) -> MonthsLimit:
    if unit not in ("months", "years"):
        raise ValueError(f"not a calendar unit: {unit}")
    return MonthsLimit(int(value) * (12 if unit == "years" else 1), grace)


def lower_bound(limit) -> datetime.timedelta:
    """The longest span sure to be within the limit (what SQL may filter by)."""
    return limit.lower if isinstance(limit, MonthsLimit) else limit


def deadline_after(limit, start: datetime.datetime) -> datetime.datetime:
    """The last moment a duty "at most ``limit`` apart" counting from ``start`` (a record, or the subject's
    start) is still met: a rolling check's open gap is a finding from just after it, and a reminder
    counts back from it."""
    return limit.deadline(start) if isinstance(limit, MonthsLimit) else start + limit


def exceeds(limit, start: datetime.datetime, end: datetime.datetime) -> bool:
    """Whether the span from start to end is strictly longer than the limit (exactly the limit passes)."""
    return end > deadline_after(limit, start)


def limit_in_words(limit) -> str:
    from wuye.compliance.wording import duration, months

    if isinstance(limit, MonthsLimit):
        words = months(limit.months)
        return words + duration(limit.grace) if limit.grace else words
    return duration(limit)


@dataclass(frozen=True)
class Gap:
    """A time without a fulfilling record: from ``start`` (a record, or the subject's start) to ``end``."""

    subject_id: int
    start: datetime.datetime
    end: datetime.datetime | None  # None: still open at the evaluation time
    before_id: int | None  # the record that opens the gap (None: the subject's start)
    after_id: int | None  # the record that closes it (None: open)


def gaps_between_records(records, subject: str, limit) -> list[Gap]:
    """Gaps strictly longer than ``limit`` (a timedelta or a MonthsLimit) between consecutive records of
    each subject.

    One query; the database orders each subject's records by time (on PostgreSQL straight from the
    (subject, occurred_at) index, no sort) and returns only the gaps: Python never sees the rows.
    """
    # A ROWS frame: the same LAG, but PostgreSQL need not look for rows tied in time (about 10 % faster).
    previous = {"partition_by": [F(subject)], "order_by": F("occurred_at").asc(), "frame": RowRange(-1, 0)}
    lagged = (
        records.order_by()
        .annotate(
            prev_at=Window(Lag("occurred_at"), **previous),
            prev_id=Window(Lag("pk"), **previous),
        )
        .annotate(gap=ExpressionWrapper(F("occurred_at") - F("prev_at"), output_field=DurationField()))
    )
    rows = lagged.filter(prev_at__isnull=False, gap__gt=lower_bound(limit)).values_list(
        subject, "prev_at", "occurred_at", "prev_id", "pk"
    )
    return [
        Gap(s, start, end, before, after)
        for s, start, end, before, after in rows
        if exceeds(limit, start, end)
    ]


def leading_gaps(subjects, records, subject, start_field, as_of, limit) -> list[Gap]:
    """From each subject's start to its first record, where longer than the limit (no records: see open_gaps).

    A top-1 lookup per subject in the (subject, occurred_at) index, never an aggregate over its history
    (PostgreSQL turns an ungrouped MIN into an index lookup, a grouped one into a scan).
    """
    first = records.filter(**{subject: OuterRef("pk")}).order_by("occurred_at", "pk")[:1]
    rows = (
        subjects.order_by()
        .annotate(
            first_at=Subquery(first.values("occurred_at"), output_field=DateTimeField()),
            first_id=Subquery(first.values("pk")),
        )
        .filter(first_at__isnull=False)
        .values_list("pk", start_field, "first_at", "first_id")
    )
    gaps = []
    for pk, began_on, first_at, first_pk in rows:
        began = start_of_day(began_on)
        if began < as_of and exceeds(limit, began, first_at):
            gaps.append(Gap(pk, began, first_at, None, first_pk))
    return gaps


def open_gaps(subjects, records, subject, start_field, as_of, limit) -> list[Gap]:
    """From each subject's last record (or its start, if none) to as_of, where longer than the limit.

    Every run looks at every subject, since this deadline passes without any new record: one index
    probe per subject for a record within the limit before as_of; only the few without one read their
    last record.
    """
    mine = records.filter(**{subject: OuterRef("pk")})
    last = mine.order_by("-occurred_at", "-pk")[:1]
    late = (
        subjects.order_by()
        .exclude(Exists(mine.filter(occurred_at__gte=as_of - lower_bound(limit))))
        .annotate(
            last_at=Subquery(last.values("occurred_at"), output_field=DateTimeField()),
            last_id=Subquery(last.values("pk")),
        )
        .values_list("pk", start_field, "last_at", "last_id")
    )
    gaps = []
    for pk, began_on, last_at, last_pk in late:
        began = start_of_day(began_on)
        if last_at is not None:
            if exceeds(limit, last_at, as_of):
                gaps.append(Gap(pk, last_at, None, last_pk, None))
        elif exceeds(limit, began, as_of):
            gaps.append(Gap(pk, began, None, None, None))
    return gaps


# -- incremental rolling duties ------------------------------------------------------------------------
# After a run, a subject's gaps change only from the last fulfilling record before the earliest record
# that changed (one received since, or one a new correction took out): every gap that ends before that
# predecessor lies between records that are all as they were. So an incremental run reads, per changed
# subject, only the records from that predecessor on (its *window*), and reconciles only the findings
# that begin in it.

# Subjects whose windows begin within this span of each other share one query, from the earliest start:
# a few extra rows per subject instead of one query per subject.
WINDOW_BATCH_SPAN = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Since:
    """What the last evaluation saw: at most the records received before ``received`` and claiming no
    later than ``as_of``. The engine sets ``received`` early enough that a record claiming a time after
    ``as_of`` was received after it: records received since are all that can have changed."""

    received: datetime.datetime
    as_of: datetime.datetime


def earliest_changes(querysets, subject: str) -> dict[int, datetime.datetime]:
    """{subject id: the earliest ``occurred_at``} over querysets of records that changed (few rows each)."""
    earliest = {}
    for queryset in querysets:
        rows = queryset.order_by().values(subject).annotate(t=Min("occurred_at")).values_list(subject, "t")
        for pk, moment in rows:
            if pk not in earliest or moment < earliest[pk]:
                earliest[pk] = moment
    return earliest


def batches(starts: dict[int, datetime.datetime]):
    """(subject ids, earliest start) for runs of subjects whose starts lie within WINDOW_BATCH_SPAN."""
    batch, first = [], None
    for pk, moment in sorted(starts.items(), key=lambda item: item[1]):
        if batch and moment - first > WINDOW_BATCH_SPAN:
            yield batch, first
            batch = []
        if not batch:
            first = moment
        batch.append(pk)
    if batch:
        yield batch, first


def window_starts(subjects, records, subject: str, changed: dict[int, datetime.datetime]) -> dict:
    """{subject id: where its window begins}: its last fulfilling record before its earliest change
    (None: it has none, so its whole history). A batch looks before its earliest change, which can only
    begin a window earlier than needed, never later."""
    windows = {}
    for ids, bound in batches(changed):
        before = (
            records.filter(**{subject: OuterRef("pk"), "occurred_at__lt": bound})
            .order_by("-occurred_at")
            .values("occurred_at")[:1]
        )
        rows = subjects.filter(pk__in=ids).annotate(
            window_start=Subquery(before, output_field=DateTimeField())
        )
        windows.update(rows.values_list("pk", "window_start"))
    return windows


def gaps_in_windows(records, subject: str, limit, windows: dict) -> list[Gap]:
    """The gaps of each subject that begin in its window (``window_starts``): one query per batch."""
    whole = [pk for pk, start in windows.items() if start is None]
    gaps = gaps_between_records(records.filter(**{f"{subject}__in": whole}), subject, limit) if whole else []
    bounded = {pk: start for pk, start in windows.items() if start is not None}
    for ids, bound in batches(bounded):
        rows = records.filter(**{f"{subject}__in": ids, "occurred_at__gte": bound})
        gaps += [
            gap for gap in gaps_between_records(rows, subject, limit) if gap.start >= bounded[gap.subject_id]
        ]
    return gaps


def start_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


# -- calendar duties ---------------------------------------------------------------------------------
# "At least once per month / quarter / half year / year", buckets in Asia/Shanghai: a bucket that has
# ended, and whose deadline (its end + due_after) has passed, without a fulfilling record is a miss.


@dataclass(frozen=True)
class Miss:
    """A calendar bucket of a subject with no fulfilling record by its deadline."""

    subject_id: int
    bucket_start: datetime.datetime
    bucket_end: datetime.datetime
    due: datetime.datetime


def bucket_of(day: datetime.date, months: int) -> datetime.date:
    """The first day of the ``months``-long bucket a day falls in (buckets start in January)."""
    index = (day.month - 1) // months * months
    return datetime.date(day.year, index + 1, 1)


def next_bucket(start: datetime.date, months: int) -> datetime.date:
    month = start.month - 1 + months
    return datetime.date(start.year + month // 12, month % 12 + 1, 1)


def calendar_misses(subjects, records, subject: str, start_field: str, months: int, due_after, as_of):
    """Buckets of ``months`` months (1, 3, 6, 12) per subject, from the bucket of its start date, that are
    due by ``as_of`` and hold no record. One query for the covered buckets; the loop runs per subject and
    bucket, never per record."""
    covered = set(
        records.annotate(month=TruncMonth("occurred_at", tzinfo=timezone.get_current_timezone()))
        .values_list(subject, "month")
        .distinct()
    )
    covered_buckets = {
        (s, bucket_of(timezone.localtime(m).date() if isinstance(m, datetime.datetime) else m, months))
        for s, m in covered
    }
    misses = []
    for pk, began_on in subjects.values_list("pk", start_field):
        start = bucket_of(began_on, months)
        while True:
            end = next_bucket(start, months)
            bucket_end = start_of_day(end)
            due = bucket_end + due_after
            if due > as_of:
                break
            if (pk, start) not in covered_buckets:
                misses.append(Miss(pk, start_of_day(start), bucket_end, due))
            start = end
    return misses
