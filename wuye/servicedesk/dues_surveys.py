"""The one home of the deadlines of clause 3.7: when a rectification item is due, and when a half
year's survey is. The check, the pages and the reminders all ask here."""

import datetime

from wuye.compliance.duties import bucket_of, next_bucket, start_of_day


def rectification_deadline(due_on: datetime.date) -> datetime.datetime:
    """An item due on a day may be fixed until that day ends (midnight after it, Asia/Shanghai)."""
    return start_of_day(due_on + datetime.timedelta(days=1))


def default_due_on(raised_on: datetime.date, division: str | None) -> datetime.date:
    """The due date of an item raised without one: ``fix_deadline`` days later (3.7.problems_fixed)."""
    from wuye.compliance.parameters import param

    return raised_on + param("3.7.problems_fixed", "fix_deadline", division, raised_on)


def half_year_due(
    bucket_start: datetime.date, months: int, due_after: datetime.timedelta
) -> datetime.datetime:
    """By when a bucket (a half year) must have had its survey: its end + ``due_after``."""
    return start_of_day(next_bucket(bucket_start, months)) + due_after


def survey_due(day: datetime.date, division: str | None) -> datetime.datetime:
    """The deadline of the survey of the bucket ``day`` falls in, with the parameters in force that day."""
    from wuye.compliance.parameters import param

    months = int(param("3.7.survey_held", "bucket", division, day))
    return half_year_due(bucket_of(day, months), months, param("3.7.survey_held", "due_after", division, day))
