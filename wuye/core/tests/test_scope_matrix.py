"""Every role against every registry model, inside and outside its scope, read and write (model level)."""

import pytest

from wuye.testing.expectations import MODELS, can_read, can_write
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_visible_to_and_writable_by_follow_the_table(world, role, side):
    user = world.users[role]
    wrong = []
    for name in MODELS:
        obj = getattr(getattr(world, side), name)
        manager = type(obj).objects
        seen = manager.visible_to(user).filter(pk=obj.pk).exists()
        writable = manager.writable_by(user).filter(pk=obj.pk).exists()
        if seen != can_read(role, name, side):
            wrong.append(f"{name}: read {seen}, expected {can_read(role, name, side)}")
        if writable != can_write(role, name, side):
            wrong.append(f"{name}: write {writable}, expected {can_write(role, name, side)}")
    assert not wrong, f"{role} on the {side} side: " + "; ".join(wrong)


def test_owner_does_not_see_the_neighbour_household(world):
    from wuye.estates.models import Household

    owner = world.users["owner"]
    assert not Household.objects.visible_to(owner).filter(pk=world.inside.neighbour.pk).exists()
    assert (
        Household.objects.visible_to(world.users["developer"]).filter(pk=world.inside.neighbour.pk).exists()
    )


def test_a_past_enterprise_no_longer_writes_the_project(world):
    import datetime

    from wuye.estates.models import Project

    period = world.inside.period
    period.end = datetime.date(2022, 12, 31)
    period.save()
    manager = world.users["manager"]
    assert Project.objects.visible_to(manager).filter(pk=world.inside.project.pk).exists()
    assert not Project.objects.writable_by(manager).filter(pk=world.inside.project.pk).exists()
