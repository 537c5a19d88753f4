"""The home page: one section per role held, each showing that role's own things."""

import datetime

import pytest
from django.urls import reverse

from wuye.accounts.choices import Role
from wuye.testing import factories as f

pytestmark = pytest.mark.django_db


def home(client, user):
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("role", ["regulator", "regulator_bt"])
def test_regulator_sees_counts_and_links_for_its_division(client, world, role):
    html = home(client, world.users[role])
    assert "监管部门" in html
    code = "150000" if role == "regulator" else "150200"
    assert f"{reverse('project-list')}?division={code}" in html
    assert f"{reverse('enterprise-list')}?division={code}" in html


def test_manager_sees_its_enterprise_projects_licences_and_contracts(client, world):
    inside = world.inside
    f.LicenceFactory(enterprise=inside.enterprise, number="EXPIRED-1", valid_to=datetime.date(2020, 1, 1))
    html = home(client, world.users["manager"])
    assert "企业管理人员" in html
    assert inside.enterprise.name in html
    assert inside.project.name in html
    assert inside.contract.number in html
    assert "EXPIRED-1" in html and "已过期" in html
    assert world.outside.enterprise.name not in html


def test_manager_is_warned_of_a_licence_expiring_within_30_days(client, world):
    from django.utils import timezone

    soon = timezone.localdate() + datetime.timedelta(days=10)
    f.LicenceFactory(enterprise=world.inside.enterprise, number="SOON-1", valid_to=soon)
    html = home(client, world.users["manager"])
    assert "SOON-1" in html and "30 天内到期" in html


@pytest.mark.parametrize("role", ["staff", "developer", "committee", "owner"])
def test_project_roles_see_their_project_with_a_link(client, world, role):
    html = home(client, world.users[role])
    project = world.inside.project
    assert project.name in html
    assert reverse("project-detail", args=[project.pk]) in html
    assert world.outside.project.name not in html


def test_owner_sees_his_own_household(client, world):
    html = home(client, world.users["owner"])
    assert "我的房屋" in html and str(world.inside.household) in html


def test_a_user_with_two_roles_gets_two_sections(client, world):
    user = world.users["manager"]
    f.MembershipFactory(user=user, role=Role.OWNER, household=world.inside.household)
    html = home(client, user)
    assert 'id="role-manager"' in html and 'id="role-owner"' in html


def test_user_without_role_is_told_to_contact_the_administrator(client, world):
    html = home(client, world.users["stranger"])
    assert "还没有分配角色" in html and "管理员" in html


def test_operator_sees_totals_and_the_admin_link(client, world):
    html = home(client, world.users["admin"])
    assert reverse("admin:index") in html


def test_navbar_shows_name_roles_and_role_links(client, world):
    html = home(client, world.users["regulator_bt"])
    assert "物业监督" in html and "regulator_bt" in html and "监管部门" in html
    assert reverse("enterprise-list") in html and reverse("project-list") in html
    for name in ("takeover-list", "exit-list", "regulatorevent-list"):  # issue 8's registers
        assert f'href="{reverse(name)}"' in html, name
    owner_html = home(client, world.users["owner"])
    assert f'href="{reverse("enterprise-list")}"' not in owner_html
    assert f'href="{reverse("takeover-list")}"' not in owner_html
