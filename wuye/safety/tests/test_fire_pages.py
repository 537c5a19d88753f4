"""The pages of clauses 4.3 and 4.4: the phone walk and test pages posted by every role (the URL matrix only
GETs them), what they write, the registers' lists and details, and the card on the project page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from wuye.safety.models import (
    Defect,
    FireEquipment,
    FireEquipmentCheck,
    FirePassageCheck,
    FireSystemTest,
    FloodCheck,
    LightningTest,
)
from wuye.safety.tests.world import add_fire, photo, report
from wuye.testing.expectations import can_read
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db

RECORDERS = {"inside": {"manager", "staff", "admin"}, "outside": {"admin"}}
MINUTE = "%Y-%m-%dT%H:%M"


@pytest.fixture
def fire_world(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return add_fire(world)


def state():
    models = (FireEquipmentCheck, FirePassageCheck, FireSystemTest, LightningTest, FloodCheck, Defect)
    return tuple(model._base_manager.count() for model in models)


def when():
    return (timezone.localtime() - datetime.timedelta(minutes=2)).strftime(MINUTE)


def walk(side, **rows):
    data = {"occurred_at": when(), "inspector": "王师傅"}
    for pk, (result, text, file) in rows.items():
        data[f"result_{pk}"] = result
        data[f"text_{pk}"] = text
        if file:
            data[f"photo_{pk}"] = file
    return data


def posts(side):
    """Each recording page with a valid post: url name, pk, data."""
    test = {"occurred_at": when(), "tester": "检测中心", "result": "passed", "attachment": report()}
    return {
        "fire-checks-create": (
            side.project.pk,
            walk(
                side,
                **{
                    str(side.fireequipment.pk): ("faulty", "压力不足", photo()),
                    str(side.firesystem.pk): ("ok", "", None),
                },
            ),
        ),
        "fire-passage-checks-create": (
            side.project.pk,
            walk(side, **{str(side.firepassage.pk): ("clear", "", None)}),
        ),
        "fire-system-test-create": (side.firesystem.pk, dict(test)),
        "lightning-test-create": (side.lightningprotection.pk, {**test, "attachment": report()}),
        "flood-check-create": (side.floodprotection.pk, {**test, "attachment": report()}),
    }


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_the_recording_pages_answer_and_write_as_the_table_says(client, fire_world, role, side):
    where = getattr(fire_world, side)
    client.force_login(fire_world.users[role])
    client.raise_request_exception = False
    want = 404 if not can_read(role, "project", side) else 302 if role in RECORDERS[side] else 403
    before = state()
    wrong = []
    for name, (pk, data) in posts(where).items():
        response = client.post(reverse(name, args=[pk]), data)
        if response.status_code != want:
            wrong.append(f"{name}: {response.status_code} (expected {want})")
    after = state()
    if want == 302:
        # Two monthly checks (one faulty: a defect), a passage check, three tests.
        assert after == (
            before[0] + 2,
            before[1] + 1,
            before[2] + 1,
            before[3] + 1,
            before[4] + 1,
            before[5] + 1,
        )
    else:
        assert after == before
    assert not wrong, f"{role} on the {side} side: " + "; ".join(wrong)


def test_a_walk_records_what_was_looked_at_and_opens_a_defect_for_a_fault(client, fire_world):
    side = fire_world.inside
    client.force_login(fire_world.users["staff"])
    url = reverse("fire-checks-create", args=[side.project.pk])
    data = walk(
        side,
        **{
            str(side.fireequipment.pk): ("faulty", "压力表指针在红区", photo()),
            str(side.firesystem.pk): ("skip", "", None),
        },
    )
    response = client.post(url, data)
    assert response.status_code == 302 and response.url.endswith("#fire")
    stored = FireEquipmentCheck.objects.filter(recorded_by=fire_world.users["staff"])
    (check,) = stored
    assert (check.equipment, check.result, check.problem, check.inspector) == (
        side.fireequipment,
        "faulty",
        "压力表指针在红区",
        "王师傅",
    )
    assert check.attachment_sha256 and check.channel == "web"
    defect = Defect.objects.get(source=f"safety.fireequipmentcheck:{check.pk}")
    assert defect.check_id == "4.3.equipment_repaired"
    assert defect.deadline == check.occurred_at + datetime.timedelta(days=7)


@pytest.mark.parametrize(
    ("result", "text", "with_photo", "error"),
    [
        ("faulty", "", True, "请写明故障情况"),
        ("faulty", "水带缺失", False, "发现故障时请拍照上传"),
        ("skip", "", False, "请至少检查一项"),
    ],
)
def test_an_incomplete_walk_is_refused_and_nothing_is_written(
    client, fire_world, result, text, with_photo, error
):
    side = fire_world.inside
    client.force_login(fire_world.users["staff"])
    before = state()
    rows = {
        str(side.fireequipment.pk): (result, text, photo() if with_photo else None),
        str(side.firesystem.pk): ("skip", "", None),
    }
    response = client.post(reverse("fire-checks-create", args=[side.project.pk]), walk(side, **rows))
    assert response.status_code == 200 and error in response.content.decode()
    assert state() == before


def test_a_blocked_passage_needs_its_photo(client, fire_world):
    side = fire_world.inside
    client.force_login(fire_world.users["staff"])
    before = state()
    url = reverse("fire-passage-checks-create", args=[side.project.pk])
    response = client.post(url, walk(side, **{str(side.firepassage.pk): ("blocked", "私家车占用", None)}))
    assert response.status_code == 200 and "通道被占用时请拍照上传" in response.content.decode()
    assert state() == before
    response = client.post(url, walk(side, **{str(side.firepassage.pk): ("blocked", "私家车占用", photo())}))
    assert response.status_code == 302
    assert Defect.objects.filter(check_id="4.3.passage_cleared", project=side.project).count() == 2


def test_a_time_ahead_of_the_server_is_refused(client, fire_world):
    side = fire_world.inside
    client.force_login(fire_world.users["staff"])
    data = walk(side, **{str(side.firepassage.pk): ("clear", "", None)})
    data["occurred_at"] = (timezone.localtime() + datetime.timedelta(hours=2)).strftime(MINUTE)
    before = state()
    response = client.post(reverse("fire-passage-checks-create", args=[side.project.pk]), data)
    assert response.status_code == 200 and state() == before


def test_the_walk_of_extinguishers_lists_only_extinguishers(client, fire_world):
    side = fire_world.inside
    client.force_login(fire_world.users["staff"])
    url = reverse("fire-checks-create", args=[side.project.pk])
    body = client.get(url + "?kind=extinguisher").content.decode()
    assert side.fireequipment.name in body and side.firesystem.name not in body
    body = client.get(url + "?kind=other").content.decode()
    assert side.fireequipment.name not in body and side.firesystem.name in body


def test_the_passage_page_offers_to_record_an_obstruction_cleared(client, fire_world):
    side = fire_world.inside
    client.force_login(fire_world.users["staff"])
    body = client.get(reverse("fire-passage-checks-create", args=[side.project.pk])).content.decode()
    assert reverse("defect-fix", args=[side.firedefect.pk]) in body and "私家车占用" in body


def test_only_fire_systems_have_a_full_test_page(client, fire_world):
    client.force_login(fire_world.users["admin"])
    assert (
        client.get(reverse("fire-system-test-create", args=[fire_world.inside.fireequipment.pk])).status_code
        == 404
    )


def test_a_failed_test_without_what_failed_is_refused(client, fire_world):
    side = fire_world.inside
    client.force_login(fire_world.users["staff"])
    before = state()
    data = {"occurred_at": when(), "tester": "防雷检测中心", "result": "failed", "attachment": report()}
    response = client.post(reverse("lightning-test-create", args=[side.lightningprotection.pk]), data)
    assert response.status_code == 200 and "请写明不合格项" in response.content.decode()
    assert state() == before


# Registers


def test_the_equipment_list_searches_filters_and_shows_the_scrapping_day(client, fire_world):
    side = fire_world.inside
    old = FireEquipment.objects.create(
        project=side.project,
        name="配电室二氧化碳灭火器",
        kind="extinguisher",
        extinguisher_type="co2",
        production_date=datetime.date(2010, 5, 1),
        in_service_from=datetime.date(2020, 1, 1),
    )
    client.force_login(fire_world.users["committee"])
    url = reverse("fire-equipment-list")
    body = client.get(url, {"kind": "extinguisher"}).content.decode()
    assert old.name in body and side.fireequipment.name in body and side.firesystem.name not in body
    assert "2022-05-01" in body and "已到报废年限" in body
    body = client.get(url, {"q": "二氧化碳"}).content.decode()
    assert old.name in body and side.fireequipment.name not in body
    body = client.get(url, {"project": side.project.pk, "o": "-production_date"}).content.decode()
    assert body.index(side.fireequipment.name) < body.index(old.name)


def test_a_list_costs_the_same_queries_for_3_rows_and_for_20(
    client, fire_world, django_assert_max_num_queries
):
    client.force_login(fire_world.users["regulator"])
    url = reverse("fire-equipment-list")
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for index in range(16):
        FireEquipment.objects.create(
            project=fire_world.inside.project,
            name=f"{index + 2}号楼灭火器箱",
            kind="extinguisher",
            extinguisher_type="dry_powder",
            production_date=datetime.date(2024, 1, 1),
            in_service_from=datetime.date(2025, 1, 1),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(url).content.decode()
    assert "15号楼灭火器箱" in body


def test_the_detail_shows_the_problems_found_and_who_may_fix_them(client, fire_world):
    side = fire_world.inside
    url = reverse("fire-passage-detail", args=[side.firepassage.pk])
    fix = reverse("defect-fix", args=[side.firedefect.pk])
    client.force_login(fire_world.users["staff"])
    body = client.get(url).content.decode()
    assert "私家车占用" in body and fix in body
    assert (
        reverse("scoped-file", args=["safety.firepassagecheck", side.firepassagecheck.pk, "attachment"])
        in body
    )
    client.force_login(fire_world.users["committee"])
    body = client.get(url).content.decode()
    assert "私家车占用" in body and fix not in body


def test_a_new_extinguisher_needs_its_production_date(client, fire_world):
    client.force_login(fire_world.users["manager"])
    url = reverse("fire-equipment-create", args=[fire_world.inside.project.pk])
    data = {"name": "2号楼灭火器箱", "kind": "extinguisher", "extinguisher_type": "dry_powder", "quantity": 2}
    data["in_service_from"] = "2026-01-01"
    before = FireEquipment.objects.count()
    response = client.post(url, data)
    assert response.status_code == 200 and "出厂日期" in response.content.decode()
    assert FireEquipment.objects.count() == before
    response = client.post(url, {**data, "production_date": "2025-06-01"})
    assert response.status_code == 302 and FireEquipment.objects.count() == before + 1


def test_the_project_card_shows_the_month_and_the_open_problems(client, fire_world):
    side = fire_world.inside
    client.force_login(fire_world.users["staff"])
    body = client.get(side.project.get_absolute_url()).content.decode()
    checked = int(timezone.localtime(side.fireequipmentcheck.occurred_at).month == timezone.localtime().month)
    assert 'id="fire"' in body and "1 处，共 2 具" in body and f"本月已检 {checked}/1" in body
    assert reverse("fire-checks-create", args=[side.project.pk]) + "?kind=extinguisher" in body
    assert reverse("defect-fix", args=[side.firedefect.pk]) in body
    client.force_login(fire_world.users["owner"])
    body = client.get(side.project.get_absolute_url()).content.decode()
    assert "私家车占用" in body and reverse("fire-checks-create", args=[side.project.pk]) not in body


def test_the_card_costs_the_same_queries_for_many_items(client, fire_world, django_assert_max_num_queries):
    side = fire_world.inside
    client.force_login(fire_world.users["staff"])
    url = side.project.get_absolute_url()
    with django_assert_max_num_queries(200) as few:
        client.get(url)
    for index in range(10):
        FireEquipment.objects.create(
            project=side.project,
            name=f"{index + 2}号楼灭火器箱",
            kind="extinguisher",
            extinguisher_type="dry_powder",
            production_date=datetime.date(2024, 1, 1),
            in_service_from=datetime.date(2025, 1, 1),
        )
        FireEquipment.objects.create(
            project=side.project,
            name=f"{index + 2}号室外消火栓",
            kind="hydrant",
            in_service_from=datetime.date(2025, 1, 1),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(url).content.decode()
    assert "11 处，共 12 具" in body
