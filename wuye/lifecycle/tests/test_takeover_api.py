"""The takeover endpoints: scope by role (inside and outside), registering, the ``move`` action as the one
way to change a status, records written through the actions (403 for readers), refusals writing nothing,
and the list's query count."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from wuye.lifecycle.choices_takeover import ArchiveCategory, FixParty
from wuye.lifecycle.choices_takeover import TakeoverStatus as S
from wuye.lifecycle.models import DocumentHandover, InspectionItem, Takeover, TakeoverMove, TakeoverProblem
from wuye.lifecycle.tests import takeover_factories as t
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db
READERS = {"admin", "manager", "staff", "developer", "committee", "regulator", "regulator_bt"}
OUTSIDE_READERS = {"admin", "regulator"}
PREFIXES = ["takeover-items", "takeover-documents", "takeover-problems"]


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def records(world):
    found = {}
    for side in ("inside", "outside"):
        record = t.takeover(world, side=side)
        t.inspected(record, datetime.date(2025, 3, 1), status=S.INSPECTING)
        t.documents(record, datetime.date(2025, 2, 1))
        t.problem(record, FixParty.COMPANY, datetime.date(2025, 4, 1))
        found[side] = record
    return found


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_every_endpoint_answers_where_the_takeover_is_read(api, world, records, role, side):
    api.force_authenticate(world.users[role])
    record = records[side]
    readable = role in (READERS if side == "inside" else OUTSIDE_READERS)
    summary = readable or (role == "owner" and side == "inside")  # owners read the takeover, not its records
    assert api.get(f"/api/takeovers/{record.pk}/").status_code == (200 if summary else 404)
    ids = [row["id"] for row in api.get("/api/takeovers/").json()["results"]]
    assert (record.pk in ids) is summary
    for prefix, model in zip(PREFIXES, [InspectionItem, DocumentHandover, TakeoverProblem], strict=True):
        row = model.objects.filter(takeover=record).first()
        assert api.get(f"/api/{prefix}/{row.pk}/").status_code == (200 if readable else 404), prefix
    problem = record.problems.get()
    response = api.patch(f"/api/takeover-problems/{problem.pk}/", {"fixed_on": "2025-03-30"}, format="json")
    writes = role == "admin" or (side == "inside" and role == "manager")
    assert response.status_code == (200 if writes else 403 if readable else 404)
    assert (TakeoverProblem.objects.get(pk=problem.pk).fixed_on is not None) is writes


def test_the_company_registers_and_moves_its_takeover(api, world):
    api.force_authenticate(world.users["manager"])
    response = api.post(
        "/api/takeovers/",
        {"contract": world.inside.contract.pk, "taken_over_on": "2026-01-01"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert response.json()["project"] == world.inside.project.pk and response.json()["status"] == "registered"
    response = api.post(
        f"/api/takeovers/{pk}/move/", {"to_status": "filed", "day": "2026-01-01"}, format="json"
    )
    assert response.status_code == 400 and "接管不能从" in str(response.json())
    future = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = api.post(
        f"/api/takeovers/{pk}/move/", {"to_status": "inspecting", "day": future}, format="json"
    )
    assert response.status_code == 400 and response.json() == {"day": ["日期不能晚于今天。"]}
    assert not TakeoverMove.objects.exists() and Takeover.objects.get().status == S.REGISTERED
    day = timezone.localdate().isoformat()
    response = api.post(f"/api/takeovers/{pk}/move/", {"to_status": "inspecting", "day": day}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "inspecting"
    assert TakeoverMove.objects.get().channel == "api"


def test_a_reader_cannot_register_or_move(api, world, records):
    api.force_authenticate(world.users["regulator"])
    response = api.post(
        "/api/takeovers/",
        {"contract": world.inside.contract.pk, "taken_over_on": "2026-01-01"},
        format="json",
    )
    assert response.status_code == 400  # not a contract of his enterprise: no such object for him
    response = api.post(
        f"/api/takeovers/{records['inside'].pk}/move/", {"to_status": "agreed"}, format="json"
    )
    assert response.status_code == 403 and not TakeoverMove.objects.exists()


def test_the_developer_records_a_handover_through_the_api(api, world):
    record = t.takeover(world)
    api.force_authenticate(world.users["developer"])
    data = {"takeover": record.pk, "category": ArchiveCategory.COMPLETION_DRAWINGS, "handed_by": "张工"}
    data |= {"received_by": "李经理", "handed_over_on": "2099-01-01"}
    response = api.post("/api/takeover-documents/", data, format="json")
    assert response.status_code == 400 and response.json() == {"handed_over_on": ["日期不能晚于今天。"]}
    response = api.post("/api/takeover-documents/", data | {"handed_over_on": "2025-01-01"}, format="json")
    assert response.status_code == 201 and DocumentHandover.objects.count() == 1
    response = api.post("/api/takeover-items/", {"takeover": record.pk}, format="json")
    assert response.status_code in (400, 403) and not InspectionItem.objects.exists()


def test_the_list_takes_few_queries(api, world, django_assert_max_num_queries):
    for day in range(1, 8):
        t.takeover(world, taken_over_on=datetime.date(2025, 3, day))
    api.force_authenticate(world.users["regulator"])
    with django_assert_max_num_queries(8):
        response = api.get("/api/takeovers/?division=150200")
    assert response.json()["count"] == 7
