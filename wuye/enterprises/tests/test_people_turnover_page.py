"""The staff turnover indicator (clause 1.8) on the enterprise page: for those who see labour details, in
one query whatever the staff, with links to the people pages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wuye.enterprises.models import Employment
from wuye.testing import factories as f

pytestmark = pytest.mark.django_db


def leave_this_year(world):
    today = timezone.localdate()
    staff = f.StaffFactory(enterprise=world.inside.enterprise)
    employment = f.EmploymentFactory(staff=staff, start_date=datetime.date(2020, 1, 1))
    Employment.objects.filter(pk=employment.pk).update(status="ended", ended_on=today.replace(month=1, day=1))


@pytest.mark.parametrize(
    ("role", "shown"),
    [("manager", True), ("regulator", True), ("regulator_bt", True), ("owner", False), ("committee", False)],
)
def test_turnover_is_shown_to_the_employer_and_the_regulators(client, world, role, shown):
    leave_this_year(world)
    client.force_login(world.users[role])
    html = client.get(reverse("enterprise-detail", args=[world.inside.enterprise.pk])).content.decode()
    assert ('id="turnover"' in html) is shown
    assert (reverse("people-wages", args=[world.inside.enterprise.pk]) in html) is shown
    assert reverse("people-policies", args=[world.inside.enterprise.pk]) in html


def test_the_rate_is_leavers_over_the_average_headcount(client, world):
    if timezone.localdate().timetuple().tm_yday == 1:
        pytest.skip("on 1 January the leaver still counts in today's headcount")
    leave_this_year(world)
    client.force_login(world.users["manager"])
    html = client.get(reverse("enterprise-detail", args=[world.inside.enterprise.pk])).content.decode()
    section = html.split('id="turnover"')[1].split("</section>")[0]
    # This year: 2 employed on 1 January, 1 today (the leaver left on 1 January): 1 / 1.5 = 66.7 %.
    assert "66.7%" in section


def test_the_indicator_costs_the_same_queries_whatever_the_staff(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.users["regulator"])
    url = reverse("enterprise-detail", args=[world.inside.enterprise.pk])
    leave_this_year(world)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for _n in range(10):
        leave_this_year(world)
    with django_assert_max_num_queries(len(few)):
        client.get(url)
