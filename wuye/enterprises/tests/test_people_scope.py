"""Every role against every people model, inside and outside, read and write (model level): labour details
(wages, terminations) like employments, policies and training like the enterprise; only its managers
write (regulators do not: they review terminations through their own action)."""

import pytest

from wuye.enterprises.models import TrainingAttendance
from wuye.enterprises.tests.people_factories import make_people
from wuye.testing.expectations import can_read
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db
READ_AS = {
    "wage": "employment",
    "termination": "employment",
    "policy": "enterprise",
    "training": "enterprise",
}
WRITERS = {"inside": {"manager", "admin"}, "outside": {"admin"}}


@pytest.fixture
def objects(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return {side: make_people(world, side) for side in ("inside", "outside")}


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_visible_to_and_writable_by_follow_the_table(world, objects, role, side):
    user = world.users[role]
    wrong = []
    attendance = TrainingAttendance.objects.get(session=objects[side]["training"])
    for name, obj in [*((n, objects[side][n]) for n in READ_AS), ("attendance", attendance)]:
        manager = type(obj).objects
        seen = manager.visible_to(user).filter(pk=obj.pk).exists()
        writable = manager.writable_by(user).filter(pk=obj.pk).exists()
        read = can_read(role, READ_AS.get(name, "enterprise"), side) or (
            name == "wage" and role == "staff" and side == "inside"  # his own wages
        )
        if seen != read:
            wrong.append(f"{name}: read {seen}, expected {read}")
        if writable != (role in WRITERS[side]):
            wrong.append(f"{name}: write {writable}, expected {role in WRITERS[side]}")
    assert not wrong, f"{role} on the {side} side: " + "; ".join(wrong)
