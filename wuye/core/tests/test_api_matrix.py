"""Every API endpoint with every role, against an object inside and one outside its scope.

Held to the hand-written table of ``wuye/testing/expectations.py``: a readable object is in the list
and its detail is 200; an unreadable one is missing from the list and its detail is 404; an edit is
200 where the role writes, 403 where it only reads (404 where it cannot read), and then nothing changed.
"""

import pytest
from rest_framework.test import APIClient

from wuye.testing.expectations import MODELS, can_read, can_write
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db

# World attribute → (endpoint, a valid edit of one field).
ENDPOINTS = {
    "enterprise": ("/api/enterprises/", {"address": "新华大街99号"}),
    "licence": ("/api/licences/", {"issuer": "新发证机关"}),
    "staff": ("/api/staff/", {"phone": "13912345678"}),
    "post": ("/api/posts/", {"kind": "electrician"}),
    "certificate": ("/api/certificates/", {"issuer": "新发证机关"}),
    "employment": ("/api/employments/", {"contract_end": "2098-12-31"}),
    "developer": ("/api/developers/", {"address": "新华大街99号"}),
    "project": ("/api/projects/", {"address": "新华大街99号"}),
    "building": ("/api/buildings/", {"floors": 21}),
    "household": ("/api/households/", {"area": "101.25"}),
    "owner": ("/api/owners/", {"phone": "13812345678"}),
    "committee": ("/api/committees/", {"name": "第二届业主委员会"}),
    "member": ("/api/committee-members/", {"name": "新委员"}),
    "contract": ("/api/contracts/", {"number": "HT-NEW-1"}),
    "period": ("/api/service-periods/", {"end": "2098-12-31"}),
}


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def listed_ids(client, url):
    ids, page = [], url + "?page_size=200"
    while page:
        response = client.get(page)
        assert response.status_code == 200, response.content
        ids += [item["id"] for item in response.json()["results"]]
        page = response.json()["next"]
    return set(ids)


def test_every_registry_model_has_an_endpoint():
    assert set(ENDPOINTS) == set(MODELS)


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_lists_and_details_follow_the_table(world, role, side):
    client = client_for(world.users[role])
    wrong = []
    for name, (url, _edit) in ENDPOINTS.items():
        obj = getattr(getattr(world, side), name)
        expected = can_read(role, name, side)
        if (obj.pk in listed_ids(client, url)) != expected:
            wrong.append(f"{name}: listed {not expected}")
        status = client.get(f"{url}{obj.pk}/").status_code
        if status != (200 if expected else 404):
            wrong.append(f"{name}: detail {status}")
    assert not wrong, f"{role} on the {side} side: " + "; ".join(wrong)


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_edits_follow_the_table(world, role, side):
    client = client_for(world.users[role])
    wrong = []
    for name, (url, edit) in ENDPOINTS.items():
        obj = getattr(getattr(world, side), name)
        field, value = next(iter(edit.items()))
        before = str(getattr(obj, field))
        expected = 200 if can_write(role, name, side) else 403 if can_read(role, name, side) else 404
        response = client.patch(f"{url}{obj.pk}/", edit, format="json")
        obj.refresh_from_db()
        after = str(getattr(obj, field))
        if response.status_code != expected:
            wrong.append(f"{name}: {response.status_code} (expected {expected}) {response.content[:200]}")
        elif after != (str(value) if expected == 200 else before):
            wrong.append(f"{name}: {field} is {after!r} after {response.status_code}")
    assert not wrong, f"{role} on the {side} side: " + "; ".join(wrong)


@pytest.mark.parametrize("name", sorted(ENDPOINTS))
def test_anonymous_gets_nothing(world, name):
    url, edit = ENDPOINTS[name]
    obj = getattr(world.inside, name)
    client = APIClient()
    assert client.get(url).status_code in (401, 403)
    assert client.get(f"{url}{obj.pk}/").status_code in (401, 403)
    assert client.patch(f"{url}{obj.pk}/", edit, format="json").status_code in (401, 403)
    assert client.post(url, {}, format="json").status_code in (401, 403)


def test_there_is_no_delete(world):
    client = client_for(world.users["admin"])
    for name, (url, _edit) in ENDPOINTS.items():
        obj = getattr(world.inside, name)
        assert client.delete(f"{url}{obj.pk}/").status_code == 405
        assert type(obj).objects.filter(pk=obj.pk).exists()


def test_ids_too_large_for_the_database_are_a_client_error(world):
    client = client_for(world.users["manager"])
    huge = 10**20
    assert client.get(f"/api/licences/{huge}/").status_code == 404
    assert client.get(f"/api/licences/?enterprise={huge}").status_code == 400
    response = client.post(
        "/api/licences/",
        {"enterprise": huge, "kind": "business", "number": "X", "issuer": "Y", "valid_from": "2024-01-01"},
        format="json",
    )
    assert response.status_code == 400
    assert "enterprise" in response.json()


def test_the_api_root_lists_every_endpoint(world):
    response = client_for(world.users["owner"]).get("/api/")
    assert response.status_code == 200
    assert {url for url, _edit in ENDPOINTS.values()} <= {
        "/" + link.split("/", 3)[3] for link in response.json().values()
    }
