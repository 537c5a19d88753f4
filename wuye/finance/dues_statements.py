"""The one home of clause 1.6's statement deadline: by when a half year's statement must be published.
The check, the pages and any reminder ask here."""

import datetime

from wuye.compliance.duties import bucket_of, next_bucket, start_of_day

CHECK = "1.6.statement_published"


def bucket_due(bucket_start: datetime.date, months: int, due_after: datetime.timedelta) -> datetime.datetime:
    """The end of the bucket (midnight, Asia/Shanghai) + ``due_after``; publishing at that moment is on time."""
    return start_of_day(next_bucket(bucket_start, months)) + due_after


def statement_due(period_start: datetime.date, division: str | None) -> datetime.datetime:
    """The deadline of the statement of the half year starting ``period_start``, with the parameters in
    force on the day the half year ends."""
    from wuye.compliance.parameters import param

    months = int(param(CHECK, "bucket", division, period_start))
    bucket = bucket_of(period_start, months)
    ends_on = next_bucket(bucket, months)
    return bucket_due(bucket, months, param(CHECK, "due_after", division, ends_on))
