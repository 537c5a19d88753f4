"""Clause 4.1 end to end: the roster, patrol check-ins by sticker, rounds, camera checks, and their checks."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from wuye.compliance.engine import evaluate
from wuye.compliance.models import Finding, FindingState
from wuye.safety.actions import (
    add_shifts,
    record_camera_checks,
    record_check_in,
    remove_shift,
    rotate_sticker,
)
from wuye.safety.models import (
    Camera,
    CameraCheck,
    DutyShift,
    Entrance,
    PatrolCheckIn,
    PatrolPoint,
    PatrolRound,
    PatrolRoute,
)
from wuye.safety.stickers import (
    StickerError,
    read_token,
    sticker_path,
    sticker_png,
    sticker_svg,
    sticker_token,
    sticker_url,
)

pytestmark = pytest.mark.django_db
MINUTE = datetime.timedelta(minutes=1)
HOUR = datetime.timedelta(hours=1)
# 包头 (40.658 N, 109.840 E); 0.001° of latitude is about 111 m.
HERE = (Decimal("40.658000"), Decimal("109.840000"))


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime(2026, 3, day, hour, minute))


@pytest.fixture
def route(world):
    route = PatrolRoute.objects.create(
        project=world.inside.project, name="全区巡更", in_service_from=datetime.date(2026, 3, 1)
    )
    for order, name in enumerate(["北门", "中心花园", "车库入口"], start=1):
        PatrolPoint.objects.create(
            route=route,
            name=name,
            order=order,
            latitude=HERE[0] + Decimal(order) / 10000,
            longitude=HERE[1],
        )
    return route


def points(route):
    return list(route.points.order_by("order"))


def walk(world, route, start, *, user="staff", skip=(), step=5 * MINUTE):
    """One round: every point (but those skipped) checked in ``step`` apart from ``start``."""
    check_ins = []
    for index, point in enumerate(points(route)):
        if point.name in skip:
            continue
        check_ins.append(
            record_check_in(
                world.users[user],
                point,
                key_version=point.key_version,
                channel="phone",
                now=start + index * step,
            )
        )
    return check_ins


# -- stickers ---------------------------------------------------------------------------------------


def test_a_token_names_its_point_and_key_version_and_a_forged_one_is_refused(route):
    point = points(route)[0]
    token = read_token(sticker_token(point))
    assert (token.point_id, token.key_version) == (point.pk, 1)
    value, signature = sticker_token(point).split(":")
    for forged in (f"{point.pk + 1}.1:{signature}", f"{value}:{signature[:-2]}xx", "garbage", ""):
        with pytest.raises(StickerError, match="二维码无效"):
            read_token(forged)


def test_rotating_voids_the_printed_sticker_and_nothing_is_written(world, route):
    point = points(route)[0]
    old = read_token(sticker_token(point))
    rotated = rotate_sticker(world.users["manager"], point)
    assert rotated.key_version == 2
    with pytest.raises(StickerError, match="已作废") as refused:
        record_check_in(world.users["staff"], rotated, key_version=old.key_version, channel="phone")
    assert refused.value.stale
    assert not PatrolCheckIn.objects.exists() and not PatrolRound.objects.exists()
    # The new sticker works.
    record_check_in(world.users["staff"], rotated, key_version=2, channel="phone")
    assert PatrolCheckIn.objects.get().key_version == 2


def test_only_those_who_record_the_duties_rotate_a_sticker(world, route):
    point = points(route)[0]
    with pytest.raises((PermissionDenied, PatrolPoint.DoesNotExist)):
        rotate_sticker(world.users["committee"], point)
    point.refresh_from_db()
    assert point.key_version == 1


def test_a_sticker_prints_the_sites_public_address(route, settings):
    point = points(route)[0]
    settings.SITE_URL = "https://wuye.example.cn/"
    assert sticker_url(point) == f"https://wuye.example.cn/p/{sticker_token(point)}/"


def test_stickers_outlive_a_secret_key_rotation_only_with_the_old_key_as_fallback(route, settings):
    point = points(route)[0]
    printed = sticker_token(point)
    settings.SECRET_KEY, old = "a-new-secret-key-for-the-site-0123456789", settings.SECRET_KEY
    with pytest.raises(StickerError, match="二维码无效"):
        read_token(printed)
    settings.SECRET_KEY_FALLBACKS = [old]
    assert read_token(printed).point_id == point.pk


def test_the_sticker_images_carry_the_points_name(route):
    url = "https://wuye.example/p/1.1:abc/"
    svg = sticker_svg(url, "阳光花园 · 北门")
    assert svg.startswith("<svg") and "阳光花园 · 北门" in svg and "<path" in svg
    assert "<script" not in sticker_svg(url, "<script>alert(1)</script>")
    png = sticker_png(url, "北门")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    from PIL import Image

    image = Image.open(io.BytesIO(png))
    plain = Image.open(io.BytesIO(sticker_png(url)))
    assert image.height > image.width == plain.width  # the caption goes under the code


def test_the_sticker_sheet_prints_every_active_point(client, world, route):
    last = points(route)[-1]
    PatrolPoint.objects.filter(pk=last.pk).update(active=False)
    client.force_login(world.users["manager"])
    body = client.get(reverse("patrol-stickers", args=[route.pk])).content.decode()
    assert body.count("<svg") == 2 and "北门" in body and "中心花园" in body and "车库入口" not in body
    response = client.get(reverse("patrol-sticker-png", args=[points(route)[0].pk]))
    assert response["Content-Type"] == "image/png" and response.content[:4] == b"\x89PNG"
    assert "attachment" in response["Content-Disposition"]


# -- check-ins and rounds ---------------------------------------------------------------------------------


def test_a_round_is_complete_when_every_point_is_checked_in_within_the_window(world, route):
    check_ins = walk(world, route, at(2, 10))
    patrol_round = PatrolRound.objects.get()
    assert patrol_round.completed_at == check_ins[-1].occurred_at
    assert (patrol_round.points_done, patrol_round.points_total) == (3, 3)
    assert patrol_round.occurred_at == at(2, 10)
    assert all(c.patrol_round_id == patrol_round.pk for c in check_ins)
    assert [c.chain_seq for c in check_ins] == [1, 2, 3]


def test_a_round_not_finished_within_the_window_stays_incomplete(world, route):
    walk(world, route, at(2, 10), step=35 * MINUTE)  # the third point at 11:10, past 60 minutes
    rounds = list(PatrolRound.objects.order_by("occurred_at"))
    assert len(rounds) == 2
    assert rounds[0].completed_at is None and rounds[0].points_done == 2
    assert rounds[1].occurred_at == at(2, 11, 10) and rounds[1].points_done == 1


def test_scanning_a_point_twice_does_not_complete_a_round(world, route):
    first = points(route)[0]
    for minute in (0, 3):
        record_check_in(world.users["staff"], first, key_version=1, channel="phone", now=at(2, 10, minute))
    patrol_round = PatrolRound.objects.get()
    assert patrol_round.points_done == 1 and patrol_round.completed_at is None
    assert PatrolCheckIn.objects.count() == 2


def test_location_far_from_the_point_is_flagged(world, route):
    point = points(route)[0]
    near = record_check_in(
        world.users["staff"],
        point,
        key_version=1,
        latitude=point.latitude + Decimal("0.0005"),  # about 56 m
        longitude=point.longitude,
        accuracy=12,
        channel="phone",
        now=at(2, 10),
    )
    far = record_check_in(
        world.users["staff"],
        point,
        key_version=1,
        latitude=point.latitude + Decimal("0.003"),  # about 334 m
        longitude=point.longitude,
        channel="phone",
        now=at(2, 10, 2),
    )
    unknown = record_check_in(world.users["staff"], point, key_version=1, channel="phone", now=at(2, 10, 4))
    assert (near.far_from_point, 50 <= near.distance <= 60) == (False, True)
    assert far.far_from_point and 320 <= far.distance <= 345
    assert unknown.distance is None and not unknown.far_from_point


@pytest.mark.parametrize("role", ["committee", "owner", "regulator", "developer"])
def test_readers_cannot_check_in_and_nothing_is_written(world, route, role):
    point = points(route)[0]
    with pytest.raises(PermissionDenied):
        record_check_in(world.users[role], point, key_version=1, channel="phone")
    assert not PatrolCheckIn.objects.exists() and not PatrolRound.objects.exists()


def test_staff_of_another_project_cannot_check_in(world):
    outside = PatrolRoute.objects.create(
        project=world.outside.project, name="夜巡", in_service_from=datetime.date(2026, 3, 1)
    )
    point = PatrolPoint.objects.create(route=outside, name="东门")
    with pytest.raises(PermissionDenied):
        record_check_in(world.users["staff"], point, key_version=1, channel="phone")
    assert not PatrolCheckIn.objects.exists()


def test_a_stopped_point_takes_no_check_in(world, route):
    point = points(route)[0]
    PatrolPoint.objects.filter(pk=point.pk).update(active=False)
    point.refresh_from_db()
    with pytest.raises(ValidationError, match="已停用"):
        record_check_in(world.users["staff"], point, key_version=1, channel="phone")
    assert not PatrolCheckIn.objects.exists()


# -- the check-in page a sticker opens ------------------------------------------------------------------------


def test_the_scan_page_checks_in_with_server_time_ignoring_a_sent_time(client, world, route):
    point = points(route)[0]
    client.force_login(world.users["staff"])
    url = sticker_path(point)
    page = client.get(url)
    assert page.status_code == 200 and "签到" in page.content.decode()
    before = timezone.now()
    response = client.post(
        url,
        {
            "occurred_at": "2020-01-01T03:00",
            "latitude": str(point.latitude),
            "longitude": str(point.longitude),
        },
        follow=True,
    )
    after = timezone.now()
    check_in = PatrolCheckIn.objects.get()
    assert before <= check_in.occurred_at == check_in.recorded_at <= after
    assert check_in.distance == 0 and check_in.recorded_by == world.users["staff"]
    body = response.content.decode()
    assert "页面提交的时间已忽略" in body and "round-progress" in body and "1/3" in body


def test_the_scan_page_keeps_garbage_coordinates_out_without_refusing(client, world, route):
    client.force_login(world.users["staff"])
    client.post(sticker_path(points(route)[0]), {"latitude": "north", "longitude": "999"})
    check_in = PatrolCheckIn.objects.get()
    assert check_in.latitude is None and check_in.longitude is None


@pytest.mark.parametrize(
    ("role", "status", "words"),
    [
        ("committee", 403, "不是"),
        ("owner", 403, "不是"),
        ("regulator", 403, "不是"),
        ("stranger", 404, "找不到"),
    ],
)
def test_the_scan_page_refuses_with_a_reason_and_writes_nothing(client, world, route, role, status, words):
    client.force_login(world.users[role])
    url = sticker_path(points(route)[0])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == status and words in response.content.decode()
    assert not PatrolCheckIn.objects.exists()


def test_a_forged_or_rotated_sticker_page_says_so(client, world, route):
    point = points(route)[0]
    client.force_login(world.users["staff"])
    old = sticker_path(point)
    forged = client.post(old.replace(":", ":x"))
    assert forged.status_code == 400 and "二维码无效" in forged.content.decode()
    rotate_sticker(world.users["manager"], point)
    stale = client.post(old)
    assert stale.status_code == 410 and "已作废" in stale.content.decode()
    assert not PatrolCheckIn.objects.exists()


def test_an_anonymous_scan_goes_to_login_and_comes_back(client, route):
    url = sticker_path(points(route)[0])
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert "next=" in response.url


# -- the patrol check ---------------------------------------------------------------------------------


def patrol_findings():
    return Finding.objects.filter(check_id="4.1.patrol_gap").order_by("period_start")


def test_rounds_two_and_a_half_hours_apart_pass_and_a_longer_gap_is_a_finding(world, route):
    PatrolRoute.objects.filter(pk=route.pk).update(in_service_from=datetime.date(2026, 3, 2))
    starts = [at(2, 0), at(2, 2, 30), at(2, 5), at(2, 7, 31)]
    for start in starts:
        walk(world, route, start)
    evaluate(at(2, 9), full=True)
    [finding] = patrol_findings()
    assert (finding.period_start, finding.period_end) == (at(2, 5), at(2, 7, 31))
    assert finding.state == FindingState.CLOSED and finding.clause_id == "4.1"
    assert "2小时31分钟" in finding.message and "全区巡更" in finding.message
    assert len(finding.evidence) == 2 and all(e.startswith("safety.patrolround:") for e in finding.evidence)


def test_an_incomplete_round_does_not_count(world, route):
    PatrolRoute.objects.filter(pk=route.pk).update(in_service_from=datetime.date(2026, 3, 2))
    walk(world, route, at(2, 0))
    walk(world, route, at(2, 2), skip=("车库入口",))
    walk(world, route, at(2, 4))
    evaluate(at(2, 5), full=True)
    [finding] = patrol_findings()
    assert (finding.period_start, finding.period_end) == (at(2, 0), at(2, 4))


def test_no_round_since_the_last_one_is_an_open_finding(world, route):
    PatrolRoute.objects.filter(pk=route.pk).update(in_service_from=datetime.date(2026, 3, 2))
    walk(world, route, at(2, 0))
    evaluate(at(2, 3), full=True)
    [finding] = patrol_findings()
    assert finding.state == FindingState.OPEN and finding.period_end is None
    walk(world, route, at(2, 3, 10))
    evaluate(at(2, 4))
    finding.refresh_from_db()
    assert finding.state == FindingState.CLOSED and finding.period_end == at(2, 3, 10)


# -- the roster ---------------------------------------------------------------------------------------


@pytest.fixture
def entrance(world):
    return Entrance.objects.create(
        project=world.inside.project, name="东门", in_service_from=datetime.date(2026, 3, 2)
    )


def plan(entrance, *spans):
    for start, end in spans:
        DutyShift.objects.create(entrance=entrance, guard="李师傅", starts_at=start, ends_at=end)


def staffed_findings():
    return Finding.objects.filter(check_id="4.1.entrance_staffed").order_by("period_start")


def test_a_roster_with_an_uncovered_hour_is_a_finding(world, entrance):
    plan(entrance, (at(2, 0), at(2, 8)), (at(2, 8), at(2, 16)), (at(2, 17), at(3, 0)), (at(3, 0), at(3, 8)))
    evaluate(at(3, 6), full=True)
    [finding] = staffed_findings()
    assert (finding.period_start, finding.period_end) == (at(2, 16), at(2, 17))
    assert "东门" in finding.message and "无人值班" in finding.message
    assert finding.evidence == [f"safety.dutyshift:{DutyShift.objects.get(starts_at=at(2, 17)).pk}"]


def test_overlapping_and_nested_shifts_cover_and_the_roster_running_out_is_open(world, entrance):
    plan(entrance, (at(2, 0), at(2, 12)), (at(2, 2), at(2, 6)), (at(2, 11), at(3, 0)))
    evaluate(at(3, 2), full=True)
    [finding] = staffed_findings()
    assert finding.period_start == at(3, 0) and finding.state == FindingState.OPEN


def test_an_entrance_without_a_roster_is_unstaffed_from_its_first_day(world, entrance):
    evaluate(at(2, 5), full=True)
    [finding] = staffed_findings()
    assert finding.period_start == at(2, 0) and finding.state == FindingState.OPEN


def test_shifts_that_ended_cannot_be_added_or_removed(world, entrance):
    now = at(5, 12)
    with pytest.raises(ValidationError, match="不能补登"):
        add_shifts(
            world.users["manager"], entrance, guard="李师傅", starts_at=at(4, 0), ends_at=at(4, 8), now=now
        )
    shifts = add_shifts(
        world.users["manager"],
        entrance,
        guard="李师傅",
        starts_at=at(5, 16),
        ends_at=at(6, 0),
        repeat_days=2,
        now=now,
    )
    assert [s.starts_at for s in shifts] == [at(5, 16), at(6, 16), at(7, 16)]
    with pytest.raises(ValidationError, match="已经开始"):
        remove_shift(world.users["manager"], shifts[0], now=at(5, 17))
    remove_shift(world.users["manager"], shifts[2], now=now)
    assert DutyShift.objects.count() == 2


def test_the_roster_refuses_readers_and_bad_shifts(world, entrance):
    now = at(5, 12)
    with pytest.raises(PermissionDenied):
        add_shifts(
            world.users["committee"], entrance, guard="李", starts_at=at(6, 0), ends_at=at(6, 8), now=now
        )
    with pytest.raises(ValidationError):
        add_shifts(
            world.users["manager"], entrance, guard="李", starts_at=at(6, 0), ends_at=at(7, 8), now=now
        )
    with pytest.raises(ValidationError):
        add_shifts(
            world.users["manager"],
            entrance,
            guard="李",
            starts_at=at(6, 0),
            ends_at=at(6, 8),
            repeat_days=99,
            now=now,
        )
    assert not DutyShift.objects.exists()


def test_the_shift_form_shows_a_field_error_and_saves_nothing(client, world, entrance):
    client.force_login(world.users["manager"])
    url = reverse("shift-create", args=[entrance.pk])
    response = client.post(
        url,
        {"guard": "李师傅", "starts_at": "2020-01-01T08:00", "ends_at": "2020-01-01T16:00", "repeat_days": 0},
    )
    assert response.status_code == 200 and "不能补登" in response.content.decode()
    assert not DutyShift.objects.exists()


# -- cameras ----------------------------------------------------------------------------------------


@pytest.fixture
def camera(world):
    return Camera.objects.create(
        project=world.inside.project, name="东门车行道", in_service_from=datetime.date(2026, 3, 1)
    )


def check(world, camera, when, working, note=""):
    return record_camera_checks(
        world.users["staff"],
        camera.project,
        {camera: (working, note)},
        channel="phone",
        occurred_at=when,
        now=when,
    )[0]


def outage_findings():
    return Finding.objects.filter(check_id="4.1.camera_outage").order_by("period_start")


def test_an_outage_longer_than_a_day_is_a_finding_a_shorter_one_is_not(world, camera):
    check(world, camera, at(2, 9), True)
    check(world, camera, at(3, 9), False, "黑屏")
    check(world, camera, at(3, 20), True)  # 11 hours
    broken = check(world, camera, at(5, 9), False, "无录像")
    check(world, camera, at(6, 9), False, "无录像")  # still broken: the outage goes on
    repaired = check(world, camera, at(6, 9, 1), True)  # 24 h 1 min
    evaluate(at(7, 9), full=True)
    [finding] = outage_findings()
    assert (finding.period_start, finding.period_end) == (at(5, 9), at(6, 9, 1))
    assert finding.evidence == [f"safety.cameracheck:{broken.pk}", f"safety.cameracheck:{repaired.pk}"]
    assert "无录像" in finding.message


def test_an_outage_not_yet_repaired_is_open(world, camera):
    check(world, camera, at(2, 9), False, "镜头损坏")
    evaluate(at(3, 10), full=True)
    [finding] = outage_findings()
    assert finding.state == FindingState.OPEN


def test_a_faulty_check_needs_a_note_and_nothing_is_written(world, camera):
    with pytest.raises(ValidationError):
        check(world, camera, at(2, 9), False, "")
    assert not CameraCheck.objects.exists()


def test_the_camera_form_records_every_camera_at_once(client, world, camera):
    other = Camera.objects.create(
        project=camera.project, name="南门", in_service_from=datetime.date(2026, 3, 1)
    )
    client.force_login(world.users["staff"])
    url = reverse("camera-checks-create", args=[camera.project.pk])
    bad = client.post(url, {f"working_{camera.pk}": "0", f"working_{other.pk}": "1", "occurred_at": ""})
    assert bad.status_code == 200 and "请说明故障情况" in bad.content.decode()
    assert not CameraCheck.objects.exists()
    local = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    client.post(
        url,
        {
            f"working_{camera.pk}": "0",
            f"note_{camera.pk}": "黑屏",
            f"working_{other.pk}": "1",
            "occurred_at": local,
        },
    )
    assert dict(CameraCheck.objects.values_list("camera__name", "working")) == {
        "东门车行道": False,
        "南门": True,
    }


# -- the project page -----------------------------------------------------------------------------------


def test_the_project_page_shows_entrances_routes_and_cameras(client, world, route, entrance, camera):
    client.force_login(world.users["committee"])
    body = client.get(world.inside.project.get_absolute_url()).content.decode()
    assert "门岗、巡更与监控" in body and "东门" in body and "全区巡更" in body and "东门车行道" in body
    assert reverse("camera-checks-create", args=[world.inside.project.pk]) not in body  # readers: no buttons


# -- query counts do not grow with the records ------------------------------------------------------------


def queries_for(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_patrol_pages_take_the_same_queries_with_more_records(client, world, route, entrance, camera):
    client.force_login(world.users["manager"])
    urls = [
        route.get_absolute_url(),
        entrance.get_absolute_url(),
        camera.get_absolute_url(),
        world.inside.project.get_absolute_url(),
        reverse("patrol-stickers", args=[route.pk]),
        sticker_path(points(route)[0]),
    ]

    def grow(day):
        walk(world, route, at(day, 10))
        plan(entrance, (at(day, 0), at(day, 12)), (at(day, 12), at(day + 1, 0)))
        check(world, camera, at(day, 9), day % 2 == 0, "黑屏")

    grow(2)
    before = [queries_for(client, url) for url in urls]
    PatrolPoint.objects.create(route=route, name="西门", order=4)
    for day in range(3, 8):
        grow(day)
    after = [queries_for(client, url) for url in urls]
    assert after == before, dict(zip(urls, zip(before, after, strict=True), strict=True))
    # The project page carries a card per duty (issue 5): a fixed number of queries, whatever the records.
    assert max(before) <= 80


def test_a_new_entrance_starts_today_and_says_what_an_earlier_day_means(client, world):
    client.force_login(world.users["manager"])
    body = client.get(reverse("entrance-create", args=[world.inside.project.pk])).content.decode()
    assert (
        f'value="{timezone.localdate():%Y-%m-%d}"' in body and "此前排班表上没有人的时段都会计为问题" in body
    )
