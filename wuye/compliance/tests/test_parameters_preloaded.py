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


def test_a_block_reads_a_divisions_overrides_of_every_parameter_in_one_query(
    world, django_assert_num_queries
):
    override(world, "150200", D(2025, 1, 1), 3)
    ParameterOverride.objects.create(
        check_id="3.3.ticket_completed",
        name="completion_deadline",
        division_id="150000",
        valid_from=D(2025, 1, 1),
        value=48,
        reason="test",
        set_by=world.users["regulator"],
    )
    with django_assert_num_queries(1), preloaded():
        assert param("4.2.maintenance_gap", "backfill_limit", "150203", D(2026, 1, 1)).days == 3
        assert (
            param("3.3.ticket_completed", "completion_deadline", "150203", D(2026, 1, 1)).total_seconds()
            == 48 * 3600
        )
        assert (
            param("3.3.ticket_completed", "completion_deadline", "150203", D(2024, 1, 1)).total_seconds()
            == 72 * 3600
        )
        assert (
            param("3.3.follow_up", "follow_up_deadline", "150203", D(2026, 1, 1)).days == 7
        )  # no override: default


def test_every_request_reads_parameters_within_one_block(client, world, django_assert_num_queries):
    """The project page reads a dozen parameters for its cards: the division's overrides once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    override(world, "150200", D(2025, 1, 1), 3)
    client.force_login(world.users["manager"])
    with CaptureQueriesContext(connection) as captured:
        assert client.get(world.inside.project.get_absolute_url()).status_code == 200
    reads = [q["sql"] for q in captured.captured_queries if "compliance_parameteroverride" in q["sql"]]
    assert 1 <= len(reads) <= 3  # the project's division chain, and the enterprise's where a card asks it
