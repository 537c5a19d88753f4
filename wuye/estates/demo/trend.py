"""After the demo is built: one evaluation as of now, then scores as of each of the past 12 month ends, so
a fresh ``make run`` shows score trends and the regulator's dashboard has a year to draw; last period's
publication is then corrected from its month-end scores. Only the ``seed_demo`` command calls it (the demo
tests build without it, to stay fast)."""

import datetime

from django.utils import timezone

from wuye.compliance.engine import evaluate
from wuye.compliance.scores import compute_scores
from wuye.estates.demo.publications import publish_last_period

TREND_MONTHS = 12


def past_month_ends(now: datetime.datetime, months: int = TREND_MONTHS) -> list[datetime.datetime]:
    """The last moment (23:59:59 local) of each of the ``months`` months before ``now``'s, oldest first."""
    ends = []
    first = timezone.localtime(now).date().replace(day=1)
    for _ in range(months):
        last_day = first - datetime.timedelta(days=1)
        ends.append(timezone.make_aware(datetime.datetime.combine(last_day, datetime.time(23, 59, 59))))
        first = last_day.replace(day=1)
    return ends[::-1]


def score_history(now: datetime.datetime | None = None) -> None:
    now = now or timezone.now()
    evaluate(now, full=True)
    for as_of in past_month_ends(now):
        compute_scores(as_of)
    publish_last_period(timezone.localdate(now), score=False)
