"""/api/divisions/: the GB/T 2260 reference data, read only, filtered by level and parent."""

import pytest
from rest_framework.test import APIClient

from wuye.regions.models import Division

pytestmark = pytest.mark.django_db


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_leagues_of_the_region(world):
    response = client_for(world.users["owner"]).get("/api/divisions/?level=league&page_size=50")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 12
    assert {d["parent"] for d in body["results"]} == {"150000"}
    assert {
        "id": "150200",
        "code": "150200",
        "name": "包头市",
        "full_name": "包头市",
        "level": "league",
        "parent": "150000",
    } in body["results"]


def test_counties_of_a_league_with_their_full_names(world):
    response = client_for(world.users["manager"]).get("/api/divisions/?parent=150200&page_size=50")
    counties = {d["code"]: d["full_name"] for d in response.json()["results"]}
    assert counties["150203"] == "包头市昆都仑区"
    assert set(counties) == set(Division.objects.filter(parent="150200").values_list("code", flat=True))


def test_a_division_by_its_code_and_search(world):
    client = client_for(world.users["regulator_bt"])
    assert client.get("/api/divisions/150105/").json()["name"] == "赛罕区"
    assert [d["code"] for d in client.get("/api/divisions/?search=昆都仑").json()["results"]] == ["150203"]
    assert client.get("/api/divisions/159999/").status_code == 404


def test_divisions_are_read_only(world):
    client = client_for(world.users["admin"])
    assert (
        client.post("/api/divisions/", {"code": "150299", "name": "新区"}, format="json").status_code == 405
    )
    assert client.patch("/api/divisions/150203/", {"name": "改名"}, format="json").status_code == 405
    assert Division.objects.get(code="150203").name == "昆都仑区"


def test_anonymous_gets_no_divisions(db):
    assert APIClient().get("/api/divisions/").status_code in (401, 403)
