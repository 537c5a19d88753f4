"""Scores and publications for the credit tests: snapshots of both sides' project and enterprise, and
published periods built and published through the actions."""

import datetime
from decimal import Decimal

from django.utils import timezone

from wuye.compliance.actions_publication import build_draft, period_of, publish
from wuye.compliance.models import Finding, ScoreSnapshot
from wuye.core.dates import add_months
from wuye.regions.models import Division


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def snapshot(side, kind: str, grade: str, score: str, on: datetime.date | None = None) -> ScoreSnapshot:
    """A snapshot on ``on``, by default 13 periods back: the latest as of every period the tests publish."""
    subject = getattr(side, kind)
    return ScoreSnapshot.objects.update_or_create(
        subject=f"{kind}:{subject.pk}",
        on=on or months_ago(13),
        defaults={
            kind: subject,
            "score": Decimal(score),
            "grade": grade,
            "points": Decimal(100) - Decimal(score),
            "open_findings": 1,
        },
    )[0]


def score(world, inside=("A", "95.00"), outside=("D", "50.00"), on=None) -> None:
    """Both sides scored: the inside enterprise and project ``inside``, the outside ones ``outside``."""
    for side, (grade, points) in ((world.inside, inside), (world.outside, outside)):
        snapshot(side, "project", grade, points, on)
        snapshot(side, "enterprise", grade, points, on)


def months_ago(months: int) -> datetime.date:
    return add_months(period_of(timezone.localdate()).start, -months)


def published(user, code: str, months: int = 1):
    """The period ``months`` periods back published for division ``code`` by ``user``."""
    draft = build_draft(user, Division.objects.get(pk=code), months_ago(months))
    return publish(user, draft)


def veto_finding(side, state: str = "open") -> Finding:
    since = at(timezone.localdate() - datetime.timedelta(days=20))
    return Finding.objects.create(
        key=f"credit-test:veto:{side.enterprise.pk}",
        check_id="2.1.sudden_withdrawal",
        clause_id="2.1",
        subject=f"serviceperiod:{side.period.pk}",
        subject_name=str(side.period),
        enterprise=side.enterprise,
        division_id=side.project.division_id,
        party="B",
        severity="severe",
        points=10,
        veto=True,
        state=state,
        message="突然撤离",
        period_start=since,
        first_found_at=since,
    )
