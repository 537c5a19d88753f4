"""param(check, name, division, date): catalogue defaults, dated division overrides, inheritance."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from wuye.compliance.models import ParameterOverride
from wuye.compliance.parameters import param

pytestmark = pytest.mark.django_db
D = datetime.date


def override(world, division, valid_from, value):
    return ParameterOverride.objects.create(
        check_id="4.8.round_gap",
        name="grace",
        division_id=division,
        valid_from=valid_from,
        value=value,
        reason="test",
        set_by=world.users["regulator"],
    )


def test_defaults_come_from_the_catalogue_as_timedeltas():
    assert param("4.8.round_gap", "period") == datetime.timedelta(hours=1)
    assert param("4.8.round_gap", "grace") == datetime.timedelta(minutes=15)
    assert param("4.8.round_gap", "backfill_fulfils") is False


def test_a_league_override_applies_to_its_counties_from_its_date(world):
    override(world, "150200", D(2026, 6, 1), 30)
    assert param("4.8.round_gap", "grace", "150203", D(2026, 5, 31)) == datetime.timedelta(minutes=15)
    assert param("4.8.round_gap", "grace", "150203", D(2026, 6, 1)) == datetime.timedelta(minutes=30)
    assert param("4.8.round_gap", "grace", "150105", D(2026, 6, 1)) == datetime.timedelta(minutes=15)


def test_the_nearest_division_wins_then_the_latest_date(world):
    override(world, "150000", D(2026, 1, 1), 20)
    override(world, "150200", D(2026, 1, 1), 25)
    override(world, "150200", D(2026, 3, 1), 10)
    override(world, "150203", D(2026, 2, 1), 5)
    assert param("4.8.round_gap", "grace", "150203", D(2026, 4, 1)) == datetime.timedelta(minutes=5)
    assert param("4.8.round_gap", "grace", "150202", D(2026, 4, 1)) == datetime.timedelta(minutes=10)
    assert param("4.8.round_gap", "grace", "150202", D(2026, 2, 1)) == datetime.timedelta(minutes=25)
    assert param("4.8.round_gap", "grace", "150105", D(2026, 2, 1)) == datetime.timedelta(minutes=20)


def test_an_override_must_fit_the_parameters_unit(world):
    bad = ParameterOverride(
        check_id="4.8.round_gap",
        name="grace",
        division_id="150200",
        valid_from=D(2026, 1, 1),
        value="soon",
        reason="x",
        set_by=world.users["regulator"],
    )
    with pytest.raises(ValidationError) as caught:
        bad.full_clean()
    assert "value" in caught.value.message_dict
    unknown = ParameterOverride(
        check_id="4.8.round_gap",
        name="nonsense",
        division_id="150200",
        valid_from=D(2026, 1, 1),
        value=1,
        reason="x",
        set_by=world.users["regulator"],
    )
    with pytest.raises(ValidationError):
        unknown.full_clean()
