"""/api/projects/ and the records of a project: what each role sees, filters and writes."""

import datetime

import pytest
from rest_framework.test import APIClient

from wuye.estates.models import (
    Building,
    CommitteeMember,
    Developer,
    Household,
    Owner,
    OwnersCommittee,
    Project,
)
from wuye.testing import factories as f
from wuye.testing.identifiers import credit_code
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def names(response):
    assert response.status_code == 200, response.content
    return {item["name"] for item in response.json()["results"]}


def project_payload(**overrides):
    return {
        "name": "阳光小区",
        "address": "包头市昆都仑区阳光路1号",
        "division": "150203",
        "kind": "residential",
        "floor_area": "42000.50",
        "household_count": 320,
        **overrides,
    }


SEES = {
    "regulator": {"包头花园", "呼市花园"},
    "admin": {"包头花园", "呼市花园"},
    "stranger": set(),
}


@pytest.mark.parametrize("role", ROLES)
def test_every_role_gets_the_projects_it_may_see(world, role):
    response = client_for(world.users[role]).get("/api/projects/")
    assert names(response) == SEES.get(role, {"包头花园"})
    assert set(response.json()) == {"count", "next", "previous", "results"}


def test_an_owner_sees_his_one_project_and_his_own_household(world):
    f.ProjectFactory(name="邻近小区", division_code="150203")
    client = client_for(world.users["owner"])
    assert names(client.get("/api/projects/")) == {"包头花园"}
    households = client.get("/api/households/").json()["results"]
    assert [h["id"] for h in households] == [world.inside.household.pk]


def test_a_project_shows_its_fields_and_the_enterprise_serving_it_today(world):
    project = world.inside.project
    body = client_for(world.users["owner"]).get(f"/api/projects/{project.pk}/").json()
    assert body == {
        "id": project.pk,
        "name": "包头花园",
        "address": project.address,
        "division": "150203",
        "kind": "residential",
        "floor_area": "50000.00",
        "household_count": 400,
        "developer": world.inside.developer.pk,
        "current_enterprise": {"id": world.inside.enterprise.pk, "name": "包头物业服务有限公司"},
    }


def test_a_project_nobody_serves_today_has_no_current_enterprise(world):
    period = world.inside.period
    period.end = datetime.date(2022, 12, 31)
    period.save()
    body = client_for(world.users["regulator"]).get(f"/api/projects/{world.inside.project.pk}/").json()
    assert body["current_enterprise"] is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("division=150200", {"包头花园"}),
        ("division=150105", {"呼市花园"}),
        ("division=150000", {"包头花园", "呼市花园"}),
        ("kind=office", set()),
        ("search=呼市", {"呼市花园"}),
    ],
)
def test_projects_filter_by_division_and_below_kind_and_search(world, query, expected):
    assert names(client_for(world.users["regulator"]).get(f"/api/projects/?{query}")) == expected


def test_projects_filter_by_the_enterprise_serving_them_now(world):
    client = client_for(world.users["regulator"])
    enterprise = world.outside.enterprise
    assert names(client.get(f"/api/projects/?enterprise={enterprise.pk}")) == {"呼市花园"}
    # A past service period does not count.
    f.ServicePeriodFactory(
        project=world.inside.project,
        enterprise=enterprise,
        start=datetime.date(2015, 1, 1),
        end=datetime.date(2020, 12, 31),
    )
    assert names(client.get(f"/api/projects/?enterprise={enterprise.pk}")) == {"呼市花园"}


def test_a_regulator_registers_a_project_in_its_division(world):
    response = client_for(world.users["regulator_bt"]).post(
        "/api/projects/", project_payload(), format="json"
    )
    assert response.status_code == 201, response.content
    project = Project.objects.get(pk=response.json()["id"])
    assert (project.division_id, str(project.floor_area)) == ("150203", "42000.50")
    assert response.json()["current_enterprise"] is None


def test_a_project_outside_the_regulators_division_is_refused(world):
    before = Project.objects.count()
    response = client_for(world.users["regulator_bt"]).post(
        "/api/projects/", project_payload(division="150105"), format="json"
    )
    assert response.status_code == 403
    assert Project.objects.count() == before


@pytest.mark.parametrize("role", ["manager", "staff", "developer", "committee", "owner", "stranger"])
def test_only_regulators_register_projects(world, role):
    before = Project.objects.count()
    response = client_for(world.users[role]).post("/api/projects/", project_payload(), format="json")
    # A user with no membership sees no division at all, so his choice of division is already invalid.
    assert response.status_code == (400 if role == "stranger" else 403)
    assert Project.objects.count() == before


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        ({"division": "150000"}, {"division": ["请选择项目所在的盟市或旗县区。"]}),
        ({"floor_area": "0"}, {"floor_area": ["建筑面积必须大于0。"]}),
    ],
)
def test_a_project_needs_a_league_or_county_and_a_positive_area(world, change, errors):
    before = Project.objects.count()
    response = client_for(world.users["regulator"]).post(
        "/api/projects/", project_payload(**change), format="json"
    )
    assert response.status_code == 400
    assert response.json() == errors
    assert Project.objects.count() == before


# The records of a project: the manager serving it today and the regulator over it write them.


def test_a_manager_adds_a_building_and_a_regulator_a_household(world):
    building = client_for(world.users["manager"]).post(
        "/api/buildings/", {"project": world.inside.project.pk, "name": "2号楼", "floors": 6}, format="json"
    )
    assert building.status_code == 201, building.content
    household = client_for(world.users["regulator_bt"]).post(
        "/api/households/",
        {"building": building.json()["id"], "unit": "2", "number": "301", "area": "88.80"},
        format="json",
    )
    assert household.status_code == 201, household.content
    assert household.json()["project"] == world.inside.project.pk
    assert Household.objects.filter(pk=household.json()["id"], building__name="2号楼").exists()


def test_a_duplicate_building_or_household_is_refused_with_the_models_message(world):
    client = client_for(world.users["manager"])
    before = (Building.objects.count(), Household.objects.count())
    building = client.post(
        "/api/buildings/", {"project": world.inside.project.pk, "name": "1号楼"}, format="json"
    )
    household = client.post(
        "/api/households/",
        {"building": world.inside.building.pk, "unit": "1", "number": "101", "area": "90"},
        format="json",
    )
    assert building.json() == {"non_field_errors": ["楼栋名称重复。"]}
    assert household.json() == {"non_field_errors": ["该楼栋单元下已有此房号。"]}
    assert (Building.objects.count(), Household.objects.count()) == before


@pytest.mark.parametrize("role", ["staff", "developer", "committee", "owner"])
def test_roles_that_only_read_a_project_cannot_add_to_it(world, role):
    before = Building.objects.count()
    response = client_for(world.users[role]).post(
        "/api/buildings/", {"project": world.inside.project.pk, "name": "9号楼"}, format="json"
    )
    assert response.status_code == 403
    assert Building.objects.count() == before


def test_an_owner_is_registered_with_households_in_sight_only(world):
    client = client_for(world.users["manager"])
    created = client.post(
        "/api/owners/",
        {"name": "赵六", "phone": "13700001111", "households": [world.inside.neighbour.pk]},
        format="json",
    )
    assert created.status_code == 201, created.content
    assert list(Owner.objects.get(pk=created.json()["id"]).households.all()) == [world.inside.neighbour]
    before = Owner.objects.count()
    refused = client.post(
        "/api/owners/", {"name": "钱七", "households": [world.outside.household.pk]}, format="json"
    )
    assert refused.status_code == 400
    assert "households" in refused.json()
    assert Owner.objects.count() == before


def test_a_committee_lists_its_members_and_members_are_added_by_the_regulator(world):
    client = client_for(world.users["regulator_bt"])
    committee = world.inside.committee
    created = client.post(
        "/api/committee-members/",
        {"committee": committee.pk, "name": "孙八", "position": "deputy"},
        format="json",
    )
    assert created.status_code == 201, created.content
    body = client.get(f"/api/committees/{committee.pk}/").json()
    assert {m["name"] for m in body["members"]} == {world.inside.member.name, "孙八"}
    assert CommitteeMember.objects.filter(committee=committee).count() == 2


def test_a_committee_term_must_end_after_it_starts(world):
    before = OwnersCommittee.objects.count()
    response = client_for(world.users["manager"]).post(
        "/api/committees/",
        {
            "project": world.inside.project.pk,
            "name": "第二届",
            "term_start": "2029-06-01",
            "term_end": "2029-06-01",
        },
        format="json",
    )
    assert response.json() == {"term_end": ["任期止须晚于任期起。"]}
    assert OwnersCommittee.objects.count() == before


def test_developers_are_kept_by_themselves_and_by_the_regulator_over_their_projects(world):
    developer = world.inside.developer
    own = client_for(world.users["developer"]).patch(
        f"/api/developers/{developer.pk}/", {"contact_phone": "0472-5550000"}, format="json"
    )
    assert own.status_code == 200, own.content
    before = Developer.objects.count()
    new = client_for(world.users["admin"]).post(
        "/api/developers/",
        {"name": "新建开发公司", "credit_code": credit_code(888, area="150203")},
        format="json",
    )
    assert new.status_code == 201, new.content
    bad = client_for(world.users["admin"]).post(
        "/api/developers/", {"name": "错码开发公司", "credit_code": "91150203MA0"}, format="json"
    )
    assert bad.json() == {"credit_code": ["统一社会信用代码应为18位，当前为11位。"]}
    assert Developer.objects.count() == before + 1
