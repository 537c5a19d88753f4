"""/api/findings/, /api/appeals/ and /api/exemptions/ with every role against the inside and the outside.

Held to the table below, written by hand: who sees (listed and 200, else missing and 404), who may act
(201/200; 403 when he sees but may not; 404 when he does not see), and after a refusal nothing changed.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from wuye.compliance.actions import file_appeal, request_exemption
from wuye.compliance.review import Appeal, AppealStatus, Exemption, ExemptionStatus, ReviewStatusChange
from wuye.compliance.tests.review_helpers import make_finding, outside_manager, rows
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)

# Who sees a side's finding, appeal and exemption: everyone bound to the project sees its findings;
# only the region-wide regulator and the operator see the outside (呼和浩特).
SEES = {
    "inside": set(ROLES) - {"stranger"},
    "outside": {"regulator", "admin"},
}
# Who files an appeal on the inside finding: its enterprise's manager only.
FILES = {"manager"}
# Who requests an exemption for the inside project: the serving enterprise's manager, its regulators.
REQUESTS = {"manager", "regulator", "regulator_bt"}
# Who decides on a side: the regulators whose division covers it (never the operator).
DECIDES = {"inside": {"regulator", "regulator_bt"}, "outside": {"regulator"}}


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def listed_ids(client, url):
    response = client.get(url + "?page_size=200")
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["results"]}


@pytest.fixture
def records(world):
    """A finding on each side with an appeal filed by its manager, and an exemption requested there."""
    found = timezone.now() - DAY
    by_side = {}
    for side, manager in (("inside", world.users["manager"]), ("outside", outside_manager(world))):
        finding = make_finding(world, side, found_at=found)
        appeal = file_appeal(manager, finding, "当晚停电检修。")
        exemption = request_exemption(
            world.users["regulator"],
            getattr(world, side).project,
            "4.8.round_gap",
            "配电室由供电公司管理。",
            timezone.localdate() + 30 * DAY,
        )
        by_side[side] = {"findings": finding, "appeals": appeal, "exemptions": exemption}
    return by_side


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_lists_and_details_follow_the_table(world, records, role, side):
    client = client_for(world.users[role])
    sees = role in SEES[side]
    wrong = []
    for endpoint, obj in records[side].items():
        url = f"/api/{endpoint}/"
        if (obj.pk in listed_ids(client, url)) != sees:
            wrong.append(f"{endpoint}: listed {not sees}")
        status = client.get(f"{url}{obj.pk}/").status_code
        if status != (200 if sees else 404):
            wrong.append(f"{endpoint}: detail {status}")
    assert not wrong, f"{role} on the {side} side: " + "; ".join(wrong)


@pytest.mark.parametrize("side", ["inside", "outside"])
def test_status_rows_are_seen_where_their_record_is_and_written_by_no_role(world, records, side):
    wrong = []
    for role in ROLES:
        user = world.users[role]
        for target in ("appeal", "exemption"):
            rows_of = ReviewStatusChange.objects.filter(**{target: records[side][f"{target}s"]})
            if rows_of.visible_to(user).exists() != (role in SEES[side]):
                wrong.append(f"{role} {target}: seen {role not in SEES[side]}")
            if role != "admin" and rows_of.writable_by(user).exists():
                wrong.append(f"{role} {target}: writable")
    assert not wrong, "; ".join(wrong)


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_filing_an_appeal_follows_the_table(world, role, side):
    finding = make_finding(world, side, found_at=timezone.now() - DAY)
    response = client_for(world.users[role]).post(
        "/api/appeals/", {"finding": finding.pk, "statement": "当晚停电检修。"}, format="json"
    )
    if role not in SEES[side]:
        # The finding is not there for him: the same answer as for an id that does not exist.
        assert response.status_code == 400 and "finding" in response.json(), response.content
    elif side == "inside" and role in FILES:
        assert response.status_code == 201, response.content
        assert response.json()["status"] == "filed"
        assert Appeal.objects.get(pk=response.json()["id"]).filed_by == world.users[role]
        return
    else:
        assert response.status_code == 403, response.content
    assert rows() == (0, 0, 0, 0)


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_deciding_an_appeal_follows_the_table(world, records, role, side):
    appeal = records[side]["appeals"]
    before = rows()
    response = client_for(world.users[role]).post(
        f"/api/appeals/{appeal.pk}/decide/", {"uphold": True, "reason": "记录可证明已巡视。"}, format="json"
    )
    appeal.refresh_from_db()
    if role in DECIDES[side]:
        assert response.status_code == 200, response.content
        assert response.json()["status"] == appeal.status == AppealStatus.UPHELD
        assert [c["to_status"] for c in response.json()["status_changes"]] == ["filed", "upheld"]
        assert appeal.finding.state == "withdrawn"
        return
    assert response.status_code == (403 if role in SEES[side] else 404), response.content
    assert appeal.status == AppealStatus.FILED and appeal.finding.state == "open"
    assert rows() == before


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_requesting_an_exemption_follows_the_table(world, role, side):
    project = getattr(world, side).project
    response = client_for(world.users[role]).post(
        "/api/exemptions/",
        {
            "project": project.pk,
            "check_id": "4.8.round_gap",
            "reason": "配电室由供电公司管理。",
            "expires_on": str(timezone.localdate() + 30 * DAY),
        },
        format="json",
    )
    if role not in SEES[side]:
        assert response.status_code == 400 and "project" in response.json(), response.content
    elif role in REQUESTS and (side == "inside" or role in DECIDES[side]):
        assert response.status_code == 201, response.content
        assert response.json()["status"] == "requested" and response.json()["valid_from"] == str(
            timezone.localdate()
        )
        return
    else:
        assert response.status_code == 403, response.content
    assert rows() == (0, 0, 0, 0)


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_deciding_an_exemption_follows_the_table(world, records, role, side):
    exemption = records[side]["exemptions"]
    before = rows()
    response = client_for(world.users[role]).post(
        f"/api/exemptions/{exemption.pk}/decide/", {"approve": True, "reason": "经现场核实。"}, format="json"
    )
    exemption.refresh_from_db()
    if role in DECIDES[side]:
        assert response.status_code == 200, response.content
        assert response.json()["status"] == exemption.status == ExemptionStatus.APPROVED
        return
    assert response.status_code == (403 if role in SEES[side] else 404), response.content
    assert exemption.status == ExemptionStatus.REQUESTED and rows() == before


def test_the_regulator_revokes_an_approved_exemption(world, records):
    exemption = records["inside"]["exemptions"]
    client = client_for(world.users["regulator_bt"])
    client.post(
        f"/api/exemptions/{exemption.pk}/decide/", {"approve": True, "reason": "属实。"}, format="json"
    )
    refused = client_for(world.users["manager"]).post(
        f"/api/exemptions/{exemption.pk}/revoke/", {"reason": "不再需要。"}, format="json"
    )
    assert refused.status_code == 403
    response = client.post(
        f"/api/exemptions/{exemption.pk}/revoke/", {"reason": "供电方式变更。"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert [c["to_status"] for c in response.json()["status_changes"]] == ["requested", "approved", "revoked"]


# Bad input through the API: the field named in Chinese, nothing written


def test_an_appeal_without_a_statement_or_after_the_deadline_is_a_400(world):
    client = client_for(world.users["manager"])
    fresh = make_finding(world, found_at=timezone.now() - DAY)
    stale = make_finding(world, found_at=timezone.now() - 15 * DAY - datetime.timedelta(minutes=1))
    response = client.post("/api/appeals/", {"finding": fresh.pk, "statement": ""}, format="json")
    assert response.status_code == 400 and response.json() == {"statement": ["请填写申诉理由。"]}
    response = client.post("/api/appeals/", {"finding": stale.pk, "statement": "理由"}, format="json")
    assert response.status_code == 400 and "申诉期已过" in response.json()["finding"][0]
    assert rows() == (0, 0, 0, 0)


def test_an_exemption_without_reason_or_expiry_is_a_400(world):
    response = client_for(world.users["manager"]).post(
        "/api/exemptions/", {"project": world.inside.project.pk, "check_id": "4.8.round_gap"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "reason": ["请填写豁免理由（如：本项目无电梯）。"],
        "expires_on": ["请填写豁免到期日。"],
    }
    assert rows() == (0, 0, 0, 0)


def test_a_decision_without_a_reason_is_a_400_and_a_second_decision_too(world, records):
    appeal = records["inside"]["appeals"]
    client = client_for(world.users["regulator_bt"])
    url = f"/api/appeals/{appeal.pk}/decide/"
    response = client.post(url, {"uphold": False, "reason": ""}, format="json")
    assert response.status_code == 400 and response.json() == {"reason": ["请填写裁决理由。"]}
    assert client.post(url, {"uphold": False, "reason": "不予采信。"}, format="json").status_code == 200
    response = client.post(url, {"uphold": True, "reason": "改判。"}, format="json")
    assert response.status_code == 400 and "status" in response.json()
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.REJECTED


# Reading


def test_findings_filter_by_project_enterprise_check_clause_and_state(world):
    gap = make_finding(world)
    defect = make_finding(world, check_id="4.8.defect_fixed", state="closed")
    theirs = make_finding(world, "outside")
    client = client_for(world.users["regulator"])
    inside = world.inside
    cases = {
        f"project={inside.project.pk}": {gap.pk, defect.pk},
        f"enterprise={world.outside.enterprise.pk}": {theirs.pk},
        "check_id=4.8.defect_fixed": {defect.pk},
        "clause_id=4.8": {gap.pk, defect.pk, theirs.pk},
        "state=open": {gap.pk, theirs.pk},
    }
    for query, expected in cases.items():
        response = client.get(f"/api/findings/?{query}")
        assert response.status_code == 200, query
        assert {item["id"] for item in response.json()["results"]} == expected, query
    assert client.get("/api/findings/?state=nonsense").status_code == 400


def test_a_finding_shows_its_appeal_deadline(world):
    finding = make_finding(world, found_at=timezone.now())
    body = client_for(world.users["manager"]).get(f"/api/findings/{finding.pk}/").json()
    deadline = datetime.datetime.fromisoformat(body["appeal_deadline"])
    assert deadline == finding.first_found_at + 15 * DAY
    assert body["message"] == "测试问题" and body["state"] == "open"
    party_a = make_finding(world, party="A")
    assert (
        client_for(world.users["manager"]).get(f"/api/findings/{party_a.pk}/").json()["appeal_deadline"]
        is None
    )


def test_overdue_appeals_are_listed_by_a_filter(world, records):
    appeal = records["inside"]["appeals"]
    client = client_for(world.users["regulator"])
    assert listed_ids(client, "/api/appeals/?overdue=true") == set()
    Appeal.objects.filter(pk=appeal.pk).update(decide_by=timezone.now() - DAY)
    assert listed_ids(client, "/api/appeals/?overdue=true") == {appeal.pk}
    assert appeal.pk not in listed_ids(client, "/api/appeals/?overdue=false")


def test_no_edit_no_delete_and_findings_are_not_written_through_the_api(world, records):
    client = client_for(world.users["admin"])
    for endpoint, obj in records["inside"].items():
        url = f"/api/{endpoint}/{obj.pk}/"
        assert client.patch(url, {"status": "upheld"}, format="json").status_code == 405
        assert client.put(url, {}, format="json").status_code == 405
        assert client.delete(url).status_code == 405
    assert client.post("/api/findings/", {}, format="json").status_code == 405
    assert Appeal.objects.filter(status="filed").count() == 2
    assert Exemption.objects.filter(status="requested").count() == 2


@pytest.mark.parametrize("endpoint", ["findings", "appeals", "exemptions"])
def test_anonymous_gets_nothing(world, records, endpoint):
    client = APIClient()
    obj = records["inside"][endpoint]
    assert client.get(f"/api/{endpoint}/").status_code in (401, 403)
    assert client.get(f"/api/{endpoint}/{obj.pk}/").status_code in (401, 403)
    assert client.post(f"/api/{endpoint}/", {}, format="json").status_code in (401, 403)


@pytest.mark.parametrize("endpoint", ["findings", "appeals", "exemptions"])
def test_a_list_of_20_costs_no_more_queries_than_a_list_of_3(world, endpoint, django_assert_max_num_queries):
    client = client_for(world.users["regulator"])

    def fill_to(count):
        while Appeal.objects.count() < count:
            finding = make_finding(world, found_at=timezone.now())
            file_appeal(world.users["manager"], finding, "理由")
            Exemption.objects.create(
                check_id=finding.check_id,
                project=world.inside.project,
                reason="理由",
                valid_from=timezone.localdate(),
                expires_on=timezone.localdate() + DAY,
                requested_by=world.users["regulator"],
                requested_at=timezone.now(),
            )

    fill_to(3)
    with CaptureQueriesContext(connection) as three:
        assert len(client.get(f"/api/{endpoint}/?page_size=3").json()["results"]) == 3
    baseline = len(three)
    fill_to(20)
    with django_assert_max_num_queries(baseline):
        assert len(client.get(f"/api/{endpoint}/").json()["results"]) == 20
