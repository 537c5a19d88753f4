"""Whole-month arithmetic: Python and both databases agree, the day clamped to the shorter month."""

import datetime

import pytest
from django.db.models import DateField, Value

from wuye.core.dates import AddMonths, add_months
from wuye.regions.models import Division


def in_sql(day: datetime.date, months: int) -> datetime.date:
    expression = AddMonths(Value(day, output_field=DateField()), months)
    return Division.objects.annotate(moved=expression).values_list("moved", flat=True)[:1].get()


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2025, 3, 10), 1, datetime.date(2025, 4, 10)),
        (datetime.date(2025, 1, 31), 1, datetime.date(2025, 2, 28)),
        (datetime.date(2024, 1, 31), 1, datetime.date(2024, 2, 29)),
        (datetime.date(2025, 3, 31), -1, datetime.date(2025, 2, 28)),
        (datetime.date(2025, 12, 15), 1, datetime.date(2026, 1, 15)),
        (datetime.date(2024, 2, 29), 12, datetime.date(2025, 2, 28)),
    ],
)
def test_add_months_clamps_to_the_end_of_the_shorter_month(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.django_db
def test_the_database_counts_months_as_python_does():
    start = datetime.date(2023, 12, 1)
    days = [start + datetime.timedelta(days=n) for n in range(0, 125, 3)] + [datetime.date(2024, 1, 31)]
    for day in days:
        for months in (1, -1, 12, 13):
            assert in_sql(day, months) == add_months(day, months), (day, months)


def test_months_must_be_whole():
    with pytest.raises(TypeError):
        AddMonths("start_date", 1.5)
