"""The one home of the deadlines of clause 3.7: when a rectification item is due, and when a half
year's survey is. The check, the pages and the reminders all ask here."""

import datetime

from django.utils import timezone

from wuye.compliance.duties import bucket_of, next_bucket, start_of_day


def rectification_deadline(due_on: datetime.date) -> datetime.datetime:
    """An item due on a day may be fixed until that day ends (midnight after it, Asia/Shanghai)."""
    return start_of_day(due_on + datetime.timedelta(days=1))


def default_due_on(raised_on: datetime.date, division: str | None) -> datetime.date:
    """The due date of an item raised without one: ``fix_deadline`` days later (3.7.problems_fixed)."""
    from wuye.compliance.parameters import param

    return raised_on + param("3.7.problems_fixed", "fix_deadline", division, raised_on)


def survey_due(day: datetime.date, division: str | None) -> datetime.datetime:
    """By when the half year of ``day`` must have had a survey: its end + ``due_after`` (3.7.survey_held)."""
    from wuye.compliance.parameters import param

    months = int(param("3.7.survey_held", "bucket", division, day))
    end = next_bucket(bucket_of(day, months), months)
    return start_of_day(end) + param("3.7.survey_held", "due_after", division, day)


def is_overdue(deadline: datetime.datetime, closed_at: datetime.datetime | None, now=None) -> bool:
    """Late: not closed by the deadline (exactly at it passes)."""
    now = now or timezone.now()
    if closed_at is not None and closed_at <= now:
        return closed_at > deadline
    return now > deadline
