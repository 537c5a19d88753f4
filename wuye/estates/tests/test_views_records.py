"""The forms of a project's records: buildings, households, owners, committees, contracts, periods."""

import pytest
from django.urls import reverse

from wuye.estates.models import (
    Building,
    CommitteeMember,
    Household,
    Owner,
    OwnersCommittee,
    ServiceContract,
    ServicePeriod,
)
from wuye.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(client, world):
    client.force_login(world.users["manager"])
    return client


def test_building_create_update_and_page(manager, world):
    project = world.inside.project
    response = manager.post(reverse("building-create", args=[project.pk]), {"name": "9号楼", "floors": 11})
    assert response.status_code == 302 and response.url == project.get_absolute_url()
    building = Building.objects.get(project=project, name="9号楼")
    assert (
        manager.post(
            reverse("building-update", args=[building.pk]), {"name": "9号楼", "floors": 12}
        ).status_code
        == 302
    )
    building.refresh_from_db()
    assert building.floors == 12
    page = manager.get(reverse("building-detail", args=[building.pk]))
    assert page.status_code == 200 and "9号楼" in page.content.decode()


def test_duplicate_building_name_is_refused(manager, world):
    response = manager.post(
        reverse("building-create", args=[world.inside.project.pk]), {"name": "1号楼", "floors": 5}
    )
    assert response.status_code == 200 and "楼栋名称重复" in response.content.decode()
    assert Building.objects.filter(project=world.inside.project, name="1号楼").count() == 1


def test_household_create_and_duplicate_number(manager, world):
    building = world.inside.building
    url = reverse("household-create", args=[building.pk])
    form = manager.get(url).content.decode()
    assert "房号" in form and f'<option value="{world.outside.building.pk}"' not in form
    data = {"building": building.pk, "unit": "1", "number": "301", "area": "88.00"}
    response = manager.post(url, data)
    assert response.status_code == 302 and response.url == reverse("building-detail", args=[building.pk])
    household = Household.objects.get(building=building, number="301")
    assert household.project == world.inside.project
    again = manager.post(url, data)
    assert again.status_code == 200 and "已有此房号" in again.content.decode()
    bad_area = manager.post(url, {**data, "number": "302", "area": "0"}).content.decode()
    assert "建筑面积必须大于0" in bad_area
    update = manager.post(reverse("household-update", args=[household.pk]), {**data, "area": "90.00"})
    assert update.status_code == 302


def test_household_cannot_move_to_another_project(manager, world):
    household = world.inside.household
    response = manager.post(
        reverse("household-update", args=[household.pk]),
        {"building": world.outside.building.pk, "unit": "1", "number": "101", "area": "98.50"},
    )
    assert response.status_code == 200 and "is-invalid" in response.content.decode()
    household.refresh_from_db()
    assert household.building == world.inside.building


def test_owner_create_and_update_keep_hidden_households(manager, world):
    project = world.inside.project
    response = manager.post(
        reverse("owner-create", args=[project.pk]),
        {"name": "新业主", "phone": "13800009999", "households": [world.inside.neighbour.pk]},
    )
    assert response.status_code == 302
    owner = Owner.objects.get(name="新业主")
    assert list(owner.households.all()) == [world.inside.neighbour]
    # The same owner also holds a flat in another league, which this manager cannot see.
    owner.households.add(world.outside.household)
    response = manager.post(
        reverse("owner-update", args=[owner.pk]),
        {"name": "新业主", "phone": "13800009999", "households": [world.inside.neighbour.pk]},
    )
    assert response.status_code == 302
    assert set(owner.households.all()) == {world.inside.neighbour, world.outside.household}


def test_owner_form_offers_only_the_projects_households(manager, world):
    html = manager.get(reverse("owner-create", args=[world.inside.project.pk])).content.decode()
    assert f'value="{world.inside.household.pk}"' in html
    assert f'value="{world.outside.household.pk}"' not in html


def test_committee_and_member(manager, world):
    project = world.inside.project
    response = manager.post(
        reverse("committee-create", args=[project.pk]),
        {"name": "第二届业委会", "term_start": "2029-06-01", "term_end": "2034-05-31"},
    )
    assert response.status_code == 302
    committee = OwnersCommittee.objects.get(name="第二届业委会")
    bad = manager.post(
        reverse("committee-update", args=[committee.pk]),
        {"name": "第二届业委会", "term_start": "2029-06-01", "term_end": "2029-01-01"},
    )
    assert "任期止须晚于任期起" in bad.content.decode()
    response = manager.post(
        reverse("committee-member-create", args=[committee.pk]),
        {"name": "包主任", "position": "director", "owner": world.inside.owner.pk},
    )
    assert response.status_code == 302 and response.url == project.get_absolute_url()
    member = CommitteeMember.objects.get(name="包主任")
    assert member.owner == world.inside.owner
    assert manager.get(reverse("committee-member-update", args=[member.pk])).status_code == 200


def contract_data(world, **overrides):
    data = {
        "party_a_kind": "developer",
        "developer": world.inside.developer.pk,
        "committee": "",
        "enterprise": world.inside.enterprise.pk,
        "number": "HT-NEW",
        "signed_on": "2099-12-01",
        "start": "2100-01-01",
        "end": "2102-12-31",
    }
    data.update(overrides)
    return data


def test_contract_create_and_party_a_rules(manager, world):
    url = reverse("contract-create", args=[world.inside.project.pk])
    assert manager.post(url, contract_data(world)).status_code == 302
    assert ServiceContract.objects.filter(number="HT-NEW").exists()
    html = manager.post(
        url, contract_data(world, number="HT-2", party_a_kind="committee", developer="")
    ).content.decode()
    assert "甲方为业主委员会时须选择业主委员会" in html
    assert not ServiceContract.objects.filter(number="HT-2").exists()


def test_overlapping_contracts_are_refused(manager, world):
    url = reverse("contract-create", args=[world.inside.project.pk])
    html = manager.post(
        url, contract_data(world, number="HT-3", start="2030-01-01", end="2031-01-01")
    ).content.decode()
    assert "与已有合同期重叠" in html
    assert not ServiceContract.objects.filter(number="HT-3").exists()


def test_overlapping_service_period_is_a_form_error_and_nothing_is_saved(manager, world):
    project = world.inside.project
    before = ServicePeriod.objects.filter(project=project).count()
    response = manager.post(
        reverse("service-period-create", args=[project.pk]),
        {"enterprise": world.inside.enterprise.pk, "start": "2024-01-01", "end": ""},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "与已有服务期重叠" in html and "alert-danger" in html
    assert ServicePeriod.objects.filter(project=project).count() == before


def test_service_period_update(manager, world):
    period = world.inside.period
    response = manager.post(
        reverse("service-period-update", args=[period.pk]),
        {"enterprise": world.inside.enterprise.pk, "start": "2020-06-01", "end": ""},
    )
    assert response.status_code == 302
    period.refresh_from_db()
    assert str(period.start) == "2020-06-01"
    html = manager.post(
        reverse("service-period-update", args=[period.pk]),
        {"enterprise": world.inside.enterprise.pk, "start": "2020-06-01", "end": "2019-01-01"},
    ).content.decode()
    assert "退出日期不得早于接管日期" in html


@pytest.mark.parametrize(
    "name,target",
    [
        ("building-create", "project"),
        ("owner-create", "project"),
        ("committee-create", "project"),
        ("contract-create", "project"),
        ("service-period-create", "project"),
        ("household-create", "building"),
        ("committee-member-create", "committee"),
    ],
)
def test_create_forms_403_for_readers_and_404_outside(client, world, name, target):
    client.force_login(world.users["committee"])
    assert client.get(reverse(name, args=[getattr(world.inside, target).pk])).status_code == 403
    client.force_login(world.users["manager"])
    assert client.get(reverse(name, args=[getattr(world.outside, target).pk])).status_code == 404


@pytest.mark.parametrize(
    "name,target",
    [
        ("building-update", "building"),
        ("household-update", "household"),
        ("owner-update", "owner"),
        ("committee-update", "committee"),
        ("committee-member-update", "member"),
        ("contract-update", "contract"),
        ("service-period-update", "period"),
    ],
)
def test_update_forms_403_for_readers_and_404_outside(client, world, name, target):
    client.force_login(world.users["committee"])
    response = client.post(reverse(name, args=[getattr(world.inside, target).pk]), {"name": "篡改"})
    assert response.status_code == 403
    client.force_login(world.users["manager"])
    assert client.get(reverse(name, args=[getattr(world.outside, target).pk])).status_code == 404


def test_committee_member_sees_the_committee_but_cannot_edit(client, world):
    client.force_login(world.users["committee"])
    building = world.inside.building
    html = client.get(reverse("building-detail", args=[building.pk])).content.decode()
    assert str(world.inside.household) in html and str(world.inside.neighbour) in html
    assert reverse("household-create", args=[building.pk]) not in html


def test_forbidden_post_changes_nothing(client, world):
    client.force_login(world.users["committee"])
    client.post(reverse("committee-update", args=[world.inside.committee.pk]), {"name": "篡改"})
    world.inside.committee.refresh_from_db()
    assert world.inside.committee.name != "篡改"


def test_building_page_lists_households_with_owners_without_extra_queries(
    client, world, django_assert_max_num_queries
):
    building = world.inside.building
    client.force_login(world.users["manager"])
    for n in range(10):
        f.OwnerFactory(households=[f.HouseholdFactory(building=building, number=f"9{n:02d}")])
    with django_assert_max_num_queries(12):
        html = client.get(reverse("building-detail", args=[building.pk])).content.decode()
    assert "909" in html
