"""Done-when of the parameters page: an override of a check's parameter or points in 包头市 changes the
findings and scores of 包头市's projects only, and the findings name the value applied."""

import datetime

import pytest

from wuye.compliance.engine import evaluate
from wuye.compliance.models import Finding, FindingState, ParameterOverride, ScoreSnapshot
from wuye.oversight.tests.elevators import maintained_on_both_sides
from wuye.safety.tests.elevator_records import at

pytestmark = pytest.mark.django_db
CHECK = "4.2.maintenance_gap"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def gaps(world):
    """On each side an elevator maintained on 1 and 20 March: a gap of 19 days, over the 15 allowed."""
    return maintained_on_both_sides(world, (at(3, 1, 9), None), (at(3, 20, 9), None))


def override(world, name, value, valid_from=datetime.date(2026, 1, 1)):
    return ParameterOverride.objects.create(
        check_id=CHECK,
        name=name,
        division_id="150200",
        valid_from=valid_from,
        value=value,
        reason="包头市试点",
        set_by=world.users["regulator_bt"],
    )


def run():
    evaluate(at(3, 25), full=True, checks={CHECK})


def finding(side) -> Finding:
    return Finding.objects.get(check_id=CHECK, project=side.project, period_end__isnull=False)


def score(side) -> ScoreSnapshot:
    return ScoreSnapshot.objects.filter(project=side.project).latest("on")


def test_the_catalogue_points_are_applied(gaps):
    run()
    for side in (gaps.inside, gaps.outside):
        # The catalogue's points are on the finding; its parameters name them only when overridden.
        assert (finding(side).points, "points" in finding(side).parameters) == (5, False)
        assert score(side).score == 95


def test_a_points_override_in_baotou_changes_its_findings_and_scores_only(gaps):
    run()
    outside_before = finding(gaps.outside)
    override(gaps, "points", 8)
    run()  # a full re-evaluation brings the stored findings in line
    inside = finding(gaps.inside)
    assert (inside.points, inside.parameters["points"]) == (8, 8)
    assert score(gaps.inside).score == 92
    outside = finding(gaps.outside)
    assert (outside.pk, outside.points, outside.parameters) == (
        outside_before.pk,
        5,
        outside_before.parameters,
    )
    assert "points" not in outside.parameters
    assert score(gaps.outside).score == 95


def test_a_period_override_in_baotou_changes_its_findings_only_and_is_named(gaps):
    override(gaps, "period", 18)
    run()
    inside = finding(gaps.inside)
    assert inside.parameters["period"] == "18 days, 0:00:00"
    outside = finding(gaps.outside)
    assert outside.parameters["period"] == "15 days, 0:00:00"
    # A correction is a newer override: 20 days from February lets the 19-day gap pass in 包头市 only.
    override(gaps, "period", 20, valid_from=datetime.date(2026, 2, 1))
    run()
    assert Finding.objects.get(pk=inside.pk).state == FindingState.WITHDRAWN
    assert score(gaps.inside).score == 100
    assert Finding.objects.get(pk=outside.pk).state == FindingState.CLOSED
    assert score(gaps.outside).score == 95
