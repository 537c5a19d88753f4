"""The safety pages: power rooms on the project page, a room with its rounds, the phone form, fixing defects."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from wuye.core.evidence import append_evidence
from wuye.safety.models import Defect, DefectFix, PowerRoom, PowerRound
from wuye.safety.tests.world import STATES

pytestmark = pytest.mark.django_db
PHONE = "Mozilla/5.0 (Linux; Android 14; HUAWEI P60) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"
DESKTOP = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"
READ_ONLY = ["regulator", "regulator_bt", "committee", "owner", "developer"]


def round_form(**changes):
    data = {
        "supply_0": "running",
        "supply_1": "standby",
        "supply_2": "standby",
        "voltage": "401.2",
        "current": "",
        "temperature": "21.5",
        "problems": "",
        "inspector": "李师傅",
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
    }
    data.update(changes)
    return data


def page(response) -> str:
    return response.content.decode()


# The project page


def test_the_project_page_lists_its_power_rooms_with_a_link_each(client, safety_world):
    inside = safety_world.inside
    client.force_login(safety_world.users["manager"])
    body = page(client.get(reverse("project-detail", args=[inside.project.pk])))
    assert reverse("power-room-detail", args=[inside.powerroom.pk]) in body
    assert reverse("power-round-create", args=[inside.powerroom.pk]) in body
    assert reverse("power-room-create", args=[inside.project.pk]) in body
    assert inside.powerroom.location in body


def test_who_only_reads_sees_the_rooms_but_no_button_to_record_or_add(client, safety_world):
    inside = safety_world.inside
    client.force_login(safety_world.users["committee"])
    body = page(client.get(reverse("project-detail", args=[inside.project.pk])))
    assert reverse("power-room-detail", args=[inside.powerroom.pk]) in body
    assert reverse("power-round-create", args=[inside.powerroom.pk]) not in body
    assert reverse("power-room-create", args=[inside.project.pk]) not in body


# Power rooms


def test_a_manager_registers_a_power_room_with_one_supply_a_line(client, safety_world):
    project = safety_world.inside.project
    client.force_login(safety_world.users["manager"])
    response = client.post(
        reverse("power-room-create", args=[project.pk]),
        {
            "name": "2号配电室",
            "location": "地下车库",
            "supplies": "1#进线柜\r\n\r\n 2#进线柜 \r\n",
            "in_service_from": "2025-01-01",
            "active": "on",
        },
    )
    room = PowerRoom.objects.get(project=project, name="2号配电室")
    assert response.status_code == 302 and response.url == reverse("power-room-detail", args=[room.pk])
    assert room.supplies == ["1#进线柜", "2#进线柜"]
    assert room.history.count() == 1


def test_a_room_needs_a_supply_and_cannot_start_after_its_rounds(client, safety_world):
    room = safety_world.inside.powerroom
    client.force_login(safety_world.users["manager"])
    url = reverse("power-room-update", args=[room.pk])
    data = {
        "name": room.name,
        "location": "",
        "supplies": "",
        "in_service_from": "2020-01-01",
        "active": "on",
    }
    assert "供电回路" in page(client.post(url, data))
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    data.update(supplies="1#变压器\n2#变压器\n备用发电机", in_service_from=str(tomorrow))
    body = page(client.post(url, data))
    assert "投用日期不能晚于" in body
    room.refresh_from_db()
    assert room.in_service_from < timezone.localdate()


@pytest.mark.parametrize("role", ["staff", "committee", "owner", "developer"])
def test_only_writers_of_the_project_add_or_change_rooms(client, safety_world, role):
    inside = safety_world.inside
    client.force_login(safety_world.users[role])
    assert client.get(reverse("power-room-create", args=[inside.project.pk])).status_code == 403
    response = client.post(reverse("power-room-update", args=[inside.powerroom.pk]), {"name": "改名"})
    assert response.status_code == 403
    inside.powerroom.refresh_from_db()
    assert inside.powerroom.name == "1号配电室"


# A power room's page


def test_the_room_page_shows_rounds_newest_first_a_day_a_page_with_both_times(client, safety_world):
    room, staff = safety_world.inside.powerroom, safety_world.users["staff"]
    start = timezone.now() - datetime.timedelta(days=2)
    for hour in range(30):
        occurred = start + datetime.timedelta(hours=hour)
        late = hour == 29
        append_evidence(
            PowerRound(
                power_room=room, occurred_at=occurred, inspector=f"巡视员{hour}", supply_states=STATES
            ),
            user=staff,
            channel="phone",
            now=occurred + datetime.timedelta(hours=5 if late else 0, minutes=2),
        )
    client.force_login(safety_world.users["committee"])
    url = reverse("power-room-detail", args=[room.pk])
    first = page(client.get(url))
    shown = re.findall(r"巡视员(\d+)", first)
    assert first.index("王师傅") < first.index("巡视员29")  # the world's round, an hour ago, is the newest
    assert shown[:3] == ["29", "28", "27"] and len(shown) == 23
    late = timezone.localtime(start + datetime.timedelta(hours=29))
    recorded = late + datetime.timedelta(hours=5, minutes=2)
    assert f"{late:%Y-%m-%d %H:%M}" in first and f"{recorded:%Y-%m-%d %H:%M}" in first
    assert first.count(">补录</span>") == 1
    second = page(client.get(url + "?page=2"))
    assert re.findall(r"巡视员(\d+)", second) == [str(hour) for hour in range(6, -1, -1)]
    assert "/edit/" not in first.split("巡视记录")[-1]  # rounds are shown, never edited


def test_the_room_page_lists_its_open_defects_with_a_fix_link_for_recorders(client, safety_world):
    inside = safety_world.inside
    client.force_login(safety_world.users["staff"])
    body = page(client.get(reverse("power-room-detail", args=[inside.powerroom.pk])))
    assert "2#变压器温度偏高" in body and reverse("defect-fix", args=[inside.defect.pk]) in body
    client.force_login(safety_world.users["owner"])
    body = page(client.get(reverse("power-room-detail", args=[inside.powerroom.pk])))
    assert "2#变压器温度偏高" in body and reverse("defect-fix", args=[inside.defect.pk]) not in body


# The phone form


def test_the_form_defaults_to_now_and_the_last_rounds_states(client, safety_world):
    room = safety_world.inside.powerroom
    client.force_login(safety_world.users["staff"])
    body = page(client.get(reverse("power-round-create", args=[room.pk])))
    now = timezone.localtime()
    assert f'max="{now:%Y-%m-%dT%H:%M}"' in body or f'max="{now:%Y-%m-%dT}' in body
    assert re.search(r'name="supply_1" id="[^"]+" value="running" autocomplete="off" checked', body)
    assert re.search(r'name="supply_2" id="[^"]+" value="standby" autocomplete="off" checked', body)
    assert 'name="inspector" value="staff"' in body  # the user's own name (the personas' is their login)
    assert f'name="occurred_at" value="{now:%Y-%m-%dT%H:}' in body


def test_a_round_from_a_phone_is_recorded_and_the_form_comes_back_for_the_next(client, safety_world):
    room = safety_world.inside.powerroom
    client.force_login(safety_world.users["staff"])
    url = reverse("power-round-create", args=[room.pk])
    before = timezone.now()
    response = client.post(url, round_form(), HTTP_USER_AGENT=PHONE)
    assert response.status_code == 302 and response.url == url
    saved = PowerRound.objects.latest("chain_seq")
    assert saved.channel == "phone" and saved.recorded_by == safety_world.users["staff"]
    assert saved.recorded_at >= before and saved.backfilled is False
    assert saved.supply_states == {"1#变压器": "running", "2#变压器": "standby", "备用发电机": "standby"}
    assert str(saved.voltage) == "401.2" and saved.current is None
    assert "已记录" in page(client.get(url))


def test_a_round_from_a_desktop_browser_is_a_web_record_and_its_problems_open_a_defect(client, safety_world):
    room = safety_world.inside.powerroom
    client.force_login(safety_world.users["manager"])
    url = reverse("power-round-create", args=[room.pk])
    response = client.post(url, round_form(problems="配电室漏水"), HTTP_USER_AGENT=DESKTOP, follow=True)
    assert "已登记为隐患" in page(response)
    saved = PowerRound.objects.latest("chain_seq")
    assert saved.channel == "web"
    assert Defect.objects.get(source=f"safety.powerround:{saved.pk}").description == "配电室漏水"


def test_a_round_later_than_now_or_before_the_room_existed_is_refused(client, safety_world):
    room = safety_world.inside.powerroom
    client.force_login(safety_world.users["staff"])
    url = reverse("power-round-create", args=[room.pk])
    count = PowerRound.objects.count()
    ahead = timezone.localtime() + datetime.timedelta(minutes=2)
    assert "不能晚于服务器当前时间" in page(
        client.post(url, round_form(occurred_at=f"{ahead:%Y-%m-%dT%H:%M}"))
    )
    early = room.in_service_from - datetime.timedelta(days=1)
    body = page(client.post(url, round_form(occurred_at=f"{early:%Y-%m-%d}T10:00")))
    assert "早于配电室投用日期" in body
    assert PowerRound.objects.count() == count


def test_a_round_needs_every_supply(client, safety_world):
    room = safety_world.inside.powerroom
    client.force_login(safety_world.users["staff"])
    response = client.post(reverse("power-round-create", args=[room.pk]), round_form(supply_2=""))
    body = page(response)
    assert response.status_code == 200
    assert re.search(r"备用发电机</legend>.*?invalid-feedback d-block", body, re.S)
    assert PowerRound.objects.count() == 2


@pytest.mark.parametrize("role", READ_ONLY)
def test_those_who_only_read_may_not_record_and_nothing_is_written(client, safety_world, role):
    inside = safety_world.inside
    client.force_login(safety_world.users[role])
    assert (
        client.post(reverse("power-round-create", args=[inside.powerroom.pk]), round_form()).status_code
        == 403
    )
    assert client.post(reverse("defect-fix", args=[inside.defect.pk]), {"note": "已修"}).status_code == 403
    assert PowerRound.objects.count() == 2 and not DefectFix.objects.exists()


@pytest.mark.parametrize("role", ["manager", "staff", "stranger"])
def test_it_validates_ownership(client, safety_world, role):
    outside = safety_world.outside
    client.force_login(safety_world.users[role])
    assert client.get(reverse("power-room-detail", args=[outside.powerroom.pk])).status_code == 404
    for url in (
        reverse("power-round-create", args=[outside.powerroom.pk]),
        reverse("defect-fix", args=[outside.defect.pk]),
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, round_form(note="已修")).status_code == 404
    assert PowerRound.objects.count() == 2


# Fixing a defect


def test_fixing_a_defect_records_the_fix_and_closes_it(client, safety_world):
    defect, room = safety_world.inside.defect, safety_world.inside.powerroom
    client.force_login(safety_world.users["staff"])
    url = reverse("defect-fix", args=[defect.pk])
    body = page(client.get(url))
    assert "2#变压器温度偏高" in body and 'type="datetime-local"' in body
    now = timezone.localtime()
    response = client.post(
        url, {"occurred_at": f"{now:%Y-%m-%dT%H:%M}", "note": "已更换冷却风机"}, HTTP_USER_AGENT=PHONE
    )
    assert response.status_code == 302 and response.url == reverse("power-room-detail", args=[room.pk])
    fix = DefectFix.objects.get()
    assert fix.channel == "phone" and fix.note == "已更换冷却风机"
    defect.refresh_from_db()
    assert defect.fixed_at == fix.occurred_at
    assert url not in page(client.get(response.url))  # no longer among the open defects


def test_a_fix_before_the_defect_was_found_is_refused(client, safety_world):
    defect = safety_world.inside.defect
    client.force_login(safety_world.users["manager"])
    found = timezone.localtime(defect.found_at) - datetime.timedelta(hours=1)
    body = page(
        client.post(
            reverse("defect-fix", args=[defect.pk]),
            {"occurred_at": f"{found:%Y-%m-%dT%H:%M}", "note": "已修"},
        )
    )
    assert "不能早于发现问题的时间" in body
    assert not DefectFix.objects.exists()


def test_anonymous_is_sent_to_log_in(client, safety_world):
    url = reverse("power-round-create", args=[safety_world.inside.powerroom.pk])
    response = client.post(url, round_form())
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert PowerRound.objects.count() == 2
