"""Clause 4.2's rescues: help within 30 minutes in a city district, an hour elsewhere, at the boundary;
breakdown records that cannot be are refused."""

import pytest
from django.core.exceptions import ValidationError

from wuye.compliance.models import FindingState
from wuye.regions.models import Division
from wuye.safety.elevator_rules import is_city
from wuye.safety.models import Breakdown, Elevator
from wuye.safety.tests.elevator_records import (
    STARTED,
    at,
    breakdown,
    findings,
    record,
    run,
)
from wuye.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def elevator(world):
    return Elevator.objects.create(
        project=world.inside.project,
        building=world.inside.building,
        name="1号梯",
        registration_code="梯11蒙B01234(26)",
        maker="通力电梯有限公司",
        in_service_from=STARTED,
    )


# 4.2.rescue_arrival ---------------------------------------------------------------------------------


def test_in_a_city_district_30_minutes_pass_and_31_are_a_finding(world, elevator):
    assert world.inside.project.division.name == "昆都仑区"
    breakdown(world, elevator, at(4, 1, 10), 30)
    late = breakdown(world, elevator, at(4, 2, 10), 31)
    breakdown(world, elevator, at(4, 3, 10), 90, trapped=0)  # nobody trapped: not a rescue
    run(at(4, 5))
    finding = findings("4.2.rescue_arrival").get()
    assert (finding.period_start, finding.period_end) == (late.occurred_at, late.arrived_at)
    assert finding.state == FindingState.CLOSED and finding.evidence == [f"safety.breakdown:{late.pk}"]
    assert finding.parameters == {"arrival_city": "0:30:00"}
    assert "31分钟" in finding.message and "30分钟" in finding.message and "1人被困" in finding.message


def test_in_a_county_an_hour_passes_and_61_minutes_are_a_finding(world):
    project = f.ProjectFactory(name="固阳小区", division_code="150222")
    f.ServicePeriodFactory(project=project, enterprise=world.inside.enterprise)
    elevator = Elevator.objects.create(
        project=project, name="1号梯", maker="通力", registration_code="", in_service_from=STARTED
    )
    breakdown(world, elevator, at(4, 1, 10), 60, trapped=2, user="admin")
    late = breakdown(world, elevator, at(4, 2, 10), 61, trapped=2, user="admin")
    run(at(4, 5))
    finding = findings("4.2.rescue_arrival").get()
    assert finding.period_start == late.occurred_at
    assert finding.parameters == {"arrival_elsewhere": "1:00:00"}


@pytest.mark.parametrize(
    "code, city",
    [
        ("150203", True),  # 昆都仑区
        ("150206", True),  # 白云鄂博矿区
        ("150222", False),  # 固阳县
        ("150221", False),  # 土默特右旗
        ("150781", False),  # 满洲里市, a county-level city
        ("150200", True),  # 包头市 itself
        ("152500", False),  # 锡林郭勒盟
    ],
)
def test_a_city_is_an_urban_district_or_a_city_itself(code, city):
    assert is_city(Division.objects.get(code=code)) is city


@pytest.mark.parametrize(
    "change",
    [
        {"arrived_at": at(4, 1, 9, 59)},  # before the call
        {"released_at": at(4, 1, 10, 5)},  # freed before help came
        {"released_at": None},  # someone trapped: when were they freed?
        {"cause": " "},
        {"arrived_at": at(4, 1, 10, 30), "released_at": at(4, 2, 10)},  # in the future
    ],
)
def test_an_impossible_breakdown_is_refused_and_nothing_is_written(world, elevator, change):
    values = {
        "elevator": elevator,
        "occurred_at": at(4, 1, 10),
        "arrived_at": at(4, 1, 10, 20),
        "released_at": at(4, 1, 10, 25),
        "people_trapped": 1,
        "cause": "停电",
    }
    with pytest.raises(ValidationError):
        record(world, Breakdown(**{**values, **change}), now=at(4, 1, 11))
    assert not Breakdown.objects.exists()
