"""Demo publication of grades (issue 9): last period's grades of the whole region, published by the region's
regulator (demo-regulator), so the public credit list (/oversight/credit/150000/) and the grades of the
public project pages show something after ``make run``.

A publication copies the scores as of its period's end, so the scores are computed here as of that moment
(the demo has no findings before an evaluation runs: every grade A). ``seed_demo`` then evaluates and
computes the month-end scores of the past year (trend.py) and publishes the period again from those
(``publish_last_period``, a correction), so the public pages show the evaluated grades.
"""

import datetime

from django.utils import timezone

from wuye.accounts.models import User
from wuye.compliance.actions_publication import build_draft, last_ended_period, publish
from wuye.compliance.scores import compute_scores
from wuye.regions.models import Division

REGION = "150000"


def period_end_moment(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59, 59)))


def publish_last_period(today: datetime.date, *, score: bool):
    """Last period's grades of the region published by demo-regulator (None: no such account); ``score``:
    compute the scores as of the period's end first (when the month-end scores do not exist yet)."""
    regulator = User.objects.filter(username="demo-regulator").first()
    if regulator is None:
        return None
    period = last_ended_period(today)
    if score:
        compute_scores(period_end_moment(period.end))
    return publish(regulator, build_draft(regulator, Division.objects.get(pk=REGION), period.start))


def build_publications(region, seed: int) -> None:
    publication = publish_last_period(min(region.today, timezone.localdate()), score=True)
    if publication is not None:
        region.faults.append(
            f"等级发布：{publication.period_start:%Y-%m} 期全区等级已由演示监管账号发布"
            "（按期末评分；seed_demo 评估后以期末评分更正发布）。"
        )
