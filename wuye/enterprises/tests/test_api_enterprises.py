"""/api/enterprises/ and /api/licences/: what each role sees, filters, writes and bad input."""

import datetime

import pytest
from rest_framework.test import APIClient

from wuye.enterprises.models import Enterprise, Licence
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


def enterprise_payload(**overrides):
    return {
        "name": "新城物业服务有限公司",
        "credit_code": credit_code(777, area="150203"),
        "legal_representative": "李四",
        "address": "包头市青山区幸福路8号",
        "service_phone": "0472-7654321",
        **overrides,
    }


# What /api/enterprises/ lists for each role (the issue: every role gets 200 with what it may see).
SEES = {
    "regulator": {"包头物业服务有限公司", "呼市物业服务有限公司"},
    "admin": {"包头物业服务有限公司", "呼市物业服务有限公司"},
    "stranger": set(),
}


@pytest.mark.parametrize("role", ROLES)
def test_every_role_gets_the_enterprises_it_may_see(world, role):
    response = client_for(world.users[role]).get("/api/enterprises/")
    assert names(response) == SEES.get(role, {"包头物业服务有限公司"})
    assert set(response.json()) == {"count", "next", "previous", "results"}


def test_a_regulator_sees_an_enterprise_registered_elsewhere_that_serves_its_division(world):
    # Given an enterprise registered in 呼和浩特 that also serves a project in 包头
    f.ServicePeriodFactory(
        project=f.ProjectFactory(division_code="150202"), enterprise=world.outside.enterprise
    )
    # When the 包头 regulator lists enterprises, then he sees it beside the one registered in 包头
    response = client_for(world.users["regulator_bt"]).get("/api/enterprises/")
    assert names(response) == {"包头物业服务有限公司", "呼市物业服务有限公司"}


def test_an_enterprise_shows_its_registered_division_and_area(world):
    response = client_for(world.users["regulator"]).get(f"/api/enterprises/{world.inside.enterprise.pk}/")
    body = response.json()
    assert body["division"] == "150203"
    assert body["registered_area"] == "包头市昆都仑区"
    assert body["credit_code"] == world.inside.enterprise.credit_code


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("division=150200", {"包头物业服务有限公司"}),
        ("division=150203", {"包头物业服务有限公司"}),
        ("division=150100", {"呼市物业服务有限公司"}),
        ("division=150000", {"包头物业服务有限公司", "呼市物业服务有限公司"}),
        ("search=呼市", {"呼市物业服务有限公司"}),
        ("ordering=-name", {"包头物业服务有限公司", "呼市物业服务有限公司"}),
    ],
)
def test_enterprises_filter_by_division_and_below_and_search(world, query, expected):
    response = client_for(world.users["regulator"]).get(f"/api/enterprises/?{query}")
    assert names(response) == expected


def test_enterprises_search_by_credit_code(world):
    code = world.outside.enterprise.credit_code
    response = client_for(world.users["regulator"]).get(f"/api/enterprises/?search={code[:12]}")
    assert names(response) == {"呼市物业服务有限公司"}


def test_a_division_filter_that_is_not_a_code_is_a_400(world):
    response = client_for(world.users["regulator"]).get("/api/enterprises/?division=包头")
    assert response.status_code == 400
    assert "division" in response.json()


def test_a_regulator_registers_an_enterprise_in_its_division(world):
    response = client_for(world.users["regulator_bt"]).post(
        "/api/enterprises/", enterprise_payload(), format="json"
    )
    assert response.status_code == 201, response.content
    created = Enterprise.objects.get(pk=response.json()["id"])
    assert created.division_id == "150203"
    assert response.json()["registered_area"] == "包头市昆都仑区"


def test_a_regulator_cannot_register_an_enterprise_outside_its_division(world):
    before = Enterprise.objects.count()
    payload = enterprise_payload(credit_code=credit_code(778, area="150105"))
    response = client_for(world.users["regulator_bt"]).post("/api/enterprises/", payload, format="json")
    assert response.status_code == 403
    assert Enterprise.objects.count() == before


@pytest.mark.parametrize("role", ["manager", "staff", "owner", "stranger"])
def test_other_roles_cannot_register_an_enterprise(world, role):
    before = Enterprise.objects.count()
    response = client_for(world.users[role]).post("/api/enterprises/", enterprise_payload(), format="json")
    assert response.status_code == 403
    assert Enterprise.objects.count() == before


def test_a_manager_edits_his_enterprise_with_put(world):
    enterprise = world.inside.enterprise
    payload = enterprise_payload(credit_code=enterprise.credit_code, name="包头新名物业服务有限公司")
    response = client_for(world.users["manager"]).put(
        f"/api/enterprises/{enterprise.pk}/", payload, format="json"
    )
    assert response.status_code == 200, response.content
    enterprise.refresh_from_db()
    assert enterprise.name == "包头新名物业服务有限公司"


GOOD = credit_code(779, area="150203")
BAD_CREDIT_CODES = [
    (GOOD[:-1], "统一社会信用代码应为18位，当前为17位。"),
    (GOOD + "1", "统一社会信用代码应为18位，当前为19位。"),
    (GOOD[:-2] + "I" + GOOD[-1], "统一社会信用代码含有不允许的字符：I（不使用 I、O、Z、S、V）。"),
    (GOOD[:2] + "159999" + GOOD[8:], "统一社会信用代码第3–8位“159999”不是有效的行政区划代码。"),
    (
        GOOD[:-1] + ("0" if GOOD[-1] != "0" else "1"),
        "统一社会信用代码校验位（第18位）不正确，请核对。早期试点代码需由监管部门登记例外。",
    ),
]


@pytest.mark.parametrize(("code", "message"), BAD_CREDIT_CODES)
def test_a_bad_credit_code_is_a_field_error_saying_which_rule_failed(world, code, message):
    before = Enterprise.objects.count()
    response = client_for(world.users["regulator_bt"]).post(
        "/api/enterprises/", enterprise_payload(credit_code=code), format="json"
    )
    assert response.status_code == 400
    assert message in response.json()["credit_code"]
    assert Enterprise.objects.count() == before


def test_a_duplicate_credit_code_is_a_field_error(world):
    before = Enterprise.objects.count()
    # Lower case and spaces are normalised first, so this is the same code as the inside enterprise.
    code = world.inside.enterprise.credit_code.lower()
    response = client_for(world.users["regulator_bt"]).post(
        "/api/enterprises/", enterprise_payload(credit_code=f" {code[:9]} {code[9:]}"), format="json"
    )
    assert response.status_code == 400
    assert response.json()["credit_code"] == ["具有 统一社会信用代码 的 物业服务企业 已存在。"]
    assert Enterprise.objects.count() == before


def test_a_bad_service_phone_is_a_field_error(world):
    response = client_for(world.users["regulator_bt"]).post(
        "/api/enterprises/", enterprise_payload(service_phone="12"), format="json"
    )
    assert response.status_code == 400
    assert "手机号为11位" in response.json()["service_phone"][0]


# Licences


def licence_payload(enterprise, **overrides):
    return {
        "enterprise": enterprise.pk,
        "kind": "qualification",
        "number": "ZZ-2024-001",
        "issuer": "包头市住房和城乡建设局",
        "valid_from": "2024-01-01",
        "valid_to": "2028-12-31",
        **overrides,
    }


def test_a_manager_adds_a_licence_to_his_enterprise(world):
    response = client_for(world.users["manager"]).post(
        "/api/licences/", licence_payload(world.inside.enterprise), format="json"
    )
    assert response.status_code == 201, response.content
    assert Licence.objects.filter(pk=response.json()["id"], enterprise=world.inside.enterprise).exists()


@pytest.mark.parametrize("role", ["regulator_bt", "staff", "committee", "developer"])
def test_roles_that_see_the_enterprise_cannot_add_its_licences(world, role):
    before = Licence.objects.count()
    response = client_for(world.users[role]).post(
        "/api/licences/", licence_payload(world.inside.enterprise), format="json"
    )
    assert response.status_code == 403
    assert Licence.objects.count() == before


def test_a_licence_for_an_enterprise_out_of_sight_is_refused(world):
    before = Licence.objects.count()
    response = client_for(world.users["manager"]).post(
        "/api/licences/", licence_payload(world.outside.enterprise), format="json"
    )
    assert response.status_code == 400
    assert "enterprise" in response.json()
    assert Licence.objects.count() == before


def test_a_licence_ending_before_it_starts_is_a_field_error(world):
    before = Licence.objects.count()
    payload = licence_payload(world.inside.enterprise, valid_from="2024-01-01", valid_to="2023-12-31")
    response = client_for(world.users["manager"]).post("/api/licences/", payload, format="json")
    assert response.status_code == 400
    assert response.json() == {"valid_to": ["有效期止不得早于有效期起。"]}
    assert Licence.objects.count() == before


def test_licences_filter_by_expiry_kind_and_enterprise(world):
    expired = f.LicenceFactory(
        enterprise=world.inside.enterprise, kind="qualification", valid_to=datetime.date(2020, 12, 31)
    )
    client = client_for(world.users["manager"])

    def ids(query):
        response = client.get(f"/api/licences/?{query}")
        assert response.status_code == 200
        return {item["id"] for item in response.json()["results"]}

    assert ids("expired=true") == {expired.pk}
    assert ids("expired=false") == {world.inside.licence.pk}
    assert ids("kind=qualification") == {expired.pk}
    assert ids(f"enterprise={world.inside.enterprise.pk}") == {expired.pk, world.inside.licence.pk}
    # An enterprise out of sight filters to nothing, as a missing one does (no existence oracle).
    assert ids(f"enterprise={world.outside.enterprise.pk}") == set()
    assert client.get(f"/api/licences/{expired.pk}/").json()["is_expired"] is True
