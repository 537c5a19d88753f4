"""The comanagement endpoints, walked with every role (the URL matrix names them as walked here): reads
inside 200 and outside 404; writes by the company (events: by regulators only); bad input is a field error
in Chinese and nothing is written."""

import datetime

import pytest
from rest_framework.test import APIClient

from wuye.comanagement.models import ConstructionCase, Pet, RegulatorEvent
from wuye.comanagement.tests.helpers import animal, case, event, local, notice, pet
from wuye.testing.expectations import can_read
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db
WRITERS = {"staff", "manager", "admin"}
ENDPOINTS = {
    "construction-cases": ("case", "all"),
    "animal-notices": ("notice", "all"),
    "pets": ("pet", "all"),
    "unauthorised-animals": ("animal", "not-owner"),
    "regulator-events": ("event", "not-owner"),
}


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def objects(world):
    made = {}
    for name in ("inside", "outside"):
        side = getattr(world, name)
        made[name] = {
            "case": case(side, local(2025, 6, 1, 9)),
            "notice": notice(side, datetime.date(2025, 3, 1)),
            "pet": pet(side, datetime.date(2025, 1, 1)),
            "animal": animal(side, local(2025, 6, 1, 9)),
            "event": event(side),
        }
    return made


def reads(role, side, who):
    return can_read(role, "project", side) and not (who == "not-owner" and role == "owner")


@pytest.mark.parametrize("role", ROLES)
def test_every_endpoint_reads_by_role_and_scope(api, world, objects, role):
    api.force_authenticate(world.users[role])
    for prefix, (target, who) in ENDPOINTS.items():
        response = api.get(f"/api/{prefix}/")
        listed = {row["id"] for row in response.json()["results"]} if response.status_code == 200 else set()
        for side in ("inside", "outside"):
            pk = objects[side][target].pk
            expected = reads(role, side, who)
            assert (pk in listed) == expected, (prefix, side)
            assert api.get(f"/api/{prefix}/{pk}/").status_code == (200 if expected else 404), (prefix, side)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_company_opens_a_case_and_refused_writes_write_nothing(api, world, role):
    api.force_authenticate(world.users[role])
    data = {
        "project": world.inside.project.pk,
        "household": world.inside.household.pk,
        "what": "楼顶加盖",
        "found_at": "2025-06-01T09:00:00+08:00",
    }
    response = api.post("/api/construction-cases/", data, format="json")
    if role in WRITERS:
        assert response.status_code == 201, response.json()
        assert ConstructionCase.objects.get().moves.count() == 1
    else:
        assert response.status_code in (400, 403)
        assert not ConstructionCase.objects.exists()


def test_a_household_outside_the_project_is_a_field_error_and_nothing_is_written(api, world):
    api.force_authenticate(world.users["admin"])
    data = {
        "project": world.inside.project.pk,
        "household": world.outside.household.pk,
        "what": "楼顶加盖",
        "found_at": "2025-06-01T09:00:00+08:00",
    }
    response = api.post("/api/construction-cases/", data, format="json")
    assert response.status_code == 400
    assert response.json()["household"] == ["该房屋不属于本项目，不能登记。"]
    assert not ConstructionCase.objects.exists()


def test_a_licence_number_for_a_cat_is_refused(api, world):
    api.force_authenticate(world.users["staff"])
    data = {
        "project": world.inside.project.pk,
        "household": world.inside.household.pk,
        "kind": "cat",
        "recorded_on": "2025-06-01",
        "licence_number": "X-1",
    }
    response = api.post("/api/pets/", data, format="json")
    assert response.status_code == 400 and response.json()["licence_number"] == ["只有犬只有养犬登记证号。"]
    assert not Pet.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_only_regulators_record_events(api, world, role):
    api.force_authenticate(world.users[role])
    data = {
        "enterprise": world.inside.enterprise.pk,
        "project": world.inside.project.pk,
        "kind": "petition",
        "occurred_on": "2025-06-01",
        "source": "信访登记",
        "description": "集体上访",
    }
    response = api.post("/api/regulator-events/", data, format="json")
    if role in {"regulator", "regulator_bt", "admin"}:
        assert response.status_code == 201, response.json()
        assert RegulatorEvent.objects.get().recorded_by == world.users[role]
    else:
        assert response.status_code in (400, 403)
        assert not RegulatorEvent.objects.exists()


def test_the_lists_are_pinned_in_queries(api, world, django_assert_max_num_queries):
    for n in range(15):
        case(world.inside, local(2025, 6, 1, 9) + datetime.timedelta(hours=n))
        event(world.inside, on=datetime.date(2025, 1, 1) + datetime.timedelta(days=n))
        pet(world.inside, datetime.date(2025, 1, 1))
    api.force_authenticate(world.users["manager"])
    for prefix in ("construction-cases", "regulator-events", "pets"):
        with django_assert_max_num_queries(8):
            assert len(api.get(f"/api/{prefix}/").json()["results"]) == 15
    assert api.get("/api/construction-cases/", {"ordering": "-found_at"}).status_code == 200
