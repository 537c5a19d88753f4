"""/api/contracts/ and /api/service-periods/: overlaps and Party A refused with the models' messages."""

import pytest
from rest_framework.test import APIClient

from wuye.estates.models import ServiceContract, ServicePeriod

pytestmark = pytest.mark.django_db


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def contract_payload(world, **overrides):
    # Before the inside contract (2021-01-01 — 2099-12-31), so it overlaps nothing.
    return {
        "project": world.inside.project.pk,
        "party_a_kind": "developer",
        "developer": world.inside.developer.pk,
        "enterprise": world.inside.enterprise.pk,
        "number": "HT-2015-01",
        "signed_on": "2014-12-01",
        "start": "2015-01-01",
        "end": "2020-12-31",
        **overrides,
    }


def period_payload(world, **overrides):
    return {
        "project": world.inside.project.pk,
        "enterprise": world.inside.enterprise.pk,
        "start": "2015-01-01",
        "end": "2020-12-31",
        **overrides,
    }


def test_a_manager_records_an_earlier_contract_of_the_project_he_serves(world):
    response = client_for(world.users["manager"]).post(
        "/api/contracts/", contract_payload(world), format="json"
    )
    assert response.status_code == 201, response.content
    contract = ServiceContract.objects.get(pk=response.json()["id"])
    assert (contract.party_a, contract.in_force) == (world.inside.developer, False)
    assert response.json()["in_force"] is False


def test_a_regulator_records_an_earlier_service_period(world):
    response = client_for(world.users["regulator_bt"]).post(
        "/api/service-periods/", period_payload(world), format="json"
    )
    assert response.status_code == 201, response.content
    assert ServicePeriod.objects.filter(pk=response.json()["id"], project=world.inside.project).exists()


@pytest.mark.parametrize("role", ["staff", "developer", "committee", "owner"])
def test_roles_that_only_read_the_project_record_no_contract_or_period(world, role):
    before = (ServiceContract.objects.count(), ServicePeriod.objects.count())
    client = client_for(world.users[role])
    contract = client.post("/api/contracts/", contract_payload(world), format="json")
    period = client.post("/api/service-periods/", period_payload(world), format="json")
    assert (contract.status_code, period.status_code) == (403, 403)
    assert (ServiceContract.objects.count(), ServicePeriod.objects.count()) == before


def test_an_overlapping_contract_is_a_non_field_error(world):
    before = ServiceContract.objects.count()
    response = client_for(world.users["manager"]).post(
        "/api/contracts/", contract_payload(world, start="2020-06-01", end="2021-06-30"), format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": [f"与已有合同期重叠：{world.inside.contract}。同一项目的服务合同期限不得重叠。"]
    }
    assert ServiceContract.objects.count() == before


def test_an_open_ended_contract_overlaps_every_later_one(world):
    before = ServiceContract.objects.count()
    response = client_for(world.users["manager"]).post(
        "/api/contracts/", contract_payload(world, end=None), format="json"
    )
    assert response.status_code == 400
    assert "同一项目的服务合同期限不得重叠" in response.json()["non_field_errors"][0]
    assert ServiceContract.objects.count() == before


def test_editing_a_contract_into_an_overlap_is_refused_and_nothing_changes(world):
    earlier = client_for(world.users["manager"]).post(
        "/api/contracts/", contract_payload(world), format="json"
    )
    assert earlier.status_code == 201
    response = client_for(world.users["manager"]).patch(
        f"/api/contracts/{earlier.json()['id']}/", {"end": "2021-03-31"}, format="json"
    )
    assert response.status_code == 400
    assert "non_field_errors" in response.json()
    assert str(ServiceContract.objects.get(pk=earlier.json()["id"]).end) == "2020-12-31"


def test_an_overlapping_service_period_is_a_non_field_error(world):
    before = ServicePeriod.objects.count()
    response = client_for(world.users["regulator_bt"]).post(
        "/api/service-periods/",
        period_payload(world, enterprise=world.inside.enterprise.pk, end=None),
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": [f"与已有服务期重叠：{world.inside.period}。同一项目同一时间只能由一家企业服务。"]
    }
    assert ServicePeriod.objects.count() == before


def test_a_period_ending_before_it_starts_is_a_field_error(world):
    before = ServicePeriod.objects.count()
    response = client_for(world.users["regulator_bt"]).post(
        "/api/service-periods/", period_payload(world, start="2015-01-01", end="2014-12-31"), format="json"
    )
    assert response.json() == {"end": ["退出日期不得早于接管日期。"]}
    assert ServicePeriod.objects.count() == before


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        ({"developer": None}, {"developer": ["甲方为建设单位时须选择建设单位。"]}),
        (
            {"party_a_kind": "committee"},
            {
                "committee": ["甲方为业主委员会时须选择业主委员会。"],
                "developer": ["甲方为业主委员会时不填建设单位。"],
            },
        ),
        ("committee-elsewhere", {"committee": ["该业主委员会不属于本项目。"]}),
        ("both", {"committee": ["甲方为建设单位时不填业主委员会。"]}),
    ],
)
def test_an_inconsistent_party_a_is_a_field_error(world, change, errors):
    before = ServiceContract.objects.count()
    if change == "committee-elsewhere":
        # The regulator sees both projects, so only the model's rule can refuse the pairing.
        change = {"party_a_kind": "committee", "developer": None, "committee": world.outside.committee.pk}
    elif change == "both":
        change = {"committee": world.inside.committee.pk}
    response = client_for(world.users["regulator"]).post(
        "/api/contracts/", contract_payload(world, **change), format="json"
    )
    assert response.status_code == 400
    assert response.json() == errors
    assert ServiceContract.objects.count() == before


def test_contracts_and_periods_filter_by_project_enterprise_and_division(world):
    client = client_for(world.users["regulator"])

    def ids(url):
        response = client.get(url)
        assert response.status_code == 200, response.content
        return {item["id"] for item in response.json()["results"]}

    assert ids("/api/contracts/?division=150200") == {world.inside.contract.pk}
    assert ids(f"/api/contracts/?enterprise={world.outside.enterprise.pk}") == {world.outside.contract.pk}
    assert ids(f"/api/service-periods/?project={world.outside.project.pk}") == {world.outside.period.pk}
    assert ids("/api/service-periods/?division=150100") == {world.outside.period.pk}
