"""Documents that must be present and current: an emergency plan reviewed within a year, vehicle rules
at most a year old, a yearly photo of an entrance's signs.

One rule, in days (Asia/Shanghai), used by the checks, the project page and the safety overview alike:
a document of day D is in force through ``in_force_through(D, months)`` — D plus whole calendar months,
so exactly a year passes — and counts from the start of its own day. A subject whose duty began on day
S (a takeover, an entrance put in service) lacks the document on every day from S not covered.

``lapses`` finds those days for every subject in three set-based queries: the gaps between one
subject's consecutive documents (a window function, only the gaps longer than the shortest possible
limit come back), each subject's first and last document, and nothing for subjects with none.
"""

import datetime
from dataclasses import dataclass

from django.db.models import DurationField, ExpressionWrapper, F, Max, Min, Q, Window
from django.db.models.functions import Lag
from django.utils import timezone

from wuye.compliance.duties import start_of_day
from wuye.core.dates import add_months

ONE_DAY = datetime.timedelta(days=1)


def in_force_through(day: datetime.date, months: int) -> datetime.date:
    """The last day a document of ``day`` is in force (a review of 10 March 2025: 10 March 2026)."""
    return add_months(day, months)


def lapse_moment(last: datetime.datetime, months: int) -> datetime.datetime:
    """When a document recorded at ``last`` stops being in force: the start of the day after."""
    return start_of_day(in_force_through(timezone.localtime(last).date(), months) + ONE_DAY)


@dataclass(frozen=True)
class Lapse:
    """Days without a current document: from ``start`` to the day before ``end`` (None: still lacking)."""

    key: tuple
    start: datetime.date
    end: datetime.date | None
    before_id: int | None  # the document that lapsed (None: there was none)
    after_id: int | None  # the document that came (None: none yet)


def lapses(records, keys: list[str], months: int, starts: dict, today: datetime.date) -> list[Lapse]:
    """The lapses of every subject in ``starts`` ({key tuple: the day its duty began}) up to ``today``.

    ``records`` are the documents that count (up to the evaluation time); ``keys`` the fields that make
    a subject (``["project_id", "plan_type"]``). Lapses wholly before a subject's start are left out,
    one that straddles it begins at the start.
    """
    found = []
    partition = [F(key) for key in keys]
    order = [F("occurred_at").asc(), F("pk").asc()]
    gaps = (
        records.order_by()
        .annotate(
            prev_at=Window(Lag("occurred_at"), partition_by=partition, order_by=order),
            prev_id=Window(Lag("pk"), partition_by=partition, order_by=order),
        )
        .annotate(gap=ExpressionWrapper(F("occurred_at") - F("prev_at"), output_field=DurationField()))
        # The shortest real lapse spans more than ``months`` × 28 days: only candidates come back.
        .filter(prev_at__isnull=False, gap__gt=datetime.timedelta(days=28 * months))
        .values_list(*keys, "prev_at", "prev_id", "occurred_at", "pk")
    )
    for *key, prev_at, prev_id, at, pk in gaps:
        through = in_force_through(timezone.localtime(prev_at).date(), months)
        came = timezone.localtime(at).date()
        if came > through + ONE_DAY:
            found.append(Lapse(tuple(key), through + ONE_DAY, came, prev_id, pk))
    # Each subject's first and last document: the time before the first, and the time since the last.
    edges = (
        records.order_by()
        .annotate(
            first_at=Window(Min("occurred_at"), partition_by=partition),
            last_at=Window(Max("occurred_at"), partition_by=partition),
        )
        .filter(Q(occurred_at=F("first_at")) | Q(occurred_at=F("last_at")))
        .values_list(*keys, "occurred_at", "pk", "first_at", "last_at")
    )
    first, last = {}, {}
    for *key, at, pk, first_at, last_at in edges:
        key = tuple(key)
        if at == first_at and (key not in first or pk < first[key][1]):
            first[key] = (at, pk)
        if at == last_at and (key not in last or pk > last[key][1]):
            last[key] = (at, pk)
    for key, (at, pk) in first.items():
        found.append(Lapse(key, None, timezone.localtime(at).date(), None, pk))  # dated by clip()
    for key, (at, pk) in last.items():
        through = in_force_through(timezone.localtime(at).date(), months)
        if through < today:
            found.append(Lapse(key, through + ONE_DAY, None, pk, None))
    for key, start in starts.items():
        if key not in first and start <= today:
            found.append(Lapse(key, start, None, None, None))
    return [clipped for lapse in found if (clipped := clip(lapse, starts)) is not None]


def clip(lapse: Lapse, starts: dict) -> Lapse | None:
    """The lapse from its subject's start on (None: none of it is after the start, or no such subject)."""
    start = starts.get(lapse.key)
    if start is None:
        return None
    if lapse.start is None:  # before the first document: lacking only if the duty began before it
        return Lapse(lapse.key, start, lapse.end, None, lapse.after_id) if lapse.end > start else None
    if lapse.end is not None and lapse.end <= start:
        return None
    return Lapse(lapse.key, max(lapse.start, start), lapse.end, lapse.before_id, lapse.after_id)
