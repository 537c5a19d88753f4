"""The deadlines of the fee duties, in one place for the checks, the pages and any reminder.

- A fee change must be published at least ``notice_before`` calendar months before it takes effect:
  a standard taking effect on 1 March with one month's notice is published on 1 February at the latest.
- The tax payment certificate of year Y is due ``file_within`` calendar months after Y ends: by 31 May of
  Y + 1 with the default 5 months (the last day before the month boundary).
"""

import datetime

from wuye.core.dates import AddMonths, add_months


def fee_notice_deadline(effective_from: datetime.date, notice_before: int) -> datetime.date:
    """The last day a change taking effect on ``effective_from`` may be published."""
    return add_months(effective_from, -int(notice_before))


def fee_notice_deadline_sql(effective_from, notice_before: int):
    """The same deadline as an SQL expression over a date column (for set-based checks)."""
    return AddMonths(effective_from, -int(notice_before))


def tax_certificate_due(tax_year: int, file_within: int) -> datetime.date:
    """The last day the certificate of ``tax_year`` may be filed (31 May of the next year by default)."""
    return add_months(datetime.date(tax_year + 1, 1, 1), int(file_within)) - datetime.timedelta(days=1)
