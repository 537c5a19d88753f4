"""seed_demo: a realistic region with the four deliberate faults, the demo logins, run once, deterministic."""

import datetime
import io

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone

from wuye.accounts.choices import Role
from wuye.accounts.models import User
from wuye.enterprises.choices import EmploymentStatus, LicenceKind, PostKind
from wuye.enterprises.models import Certificate, Employment, Enterprise, Licence, Post, Staff
from wuye.estates.demo import DEMO_PASSWORD, DEMO_USERNAMES, build_demo, demo_logins
from wuye.estates.models import Household, Owner, Project, ServiceContract, ServicePeriod

pytestmark = pytest.mark.django_db
KEY_POSTS = [PostKind.PROJECT_MANAGER, PostKind.ELECTRICIAN]


@pytest.fixture
def seeded():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def faults(today):
    """The four deliberate faults, as the checks of later issues will query them."""
    served = ServicePeriod.objects.current(today).values("project_id")
    covered = ServiceContract.objects.current(today).values("project_id")
    shared = Certificate.objects.values("number").annotate(holders=Count("staff", distinct=True))
    return {
        "expired_licence": Licence.objects.filter(kind=LicenceKind.BUSINESS, valid_to__lt=today),
        "shared_certificate": shared.filter(holders__gt=1),
        "served_without_contract": Project.objects.filter(pk__in=served).exclude(pk__in=covered),
        "no_labour_contract": Employment.objects.filter(
            status=EmploymentStatus.ACTIVE, contract_start__isnull=True
        ),
    }


def snapshot():
    return {
        "enterprises": list(
            Enterprise.objects.order_by("name").values_list("name", "credit_code", "legal_representative")
        ),
        "projects": list(Project.objects.order_by("name").values_list("name", "division", "household_count")),
        "staff": list(
            Staff.objects.order_by("id_number_hash").values_list("name", "id_number_masked", "phone")
        ),
        "certificates": sorted(Certificate.objects.values_list("number", "valid_from")),
        "users": list(User.objects.order_by("username").values_list("username", "full_name")),
    }


def build_and_roll_back(today):
    with transaction.atomic():
        build_demo(today=today)
        taken = snapshot(), {name: query.count() for name, query in faults(today).items()}
        transaction.set_rollback(True)
    return taken


def test_enterprises_are_registered_in_three_leagues_including_baotou(seeded):
    leagues = {e.division.league_code for e in Enterprise.objects.select_related("division")}
    assert Enterprise.objects.count() >= 3
    assert len(leagues) >= 3
    assert "150200" in leagues
    for enterprise in Enterprise.objects.all():
        assert enterprise.address and enterprise.service_phone
        assert enterprise.licences.filter(kind=LicenceKind.BUSINESS).exists()
    assert Licence.objects.filter(kind=LicenceKind.QUALIFICATION).exists()


def test_projects_lie_inside_and_outside_baotou_each_with_buildings_households_owners(seeded):
    projects = Project.objects.all()
    assert projects.count() >= 6
    assert projects.filter(division__code__startswith="1502").exists()
    assert projects.exclude(division__code__startswith="1502").exists()
    for project in projects:
        households = project.households.all()
        assert 2 <= project.buildings.count() <= 6
        assert 20 <= households.count() <= 60
        assert project.household_count == households.count()
        assert project.developer is not None
        assert Owner.objects.filter(households__project=project).exists()
        assert project.current_service_period() is not None
    assert not Household.objects.exclude(project=F("building__project")).exists()


def test_each_enterprise_has_10_to_20_staff_with_posts_and_certified_key_posts(seeded):
    for enterprise in Enterprise.objects.annotate(n=Count("staff")):
        assert 10 <= enterprise.n <= 20, enterprise.name
    assert not Staff.objects.filter(posts__isnull=True).exists()
    assert not Staff.objects.filter(employments__isnull=True).exists()
    for period in ServicePeriod.objects.current():
        for kind in KEY_POSTS:
            post = Post.objects.get(project=period.project, kind=kind, end__isnull=True)
            assert post.staff.enterprise_id == period.enterprise_id
            assert post.staff.certificates.exists(), (period.project.name, kind)


def test_the_four_deliberate_faults_are_there_once_each(seeded):
    today = timezone.localdate()
    found = faults(today)
    assert {name: query.count() for name, query in found.items()} == {
        "expired_licence": 1,
        "shared_certificate": 1,
        "served_without_contract": 1,
        "no_labour_contract": 1,
    }
    stale = found["served_without_contract"].get()
    assert stale.contracts.exists()
    assert all(contract.end < today for contract in stale.contracts.all())
    number = found["shared_certificate"].get()["number"]
    holders = Staff.objects.filter(certificates__number=number)
    assert holders.count() == 2
    assert len({staff.id_number_hash for staff in holders}) == 2


def test_nothing_else_is_wrong_by_accident(seeded):
    today = timezone.localdate()
    assert not Certificate.objects.filter(valid_to__lt=today).exists()
    signed = Employment.objects.filter(status=EmploymentStatus.ACTIVE, contract_start__isnull=False)
    assert not signed.filter(contract_end__lt=today).exists()
    assert not signed.filter(contract_start__gt=today).exists()
    for label in ("enterprises", "estates"):
        for model in apps.get_app_config(label).get_models():
            if model.__name__.startswith("Historical"):
                continue
            for obj in model.objects.all():
                obj.full_clean()


def test_demo_logins_exist_with_the_demo_password_and_their_memberships(seeded):
    users = {user.username: user for user in User.objects.filter(username__in=DEMO_USERNAMES)}
    assert sorted(users) == sorted(DEMO_USERNAMES)
    for user in users.values():
        assert user.check_password(DEMO_PASSWORD) is True
        assert user.full_name
    expected = {
        "demo-regulator": (Role.REGULATOR, "division_id", "150000"),
        "demo-regulator-bt": (Role.REGULATOR, "division_id", "150200"),
    }
    for username, (role, field, value) in expected.items():
        membership = users[username].memberships.get()
        assert (membership.role, getattr(membership, field)) == (role, value)
    manager = users["demo-manager"].memberships.get()
    assert manager.role == Role.MANAGER and manager.enterprise.division.league_code == "150200"
    staff = users["demo-staff"].memberships.get()
    assert staff.role == Role.STAFF and staff.project.division.league_code == "150200"
    assert Staff.objects.get(user=users["demo-staff"]).posts.filter(project=staff.project).exists()
    developer = users["demo-developer"].memberships.get()
    assert developer.role == Role.DEVELOPER and developer.developer.projects.exists()
    committee = users["demo-committee"].memberships.get()
    assert committee.role == Role.COMMITTEE and committee.project.committees.exists()
    owner = users["demo-owner"].memberships.get()
    assert owner.role == Role.OWNER
    assert Owner.objects.get(user=users["demo-owner"]).households.filter(pk=owner.household_id).exists()
    admin = users["demo-admin"]
    assert admin.is_staff is True and admin.is_superuser is True and not admin.memberships.exists()


def test_demo_logins_lists_them_from_the_database(seeded):
    rows = demo_logins()
    assert [row.username for row in rows] == DEMO_USERNAMES
    assert rows[0].role == "监管部门" and "150000" in rows[0].bound_to
    assert "包头市" in rows[1].bound_to
    assert all(row.role and row.bound_to for row in rows)


def test_the_command_prints_counts_faults_and_logins(seeded):
    assert "物业服务企业: 4" in seeded
    assert "营业执照过期" in seeded and "证书出借" in seeded
    for username in DEMO_USERNAMES:
        assert username in seeded
    assert DEMO_PASSWORD in seeded


def test_if_empty_skips_a_seeded_database_and_without_it_refuses(seeded):
    counts = (Enterprise.objects.count(), Project.objects.count(), User.objects.count())
    out = io.StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    assert "演示数据已存在，跳过" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("seed_demo", stdout=io.StringIO())
    assert (Enterprise.objects.count(), Project.objects.count(), User.objects.count()) == counts


def test_if_empty_seeds_an_empty_database():
    call_command("seed_demo", "--if-empty", stdout=io.StringIO())
    assert Enterprise.objects.exists()


def test_the_same_seed_builds_the_same_region():
    today = datetime.date(2026, 3, 15)
    assert build_and_roll_back(today) == build_and_roll_back(today)


@pytest.mark.parametrize("today", [datetime.date(2028, 2, 29), datetime.date(2031, 1, 31)])
def test_dates_follow_the_day_it_runs_and_the_faults_stay(today):
    with transaction.atomic():
        region = build_demo(today=today)
        assert region.today == today
        assert ServicePeriod.objects.filter(
            end__isnull=True, start__gt=today - datetime.timedelta(days=800)
        ).exists()
        assert not ServicePeriod.objects.filter(start__gt=today).exists()
        assert {name: query.count() for name, query in faults(today).items()} == dict.fromkeys(
            ["expired_licence", "shared_certificate", "served_without_contract", "no_labour_contract"], 1
        )
        transaction.set_rollback(True)
