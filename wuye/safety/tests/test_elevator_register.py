"""Clause 4.2's register: every building marked as having an elevator has it registered, every elevator
in use its registration code (checked and normalised), each in its own project."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from wuye.compliance.models import FindingState
from wuye.safety.models import Elevator
from wuye.safety.tests.elevator_records import (
    STARTED,
    at,
    findings,
    maintain,
    run,
)

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


# 4.2.registered -------------------------------------------------------------------------------------


def test_a_building_with_an_elevator_but_none_registered_is_a_finding_until_one_is(world):
    building = world.inside.building
    assert building.has_elevator
    run(timezone.now())
    finding = findings("4.2.registered").get(project=building.project)
    assert finding.subject == f"building:{building.pk}" and finding.state == FindingState.OPEN
    assert "1号楼标明有电梯" in finding.message
    assert finding.enterprise_id == world.inside.enterprise.pk
    Elevator.objects.create(
        project=building.project,
        building=building,
        name="1号梯",
        maker="通力",
        registration_code="31101502002026000123",
        in_service_from=timezone.localdate(),
    )
    run(timezone.now())
    finding.refresh_from_db()
    assert finding.state == FindingState.CLOSED


def test_an_elevator_in_use_without_a_registration_code_is_a_finding(world, elevator):
    elevator.registration_code = ""
    elevator.save()
    run(at(3, 2))
    finding = findings("4.2.registered").get(subject__startswith="elevator:")
    assert (finding.subject, finding.period_start) == (f"elevator:{elevator.pk}", at(3, 1))
    assert "没有使用登记证编号" in finding.message
    elevator.registration_code = "梯11蒙B01234(26)"
    elevator.save()
    run(at(3, 3))
    finding.refresh_from_db()
    assert finding.state == FindingState.CLOSED


@pytest.mark.parametrize(
    "code, normalised",
    [
        ("梯11蒙B01234(26)", "梯11蒙B01234(26)"),
        (" 梯11蒙b01234（26） ", "梯11蒙B01234(26)"),
        ("梯11蒙Ｂ01234", "梯11蒙B01234"),
        ("31101502002026000123", "31101502002026000123"),
    ],
)
def test_a_registration_code_is_normalised(world, code, normalised):
    elevator = Elevator(
        project=world.inside.project,
        name="9号梯",
        maker="通力",
        registration_code=code,
        in_service_from=STARTED,
    )
    elevator.full_clean()
    assert elevator.registration_code == normalised


@pytest.mark.parametrize(
    "code",
    ["梯11XB01234(26)", "1234", "21101502002026000123", "31101502009999000123", "3110150200202600012"],
)
def test_a_malformed_registration_code_is_refused(world, code):
    elevator = Elevator(
        project=world.inside.project,
        name="9号梯",
        maker="通力",
        registration_code=code,
        in_service_from=STARTED,
    )
    with pytest.raises(ValidationError) as error:
        elevator.full_clean()
    assert "registration_code" in error.value.message_dict


def test_a_registration_code_is_unique_and_blank_ones_are_many(world, elevator):
    twin = Elevator(
        project=world.outside.project,
        name="1号梯",
        maker="通力",
        registration_code=" 梯11蒙B01234（26）",
        in_service_from=STARTED,
    )
    with pytest.raises(ValidationError) as error:
        twin.full_clean()
    assert "该登记编号已被另一部电梯使用。" in str(error.value)
    for name in ("2号梯", "3号梯"):
        Elevator(
            project=world.inside.project,
            name=name,
            maker="通力",
            registration_code="",
            in_service_from=STARTED,
        ).full_clean()


def test_a_building_of_another_project_is_refused(world, elevator):
    elevator.building = world.outside.building
    with pytest.raises(ValidationError) as error:
        elevator.full_clean()
    assert "building" in error.value.message_dict


def test_the_first_day_cannot_move_past_a_record(world, elevator):
    maintain(world, elevator, at(3, 2, 9))
    elevator.in_service_from = datetime.date(2026, 3, 3)
    with pytest.raises(ValidationError) as error:
        elevator.full_clean()
    assert "in_service_from" in error.value.message_dict
