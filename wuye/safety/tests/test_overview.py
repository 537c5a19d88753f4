"""The project safety overview: every asset's periodic duties, overdue first, colour-coded, scoped."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from wuye.safety.models import PowerRoom
from wuye.safety.overview import OK, OVERDUE, SOON, DueItem, due_items
from wuye.safety.tests.world import SUPPLIES, add_patrols, add_power_rooms

pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)


def neglected_room(side, name="2号配电室", days=3):
    return PowerRoom.objects.create(
        project=side.project,
        name=name,
        supplies=SUPPLIES,
        in_service_from=timezone.localdate() - datetime.timedelta(days=days),
    )


def test_due_item_states_at_their_edges():
    now = timezone.now()
    item = DueItem("4.8", "配电室", "1号", "巡视", None, now + HOUR, soon_before=HOUR)
    assert item.state(now - datetime.timedelta(seconds=1)) == OK
    assert item.state(now) == SOON
    assert item.state(now + HOUR) == SOON  # due exactly now: not yet late
    assert item.state(now + HOUR + datetime.timedelta(seconds=1)) == OVERDUE


def test_overdue_first_then_due_soon(world):
    add_power_rooms(world)
    add_patrols(world)
    neglected_room(world.inside)
    now = timezone.now()
    # Sewers are a duty of every project (4.7): their items are left out here.
    items = [i for i in due_items(world.inside.project, now) if i.kind in ("配电室", "巡更路线")]
    states = {i.asset: i.state(now) for i in items}
    assert states == {"全区夜巡": OVERDUE, "2号配电室": OVERDUE, "1号配电室": SOON}
    # Overdue first, the longest overdue (the route that never had a complete round) at the top.
    assert [i.asset for i in items] == ["全区夜巡", "2号配电室", "1号配电室"]
    # The room last inspected an hour ago is due at that round + 1 h 15 min.
    room = next(i for i in items if i.asset == "1号配电室")
    assert room.due == world.inside.powerround.occurred_at + datetime.timedelta(hours=1, minutes=15)
    assert {i.clause for i in items} == {"4.1", "4.8"}


def test_the_page_lists_and_filters_them_for_whoever_sees_the_project(client, world):
    add_power_rooms(world)
    neglected_room(world.inside)
    url = reverse("safety-overview", args=[world.inside.project.pk])
    client.force_login(world.users["owner"])
    body = client.get(url).content.decode()
    assert body.index("2号配电室") < body.index("1号配电室")
    assert 'data-state="overdue"' in body
    assert reverse("power-round-create", args=[world.inside.powerroom.pk]) not in body  # an owner only reads
    only_overdue = client.get(url, {"state": "overdue"}).content.decode()
    assert "2号配电室" in only_overdue and "1号配电室" not in only_overdue.split("<tbody>")[1]
    client.force_login(world.users["staff"])
    assert reverse("power-round-create", args=[world.inside.powerroom.pk]) in client.get(url).content.decode()


def test_another_worlds_project_is_404(client, world):
    client.force_login(world.users["manager"])
    assert client.get(reverse("safety-overview", args=[world.outside.project.pk])).status_code == 404


def test_the_number_of_queries_does_not_grow_with_assets(client, world, django_assert_max_num_queries):
    add_power_rooms(world)
    add_patrols(world)
    client.force_login(world.users["manager"])
    url = reverse("safety-overview", args=[world.inside.project.pk])
    client.get(url)
    with django_assert_max_num_queries(90) as few:
        client.get(url)
    for n in range(5):
        neglected_room(world.inside, name=f"{n + 3}号配电室")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "7号配电室" in client.get(url).content.decode()


def test_the_filtered_overview_exports_to_excel(client, world):
    import io

    from openpyxl import load_workbook

    add_power_rooms(world)
    neglected_room(world.inside)
    client.force_login(world.users["committee"])
    url = reverse("safety-overview", args=[world.inside.project.pk])
    response = client.get(url, {"state": "overdue", "clause": "4.8", "export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("状态", "条款", "类别", "设备/对象", "义务")
    assert [row[3] for row in rows[1:]] == ["2号配电室"]
    assert rows[1][0] == "已逾期" and rows[1][5] is None  # never inspected
    assert isinstance(rows[1][6], datetime.datetime)
    client.force_login(world.users["manager"])
    assert (
        client.get(
            reverse("safety-overview", args=[world.outside.project.pk]), {"export": "xlsx"}
        ).status_code
        == 404
    )
