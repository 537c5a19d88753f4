"""The recording pages of clause 4.1 posted by every role, inside and outside (the URL matrix only GETs them).

Who records the project's duties (its staff, the serving enterprise's managers, the operators) gets the
work done; who only reads the project gets 403, who cannot see it 404, and a refused request writes
nothing. Never a 500: the project's own staff once got one removing a shift or replacing a sticker,
because the actions asked for the register's write scope while the pages let them in.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from wuye.safety.models import CameraCheck, DutyShift, PatrolPoint
from wuye.safety.tests.world import add_patrols
from wuye.testing.expectations import can_read
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db

RECORDERS = {"inside": {"manager", "staff", "admin"}, "outside": {"admin"}}
MINUTE = "%Y-%m-%d %H:%M"


@pytest.fixture
def patrol_world(world):
    return add_patrols(world)


def expected(role, side):
    if not can_read(role, "project", side):
        return 404
    return 302 if role in RECORDERS[side] else 403


def state(side):
    return (
        DutyShift.objects.filter(entrance=side.entrance).count(),
        DutyShift.objects.filter(pk=side.dutyshift.pk).exists(),
        PatrolPoint.objects.get(pk=side.patrolpoint.pk).key_version,
        CameraCheck.objects.filter(camera=side.camera).count(),
    )


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_the_recording_pages_answer_and_write_as_the_table_says(client, patrol_world, role, side):
    where = getattr(patrol_world, side)
    client.force_login(patrol_world.users[role])
    client.raise_request_exception = False
    want = expected(role, side)
    start = timezone.localtime() + datetime.timedelta(days=2)
    now = timezone.localtime()
    before = state(where)
    posts = {
        "shift-create": (
            where.entrance.pk,
            {
                "guard": "钱保安",
                "starts_at": start.strftime(MINUTE),
                "ends_at": (start + datetime.timedelta(hours=8)).strftime(MINUTE),
                "repeat_days": 1,
            },
        ),
        "shift-delete": (where.dutyshift.pk, {}),
        "patrol-point-rotate": (where.patrolpoint.pk, {}),
        "camera-checks-create": (
            where.project.pk,
            {
                "occurred_at": now.strftime(MINUTE),
                f"working_{where.camera.pk}": "0",
                f"note_{where.camera.pk}": "黑屏",
            },
        ),
    }
    wrong = []
    for name, (pk, data) in posts.items():
        response = client.post(reverse(name, args=[pk]), data)
        if response.status_code != want:
            wrong.append(f"{name}: {response.status_code} (expected {want})")
    after = state(where)
    if want == 302:
        assert after == (before[0] + 2 - 1, False, before[2] + 1, before[3] + 1), after
    else:
        assert after == before
    assert not wrong, f"{role} on the {side} side: " + "; ".join(wrong)


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_the_roster_through_the_api_is_for_who_records_the_duties(patrol_world, role, side):
    where = getattr(patrol_world, side)
    client = APIClient()
    client.force_authenticate(patrol_world.users[role])
    start = timezone.now() + datetime.timedelta(days=2)
    payload = {
        "entrance": where.entrance.pk,
        "guard": "孙保安",
        "starts_at": start.isoformat(),
        "ends_at": (start + datetime.timedelta(hours=8)).isoformat(),
    }
    before = DutyShift.objects.count()
    response = client.post("/api/duty-shifts/", payload, format="json")
    want = {302: 201, 403: 403, 404: 400}[expected(role, side)]  # an unseen entrance is a field error
    assert response.status_code == want, response.content
    assert DutyShift.objects.count() == before + (want == 201)
    if want == 400:
        assert set(response.json()) == {"entrance"}
