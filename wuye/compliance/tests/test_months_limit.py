"""Rolling duties counted in calendar months: exactly N months apart passes, a minute more does not."""

import datetime

from django.utils import timezone

from wuye.compliance.duties import MonthsLimit, exceeds, limit_in_words, lower_bound, months_limit


def local(*args):
    return timezone.make_aware(datetime.datetime(*args))


def test_six_months_after_the_last_day_of_august_is_the_end_of_february():
    limit = months_limit(6, "months")
    assert limit.deadline(local(2026, 8, 31, 9, 30)) == local(2027, 2, 28, 9, 30)
    assert not exceeds(limit, local(2026, 8, 31, 9, 30), local(2027, 2, 28, 9, 30))
    assert exceeds(limit, local(2026, 8, 31, 9, 30), local(2027, 2, 28, 9, 31))


def test_years_are_twelve_months_and_grace_is_added():
    limit = months_limit(1, "years", datetime.timedelta(days=3))
    assert limit == MonthsLimit(12, datetime.timedelta(days=3))
    assert not exceeds(limit, local(2025, 5, 1), local(2026, 5, 4))
    assert exceeds(limit, local(2025, 5, 1), local(2026, 5, 4, 0, 1))


def test_the_sql_bound_never_exceeds_the_real_limit():
    for months in (1, 2, 3, 6, 12, 24):
        limit = MonthsLimit(months)
        for start in (local(2026, 1, 31), local(2026, 2, 1), local(2027, 12, 31)):
            assert start + lower_bound(limit) <= limit.deadline(start)


def test_limits_in_words():
    assert limit_in_words(MonthsLimit(6)) == "6个月"
    assert limit_in_words(MonthsLimit(12)) == "1年"
    assert limit_in_words(MonthsLimit(18)) == "1年6个月"
    assert limit_in_words(datetime.timedelta(days=15)) == "15天"
