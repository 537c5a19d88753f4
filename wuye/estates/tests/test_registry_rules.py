"""Estate registry rules: overlapping contracts and service periods, Party A, derived fields."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wuye.core.actions import save_record
from wuye.estates.models import Household, ServiceContract, ServicePeriod

pytestmark = pytest.mark.django_db
D = datetime.date


def contract(world, **overrides):
    inside = world.inside
    fields = {
        "project": inside.project,
        "enterprise": inside.enterprise,
        "party_a_kind": "developer",
        "developer": inside.developer,
        "signed_on": D(2020, 1, 1),
        "start": D(2020, 1, 1),
        "end": D(2020, 12, 31),
    }
    fields.update(overrides)
    return ServiceContract(**fields)


def test_overlapping_contract_is_refused_and_nothing_saved(world):
    before = ServiceContract.objects.count()
    with pytest.raises(ValidationError, match="合同期重叠"):
        save_record(world.users["manager"], contract(world, start=D(2030, 1, 1), end=D(2031, 1, 1)))
    assert ServiceContract.objects.count() == before


def test_back_to_back_contracts_are_fine(world):
    save_record(world.users["manager"], contract(world, start=D(2020, 1, 1), end=D(2020, 12, 31)))
    assert ServiceContract.objects.filter(project=world.inside.project).count() == 2


def test_open_ended_period_overlaps_anything_later(world):
    before = ServicePeriod.objects.count()
    later = ServicePeriod(
        project=world.inside.project, enterprise=world.outside.enterprise, start=D(2040, 1, 1)
    )
    with pytest.raises(ValidationError, match="服务期重叠"):
        save_record(world.users["regulator"], later)
    assert ServicePeriod.objects.count() == before


def test_successor_period_after_exit_is_accepted(world):
    period = world.inside.period
    period.end = D(2025, 6, 30)
    save_record(world.users["regulator_bt"], period)
    successor = ServicePeriod(
        project=world.inside.project, enterprise=world.outside.enterprise, start=D(2025, 7, 1)
    )
    save_record(world.users["regulator_bt"], successor)
    assert world.inside.project.current_service_period().enterprise == world.outside.enterprise


def test_period_ending_before_it_starts_is_refused(world):
    period = world.inside.period
    period.end = D(2020, 1, 1)
    with pytest.raises(ValidationError) as caught:
        save_record(world.users["regulator"], period)
    assert "end" in caught.value.message_dict
    period.refresh_from_db()
    assert period.end is None


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"party_a_kind": "developer", "developer": None}, "developer"),
        ({"party_a_kind": "committee", "developer": None, "committee": None}, "committee"),
        (
            {"party_a_kind": "committee", "developer": None},
            "committee",
        ),  # the other project's committee below
    ],
)
def test_party_a_must_match_its_kind(world, overrides, field):
    if overrides.get("party_a_kind") == "committee" and "committee" not in overrides:
        overrides["committee"] = world.outside.committee
    with pytest.raises(ValidationError) as caught:
        save_record(
            world.users["regulator"], contract(world, start=D(2019, 1, 1), end=D(2019, 12, 31), **overrides)
        )
    assert field in caught.value.message_dict


def test_household_takes_its_project_from_the_building(world):
    household = Household(building=world.inside.building, unit="2", number="301", area="88.00")
    save_record(world.users["manager"], household)
    assert household.project_id == world.inside.project.pk


def test_committee_member_cannot_change_the_contract(world):
    item = world.inside.contract
    item.end = D(2100, 1, 1)
    with pytest.raises(PermissionDenied):
        save_record(world.users["committee"], item)
    item.refresh_from_db()
    assert item.end == D(2099, 12, 31)


def test_regulator_registers_a_developer_before_it_has_projects(world):
    from wuye.estates.models import Developer
    from wuye.testing.identifiers import credit_code

    developer = save_record(
        world.users["regulator_bt"], Developer(name="新开发商", credit_code=credit_code(990, area="150207"))
    )
    assert developer.division_id == "150207"
    with pytest.raises(PermissionDenied):
        save_record(
            world.users["regulator_bt"],
            Developer(name="呼市开发商", credit_code=credit_code(991, area="150105")),
        )
    assert not Developer.objects.filter(name="呼市开发商").exists()
