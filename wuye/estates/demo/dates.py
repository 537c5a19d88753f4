"""Calendar arithmetic for the demo: whole months and years back from the day it is seeded."""

import calendar
import datetime


def shift(day: datetime.date, *, years: int = 0, months: int = 0, days: int = 0) -> datetime.date:
    """``day`` moved by whole months (clamped to the month's last day, so 31 Mar - 1 month = 28/29 Feb)."""
    year, month = divmod(day.year * 12 + day.month - 1 + years * 12 + months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last)) + datetime.timedelta(days=days)


def current_term(
    start: datetime.date, years: int, today: datetime.date
) -> tuple[datetime.date, datetime.date]:
    """The renewal of a ``years``-long term begun on ``start`` that covers ``today`` (start, inclusive end)."""
    term_start = start
    while shift(term_start, years=years) <= today:
        term_start = shift(term_start, years=years)
    return term_start, shift(term_start, years=years, days=-1)
