"""Whole-month date arithmetic, the same in Python, on SQLite and on PostgreSQL.

A month after 31 January is 28 (or 29) February: the day is clamped to the end of the shorter month,
as PostgreSQL's ``date + interval '1 month'`` and Chinese labour practice count it. SQLite's own
``date(x, '+1 month')`` would roll over to 3 March instead, so it is clamped here by hand; a check
that compares a date with "one month after another" must give the same answer on both databases.
"""

import calendar
import datetime

from django.db import NotSupportedError
from django.db.models import DateField, Func


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved by whole months, clamped to the last day of the month it lands in."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


class AddMonths(Func):
    """SQL ``add_months(expression, months)`` for a date column and a whole number of months."""

    output_field = DateField()

    def __init__(self, expression, months: int, **extra):
        if not isinstance(months, int):
            raise TypeError("months must be a whole number")
        self.months = months
        super().__init__(expression, **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        # The earlier of the rolled-over date and the last day of the target month.
        template = f"MIN(date({sql}, %s), date({sql}, 'start of month', %s, '-1 day'))"
        rolled = f"{self.months:+d} months"
        month_end = f"{self.months + 1:+d} months"
        return template, (*params, rolled, *params, month_end)

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"CAST(({sql} + make_interval(months => %s)) AS date)", (*params, self.months)

    def as_sql(self, compiler, connection, **extra_context):
        raise NotSupportedError(f"AddMonths supports SQLite and PostgreSQL, not {connection.vendor}")
