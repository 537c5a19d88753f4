"""visible_to / writable_by for every role against the inside and outside worlds (model level)."""

import pytest

from wuye.enterprises.models import Enterprise, Staff
from wuye.estates.models import Household, Owner, Project

pytestmark = pytest.mark.django_db


def ids(queryset):
    return set(queryset.values_list("pk", flat=True))


def test_region_regulator_sees_both_sides(world):
    user = world.users["regulator"]
    assert ids(Project.objects.visible_to(user)) == {world.inside.project.pk, world.outside.project.pk}


def test_league_regulator_sees_only_its_league(world):
    user = world.users["regulator_bt"]
    assert ids(Project.objects.visible_to(user)) == {world.inside.project.pk}
    assert ids(Enterprise.objects.visible_to(user)) == {world.inside.enterprise.pk}


def test_regulator_sees_enterprise_registered_elsewhere_that_serves_in_its_division(world):
    from wuye.testing.factories import ServicePeriodFactory

    # The 呼市 enterprise takes over a second 包头 project: the 包头 regulator now sees it.
    project = world.inside.project.__class__.objects.create(
        name="新项目", address="x", division_id="150202", floor_area=1, household_count=1
    )
    ServicePeriodFactory(project=project, enterprise=world.outside.enterprise)
    assert world.outside.enterprise.pk in ids(Enterprise.objects.visible_to(world.users["regulator_bt"]))


@pytest.mark.parametrize("role", ["manager", "staff", "developer", "committee", "owner"])
def test_bound_roles_see_their_project_only(world, role):
    assert ids(Project.objects.visible_to(world.users[role])) == {world.inside.project.pk}


def test_owner_sees_his_household_not_the_neighbours(world):
    assert ids(Household.objects.visible_to(world.users["owner"])) == {world.inside.household.pk}
    assert ids(Owner.objects.visible_to(world.users["owner"])) == {world.inside.owner.pk}


def test_owner_and_developer_do_not_see_staff(world):
    for role in ("owner", "developer"):
        assert ids(Staff.objects.visible_to(world.users[role])) == set()


def test_stranger_and_anonymous_see_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    for user in (world.users["stranger"], AnonymousUser()):
        assert not Project.objects.visible_to(user).exists()
        assert not Enterprise.objects.visible_to(user).exists()


def test_write_scope_is_narrower_than_read(world):
    assert ids(Project.objects.writable_by(world.users["committee"])) == set()
    assert ids(Project.objects.writable_by(world.users["manager"])) == {world.inside.project.pk}
    assert ids(Enterprise.objects.writable_by(world.users["owner"])) == set()


def test_scope_is_read_once_per_user_object(world, django_assert_num_queries):
    user = world.users["manager"]
    with django_assert_num_queries(2):  # the memberships, then the projects
        list(Project.objects.visible_to(user))
    with django_assert_num_queries(1):
        list(Project.objects.visible_to(user))
