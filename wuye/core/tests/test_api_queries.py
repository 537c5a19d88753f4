"""Every API list costs the same number of queries for 3 rows as for 20: no N+1 (after NetBox)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from wuye.testing import factories as f

pytestmark = pytest.mark.django_db


def one_more(world, endpoint):
    """Create one more row that the region-wide regulator sees on ``endpoint``."""
    inside = world.inside
    make = {
        "enterprises": lambda: f.ServicePeriodFactory(project=inside.project).enterprise,
        "licences": lambda: f.LicenceFactory(enterprise=inside.enterprise),
        "staff": lambda: f.StaffFactory(enterprise=inside.enterprise),
        "certificates": lambda: f.CertificateFactory(staff=inside.staff),
        "employments": lambda: f.EmploymentFactory(staff=inside.staff),
        "posts": lambda: f.PostFactory(staff=inside.staff, project=inside.project),
        "developers": lambda: f.ProjectFactory(division_code="150203"),
        "projects": lambda: f.ServicePeriodFactory(project=f.ProjectFactory(division_code="150203")),
        "buildings": lambda: f.BuildingFactory(project=inside.project),
        "households": lambda: f.HouseholdFactory(building=inside.building),
        "owners": lambda: f.OwnerFactory(households=[f.HouseholdFactory(building=inside.building)]),
        "committees": lambda: f.CommitteeMemberFactory(
            committee=f.OwnersCommitteeFactory(project=inside.project)
        ),
        "committee-members": lambda: f.CommitteeMemberFactory(committee=inside.committee),
        "contracts": lambda: f.ServiceContractFactory(
            project=inside.project, enterprise=inside.enterprise, developer=inside.developer
        ),
        "service-periods": lambda: f.ServicePeriodFactory(
            project=inside.project, enterprise=inside.enterprise
        ),
    }
    return make[endpoint]()


ENDPOINTS = [
    "enterprises",
    "licences",
    "staff",
    "certificates",
    "employments",
    "posts",
    "developers",
    "projects",
    "buildings",
    "households",
    "owners",
    "committees",
    "committee-members",
    "contracts",
    "service-periods",
]


def fill_to(world, client, url, endpoint, rows):
    while client.get(url).json()["count"] < rows:
        one_more(world, endpoint)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_list_of_20_costs_no_more_queries_than_a_list_of_3(world, endpoint, django_assert_max_num_queries):
    client = APIClient()
    client.force_authenticate(world.users["regulator"])
    url = f"/api/{endpoint}/"
    fill_to(world, client, url, endpoint, 3)
    with CaptureQueriesContext(connection) as three:
        assert len(client.get(url + "?page_size=3").json()["results"]) == 3
    baseline = len(three)  # now: the next request clears the connection's query log
    fill_to(world, client, url, endpoint, 20)
    with django_assert_max_num_queries(baseline):
        assert len(client.get(url).json()["results"]) == 20


def test_the_divisions_list_is_one_page_at_a_constant_cost(world, django_assert_max_num_queries):
    client = APIClient()
    client.force_authenticate(world.users["owner"])
    client.get("/api/divisions/?page_size=3")
    with CaptureQueriesContext(connection) as three:
        client.get("/api/divisions/?page_size=3")
    with django_assert_max_num_queries(len(three)):
        assert len(client.get("/api/divisions/?page_size=100").json()["results"]) == 100
