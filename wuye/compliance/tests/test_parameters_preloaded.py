"""``preloaded()``: a parameter's overrides read once for a batch, giving what ``param`` gives one by one."""

import datetime

import pytest

from wuye.compliance.models import ParameterOverride
from wuye.compliance.parameters import param, preloaded

pytestmark = pytest.mark.django_db
D = datetime.date


def override(world, division, valid_from, value):
    return ParameterOverride.objects.create(
        check_id="4.2.maintenance_gap",
        name="backfill_limit",
        division_id=division,
        valid_from=valid_from,
        value=value,
        reason="test",
        set_by=world.users["regulator"],
    )


def test_preloaded_values_are_the_values_param_reads_day_by_day(world, django_assert_num_queries):
    override(world, "150000", D(2025, 1, 1), 5)  # the region's from 2025
    override(world, "150200", D(2025, 6, 1), 3)  # the league's from June 2025: nearer, so it wins
    override(world, "150200", D(2026, 1, 1), 2)
    days = [D(2024, 12, 31), D(2025, 1, 1), D(2025, 5, 31), D(2025, 6, 1), D(2025, 12, 31), D(2026, 3, 1)]
    divisions = ["150203", "150105", None]
    one_by_one = {
        (d, day): param("4.2.maintenance_gap", "backfill_limit", d, day) for d in divisions for day in days
    }
    assert [one_by_one["150203", day].days for day in days] == [7, 5, 5, 3, 3, 2]
    assert [one_by_one["150105", day].days for day in days] == [7, 5, 5, 5, 5, 5]
    store = {}
    with django_assert_num_queries(2), preloaded(store):  # one query per division's chain, any days
        batch = {
            (d, day): param("4.2.maintenance_gap", "backfill_limit", d, day)
            for d in divisions
            for day in days
        }
    assert batch == one_by_one
    with django_assert_num_queries(0), preloaded(store):  # kept across blocks sharing the store
        assert param("4.2.maintenance_gap", "backfill_limit", "150203", D(2026, 3, 1)).days == 2
    with django_assert_num_queries(1):  # outside a block: read as before
        assert param("4.2.maintenance_gap", "backfill_limit", "150203", D(2026, 3, 1)).days == 2
