"""The page a patrol sticker opens (``patrol-scan``, /p/<token>/), walked with every role inside and outside.

Its argument is a signed token, not a primary key, so the URL matrix (core/tests/test_url_matrix.py)
names this file instead of walking it. The expected answers come from the hand-written table: 404
where the project is unseen, 200 for who records its duties, 403 with a plain message for the rest.
"""

import pytest
from django.core import signing
from django.urls import reverse

from wuye.safety.actions import rotate_sticker
from wuye.safety.models import PatrolCheckIn, PatrolRound
from wuye.safety.stickers import SALT, sticker_token
from wuye.safety.tests.world import add_patrols
from wuye.testing.expectations import can_read
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db

# Who records a project's duties (estates.permissions.can_record_duties), as in the URL matrix.
RECORDERS = {"inside": {"manager", "staff", "admin"}, "outside": {"admin"}}


@pytest.fixture
def patrol_world(world):
    return add_patrols(world)


def scan_url(point):
    return reverse("patrol-scan", args=[sticker_token(point)])


def expected(role, side):
    if not can_read(role, "project", side):
        return 404
    return 200 if role in RECORDERS[side] else 403


def written():
    return PatrolCheckIn.objects.count(), PatrolRound.objects.count()


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_the_sticker_page_answers_as_the_table_says(client, patrol_world, role, side):
    point = getattr(patrol_world, side).patrolpoint2
    client.force_login(patrol_world.users[role])
    want = expected(role, side)
    response = client.get(scan_url(point))
    assert response.status_code == want, response.content.decode()[:500]
    body = response.content.decode()
    if want == 200:
        assert point.name in body and 'id="check-in"' in body
        return
    assert point.name not in body  # a refusal says nothing about the point
    if want == 403:
        project = point.route.project.name
        assert f"您不是“{project}”的工作人员，不能在此签到。" in body
    else:
        assert "找不到这个巡更点，或您无权查看它所在的项目。" in body
        assert point.route.project.name not in body
    # A check-in posted anyway is refused the same way, and nothing is written.
    before = written()
    assert client.post(scan_url(point), {"latitude": "40.6574"}).status_code == want
    assert written() == before


def test_anonymous_is_sent_to_login_and_back(client, patrol_world):
    url = scan_url(patrol_world.inside.patrolpoint2)
    before = written()
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/") and "next=" in response.url
    assert written() == before


@pytest.mark.parametrize("role", ["staff", "manager", "committee", "stranger"])
@pytest.mark.parametrize(
    "token",
    [
        "not-a-token",
        "1.1",
        "1.1:" + "A" * 43,
        signing.Signer(salt="another-salt").sign("1.1"),
        signing.Signer(salt=SALT).sign("one.1"),
    ],
    ids=["garbage", "unsigned", "bad-signature", "other-salt", "signed-nonsense"],
)
def test_a_forged_token_is_a_bad_request_for_everyone(client, patrol_world, role, token):
    client.force_login(patrol_world.users[role])
    before = written()
    url = reverse("patrol-scan", args=[token])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 400
        assert "二维码无效" in response.content.decode()
    assert written() == before


@pytest.mark.parametrize("role", ["staff", "manager", "admin", "committee"])
def test_a_replaced_sticker_is_void_for_who_sees_the_point(client, patrol_world, role):
    point = patrol_world.inside.patrolpoint2
    old = scan_url(point)
    rotate_sticker(patrol_world.users["manager"], point)
    client.force_login(patrol_world.users[role])
    before = written()
    for response in (client.get(old), client.post(old)):
        assert response.status_code == 410
        assert "此二维码已作废" in response.content.decode()
    assert written() == before
    point.refresh_from_db()
    assert client.get(scan_url(point)).status_code == expected(role, "inside")


def test_a_replaced_sticker_out_of_scope_is_still_unknown(client, patrol_world):
    point = patrol_world.outside.patrolpoint2
    old = scan_url(point)
    rotate_sticker(patrol_world.users["admin"], point)
    client.force_login(patrol_world.users["manager"])
    response = client.get(old)
    assert response.status_code == 404 and "已作废" not in response.content.decode()
