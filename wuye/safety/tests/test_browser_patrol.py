"""A guard's patrol on a phone in the real Chromium: open a sticker's URL, tap 签到, see the round grow.

The phone scans nothing here: it opens the URL a sticker's QR code holds, which is all a scan does.
The location is the browser's (geolocation granted, a fixed position a few metres from the points),
and the time is the server's.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from wuye.accounts.tests.test_browser import sign_in
from wuye.safety.actions import rotate_sticker
from wuye.safety.models import PatrolCheckIn, PatrolPoint, PatrolRound, PatrolRoute
from wuye.safety.stickers import sticker_token

pytestmark = pytest.mark.browser

# An iPhone-sized phone standing a few metres from the points of the route (包头, 昆都仑区).
HERE = {"latitude": 40.657420, "longitude": 109.840320, "accuracy": 8}
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


@pytest.fixture
def phone(chromium, live_server):
    context = chromium.new_context(
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        device_scale_factor=3,
        is_mobile=True,
        has_touch=True,
        user_agent=IPHONE,
        geolocation=HERE,
        permissions=["geolocation"],
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def route(live_world):
    """A night route of three points on the inside project, all where the phone is."""
    route = PatrolRoute.objects.create(
        project=live_world.inside.project,
        name="夜间巡更",
        in_service_from=timezone.localdate() - datetime.timedelta(days=7),
    )
    for order, name in enumerate(["东门岗亭", "3号楼北侧", "地下车库入口"], start=1):
        PatrolPoint.objects.create(
            route=route, name=name, order=order, latitude="40.657400", longitude="109.840300"
        )
    return route


def scan(page, point):
    """Open the URL of the point's sticker, as the phone's camera would."""
    page.goto(reverse("patrol-scan", args=[sticker_token(point)]))


def check_in(page):
    # The page asks for the location first; wait until the browser has given it, then tap.
    page.wait_for_function("document.getElementById('latitude').value !== ''")
    assert "已获取位置" in page.inner_text("#location-status")
    page.get_by_role("button", name="签到").tap()
    page.wait_for_url(re.compile(r"\?done=\d+$"))


def test_a_guard_checks_in_at_two_points_and_sees_the_round_grow(phone, live_world, route):
    staff = live_world.users["staff"]
    first, second, third = route.points.order_by("order")
    sign_in(phone, "staff")
    assert "/accounts/login" not in phone.url

    scan(phone, first)
    assert first.name in phone.inner_text("h1")
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, "the check-in page scrolls sideways on a phone"
    check_in(phone)
    stored = PatrolCheckIn.objects.get(recorded_by=staff, point=first)
    said = phone.inner_text(".alert-success")
    server_time = timezone.localtime(stored.occurred_at).strftime("%H:%M:%S")
    assert f"已在“{first.name}”签到，时间 {server_time}（服务器时间）" in said
    assert "1/3" in phone.inner_text("#round-progress")
    assert phone.locator("#check-in").count() == 0  # done: no second button to tap by mistake

    scan(phone, second)
    assert "1/3" in phone.inner_text("#round-progress")  # the round so far, before tapping
    check_in(phone)
    assert second.name in phone.inner_text(".alert-success")
    progress = phone.inner_text("#round-progress")
    assert "2/3" in progress and third.name in progress

    check_ins = list(PatrolCheckIn.objects.filter(recorded_by=staff).order_by("occurred_at"))
    assert [c.point for c in check_ins] == [first, second]
    now = timezone.now()
    for c in check_ins:
        assert now - datetime.timedelta(seconds=60) <= c.occurred_at <= now
        assert abs(c.recorded_at - c.occurred_at) < datetime.timedelta(seconds=1)
        assert (c.latitude, c.longitude, c.accuracy) == (Decimal("40.657420"), Decimal("109.840320"), 8)
        assert c.distance is not None and c.distance < 10 and not c.far_from_point
        assert c.channel == "phone" and c.key_version == 1 and not c.backfilled
    assert check_ins[1].occurred_at - check_ins[0].occurred_at < datetime.timedelta(seconds=60)
    patrol_round = PatrolRound.objects.get(route=route)
    assert {c.patrol_round_id for c in check_ins} == {patrol_round.pk}
    assert (patrol_round.points_done, patrol_round.points_total, patrol_round.completed_at) == (2, 3, None)


def test_a_replaced_stickers_url_is_refused_and_nothing_is_written(phone, live_world, route):
    point = route.points.order_by("order").first()
    old = sticker_token(point)
    rotate_sticker(live_world.users["manager"], point)
    sign_in(phone, "staff")
    phone.goto(reverse("patrol-scan", args=[old]))
    refusal = phone.inner_text("#refusal")
    assert "此二维码已作废" in refusal and point.name in refusal
    assert phone.locator("#check-in").count() == 0
    assert not PatrolCheckIn.objects.exists() and not PatrolRound.objects.exists()
