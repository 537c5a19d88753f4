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
    ExpressionWrapper,
    F,
    Max,
    Min,
    OuterRef,
    Subquery,
)
from django.db.models.expressions import Window
from django.db.models.functions import Lag, TruncMonth
from django.utils import timezone


@dataclass(frozen=True)
class Gap:
    """A time without a fulfilling record: from ``start`` (a record, or the subject's start) to ``end``."""

    subject_id: int
    start: datetime.datetime
    end: datetime.datetime | None  # None: still open at the evaluation time
    before_id: int | None  # the record that opens the gap (None: the subject's start)
    after_id: int | None  # the record that closes it (None: open)


def gaps_between_records(records, subject: str, limit: datetime.timedelta) -> list[Gap]:
    """Gaps strictly longer than ``limit`` between consecutive records of each subject."""
    lagged = records.annotate(
        prev_at=Window(Lag("occurred_at"), partition_by=[F(subject)], order_by=F("occurred_at").asc()),
        prev_id=Window(Lag("pk"), partition_by=[F(subject)], order_by=F("occurred_at").asc()),
    ).annotate(gap=ExpressionWrapper(F("occurred_at") - F("prev_at"), output_field=DurationField()))
    rows = lagged.filter(prev_at__isnull=False, gap__gt=limit).values_list(
        subject, "prev_at", "occurred_at", "prev_id", "pk"
    )
    return [Gap(s, start, end, before, after) for s, start, end, before, after in rows]


def edge_gaps(
    subjects, records, subject: str, start_field: str, as_of: datetime.datetime, limit: datetime.timedelta
):
    """The leading gap (subject start → first record) and the open gap (last record → as_of), per subject.

    ``subjects`` is a queryset of the subjects (power rooms), ``start_field`` an aware datetime
    expression name on it (when the duty began); ``records`` the fulfilling records.
    """
    mine = records.filter(**{subject: OuterRef("pk")}).order_by()
    first = mine.values(subject).annotate(t=Min("occurred_at")).values("t")
    last = mine.values(subject).annotate(t=Max("occurred_at")).values("t")
    first_id = mine.order_by("occurred_at", "pk").values("pk")[:1]
    last_id = mine.order_by("-occurred_at", "-pk").values("pk")[:1]
    rows = subjects.annotate(
        first_at=Subquery(first, output_field=DateTimeField()),
        last_at=Subquery(last, output_field=DateTimeField()),
        first_id=Subquery(first_id),
        last_id=Subquery(last_id),
    ).values_list("pk", start_field, "first_at", "last_at", "first_id", "last_id")
    gaps = []
    for pk, began_on, first_at, last_at, first_pk, last_pk in rows:
        began = start_of_day(began_on)
        if began >= as_of:
            continue
        if first_at is None:
            if as_of - began > limit:
                gaps.append(Gap(pk, began, None, None, None))
            continue
        if first_at - began > limit:
            gaps.append(Gap(pk, began, first_at, None, first_pk))
        if as_of - last_at > limit:
            gaps.append(Gap(pk, last_at, None, last_pk, None))
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
