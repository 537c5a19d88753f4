"""The common-parts endpoints: scope (inside 200, outside 404, lists only the readable), writes by the
company (readers 403), field errors for bad figures in Chinese, refusals writing nothing, pinned queries."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from wuye.estates.models import Household
from wuye.finance.models import CommonAreaIncome, CommonAreaUse, OwnersVote
from wuye.testing import factories as f
from wuye.testing.expectations import can_read
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db
WRITERS = {"staff", "manager", "admin"}


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def objects(world):
    made = {}
    for side in ("inside", "outside"):
        project = getattr(world, side).project
        vote = f.owners_vote(world.users["admin"], project)
        use = f.common_area_use(world.users["admin"], project, vote=vote)
        income = f.common_area_income(world.users["admin"], use, "100.00")
        made[side] = {"owners-votes": vote, "common-area-uses": use, "common-area-incomes": income}
    return made


def vote_payload(project, **change):
    return {
        "project": project.pk,
        "held_on": "2025-01-01",
        "subject": "设置广告",
        "owners_participating": 2,
        "area_participating": "100.00",
        "owners_in_favour": 2,
        "area_in_favour": "80.00",
    } | change


@pytest.mark.parametrize("role", ROLES)
def test_every_endpoint_answers_where_the_project_is_read(api, world, objects, role):
    api.force_authenticate(world.users[role])
    for prefix in ("owners-votes", "common-area-uses", "common-area-incomes"):
        listed = {row["id"] for row in api.get(f"/api/{prefix}/").json()["results"]}
        for side in ("inside", "outside"):
            record = objects[side][prefix]
            reads = can_read(role, "project", side)
            assert api.get(f"/api/{prefix}/{record.pk}/").status_code == (200 if reads else 404), (
                prefix,
                side,
            )
            assert (record.pk in listed) is reads, (prefix, side)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_company_records_a_vote(api, world, role):
    api.force_authenticate(world.users[role])
    response = api.post("/api/owners-votes/", vote_payload(world.inside.project), format="json")
    expected = 201 if role in WRITERS else 403 if can_read(role, "project", "inside") else 400
    assert response.status_code == expected, response.content
    assert OwnersVote.objects.exists() is (role in WRITERS)


def test_a_vote_without_totals_takes_the_registers(api, world):
    api.force_authenticate(world.users["staff"])
    body = api.post("/api/owners-votes/", vote_payload(world.inside.project), format="json").json()
    homes = Household.objects.filter(project=world.inside.project)
    assert body["owners_total"] == homes.count()
    assert Decimal(body["area_total"]) == sum(home.area for home in homes)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"owners_in_favour": 3}, "owners_in_favour", "同意人数不能多于参与表决人数。"),
        ({"owners_total": 1}, "owners_participating", "参与表决人数不能多于业主总人数。"),
        ({"area_in_favour": "100.01"}, "area_in_favour", "同意面积不能大于参与表决面积。"),
        ({"area_total": "99.99"}, "area_participating", "参与表决面积不能大于专有部分总面积。"),
    ],
)
def test_bad_figures_are_field_errors_and_nothing_is_written(api, world, change, field, message):
    api.force_authenticate(world.users["staff"])
    response = api.post("/api/owners-votes/", vote_payload(world.inside.project, **change), format="json")
    assert response.status_code == 400
    assert message in response.json()[field]
    assert not OwnersVote.objects.exists()


def test_a_use_is_created_and_reads_whether_it_is_authorised(api, world, objects):
    api.force_authenticate(world.users["manager"])
    data = {"project": world.inside.project.pk, "kind": "telecom", "location": "楼顶", "start": "2025-01-01"}
    response = api.post("/api/common-area-uses/", data, format="json")
    assert response.status_code == 201, response.content
    body = api.get(f"/api/common-area-uses/{response.json()['id']}/").json()
    assert (
        body["authorised"] is False and body["account_code"] == "4002.03" and body["income_total"] == "0.00"
    )
    vote = objects["inside"]["owners-votes"]
    assert (
        api.patch(f"/api/common-area-uses/{body['id']}/", {"vote": vote.pk}, format="json").status_code == 200
    )
    assert api.get(f"/api/common-area-uses/{body['id']}/").json()["authorised"] is True


def test_a_use_with_another_projects_vote_or_ending_early_is_refused(api, world, objects):
    api.force_authenticate(world.users["admin"])
    data = {
        "project": world.inside.project.pk,
        "kind": "advertising",
        "location": "东门",
        "start": "2025-03-01",
    }
    response = api.post("/api/common-area-uses/", data | {"vote": objects["outside"]["owners-votes"].pk})
    assert response.status_code == 400 and "该业主表决不属于本项目。" in response.json()["vote"]
    response = api.post("/api/common-area-uses/", data | {"end": "2025-02-28"})
    assert response.status_code == 400 and "结束日期不能早于开始日期。" in response.json()["end"]
    assert CommonAreaUse.objects.count() == 2


def test_an_income_is_stamped_by_the_server_and_a_reader_is_refused(api, world, objects):
    use = objects["inside"]["common-area-uses"]
    api.force_authenticate(world.users["committee"])
    data = {
        "use": use.pk,
        "received_on": "2025-04-01",
        "amount": "10.00",
        "recorded_by": world.users["committee"].pk,
    }
    assert api.post("/api/common-area-incomes/", data).status_code == 403
    api.force_authenticate(world.users["staff"])
    response = api.post("/api/common-area-incomes/", data | {"amount": "0.00"})
    assert response.status_code == 400 and "金额必须大于0。" in response.json()["amount"]
    assert CommonAreaIncome.objects.count() == 2
    response = api.post("/api/common-area-incomes/", data)
    assert response.status_code == 201
    assert response.json()["recorded_by"] == world.users["staff"].pk
    assert response.json()["project"] == world.inside.project.pk


def test_the_use_list_costs_no_queries_per_row(api, world, objects, django_assert_max_num_queries):
    staff, project = world.users["staff"], world.inside.project

    def add(count):
        for n in range(count):
            use = f.common_area_use(staff, project, location=f"{n}号位")
            f.common_area_income(staff, use, "5.00")

    api.force_authenticate(staff)
    add(2)
    with CaptureQueriesContext(connection) as few:
        assert api.get("/api/common-area-uses/").status_code == 200
    add(10)
    with django_assert_max_num_queries(len(few)):
        api.get("/api/common-area-uses/")
