"""The Excel pages of clause 4.8: download a template, fill it, upload it; the errors table; exports; roles."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from wuye.safety.models import Defect, PowerRoom, PowerRound
from wuye.safety.tests.excel import ROUND_HEADERS, fill, local, round_rows, xlsx
from wuye.safety.tests.world import add_power_rooms
from wuye.testing.expectations import can_read, can_write
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db
RECORDERS = {"inside": {"manager", "staff", "admin"}, "outside": {"admin"}}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def safety_world(world):
    """Each side: ``powerroom`` "1号配电室" in service for 30 days, with a round an hour old and its defect."""
    return add_power_rooms(world)


def upload(client, name, project, data, filename="导入.xlsx"):
    file = io.BytesIO(data)
    file.name = filename
    return client.post(reverse(name, args=[project.pk]), {"file": file})


def workbook(response):
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    return load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )


def recent_rows(side, count=3):
    start = timezone.now() - datetime.timedelta(hours=count + 1)
    return round_rows([side.powerroom], start, count)


def test_a_round_template_downloaded_filled_and_uploaded_lands_its_rows(client, safety_world):
    side = safety_world.inside
    client.force_login(safety_world.users["staff"])
    response = client.get(reverse("power-round-import-template", args=[side.project.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    book = workbook(response)
    sheet = book.worksheets[0]
    assert [cell.value for cell in sheet[1]] == ROUND_HEADERS
    lists = {
        str(v.sqref).split(":")[0]: v.formula1
        for v in sheet.data_validations.dataValidation
        if v.type == "list"
    }
    assert lists == {"A2": '"1号配电室"'}  # the project's rooms to choose from
    buffer = io.BytesIO()
    book.save(buffer)
    rows = recent_rows(side)
    response = upload(client, "power-round-import", side.project, fill(buffer.getvalue(), rows))
    assert response.status_code == 302 and response.url == reverse(
        "power-round-import", args=[side.project.pk]
    )
    page = client.get(response.url).content.decode()
    assert "导入成功：已写入 3 行（配电室巡视记录）。" in page
    assert side.project.get_absolute_url() in page
    imported = PowerRound.objects.filter(channel="import")
    assert imported.count() == 3 and {r.recorded_by for r in imported} == {safety_world.users["staff"]}


def test_a_room_template_round_trip_registers_the_rooms(client, safety_world):
    side = safety_world.inside
    client.force_login(safety_world.users["manager"])
    template = client.get(reverse("power-room-import-template", args=[side.project.pk])).content
    data = fill(template, [["2号配电室", "", "1#变压器、2#变压器", datetime.date(2024, 5, 1), "否"]])
    assert upload(client, "power-room-import", side.project, data).status_code == 302
    room = PowerRoom.objects.get(project=side.project, name="2号配电室")
    assert (room.supplies, room.in_service_from, room.active) == (
        ["1#变压器", "2#变压器"],
        datetime.date(2024, 5, 1),
        False,
    )


def test_a_file_with_a_bad_row_shows_every_problem_and_writes_nothing(client, safety_world):
    side = safety_world.inside
    client.force_login(safety_world.users["staff"])
    rows = recent_rows(side, 4)
    rows[1][1] = local(timezone.now() + datetime.timedelta(days=1))
    rows[3][0] = "9号配电室"
    before = PowerRound.objects.count(), Defect.objects.count()
    response = upload(client, "power-round-import", side.project, xlsx(ROUND_HEADERS, rows))
    page = response.content.decode()
    assert response.status_code == 200
    assert "未导入任何数据：发现 2 个问题" in page
    assert '<td class="text-nowrap">第 3 行</td>' in page and "晚于当前时间。" in page
    assert "本项目没有名为“9号配电室”的配电室。" in page
    assert (PowerRound.objects.count(), Defect.objects.count()) == before


@pytest.mark.parametrize(
    "data, reason",
    [
        ("名称,日期\n1号配电室,2026-03-01\n".encode(), "不是 Excel 文件"),
        (
            xlsx(["配电室", "时间"], [["1号配电室", "2026-03-01 08:00"]]),
            "缺少必填列：巡视时间、巡视人、回路状态。",
        ),
    ],
)
def test_a_wrong_file_is_refused_whole(client, safety_world, data, reason):
    client.force_login(safety_world.users["staff"])
    before = PowerRound.objects.count()
    page = upload(client, "power-round-import", safety_world.inside.project, data).content.decode()
    assert "整个文件" in page and reason in page
    assert PowerRound.objects.count() == before


def test_the_import_page_explains_the_columns_and_links_the_template(client, safety_world):
    project = safety_world.inside.project
    client.force_login(safety_world.users["staff"])
    page = client.get(reverse("power-round-import", args=[project.pk])).content.decode()
    assert reverse("power-round-import-template", args=[project.pk]) in page
    assert "回路状态" in page and "日期和时间，如 2026-03-01 08:30" in page


# -- who may import ------------------------------------------------------------------------------


def round_import_answer(client, world, role, side) -> tuple[int, int]:
    where = getattr(world, side)
    before = PowerRound.objects.count()
    response = upload(client, "power-round-import", where.project, xlsx(ROUND_HEADERS, recent_rows(where)))
    return response.status_code, PowerRound.objects.count() - before


def room_import_answer(client, world, role, side) -> tuple[int, int]:
    where = getattr(world, side)
    data = xlsx(["*名称", "*供电回路", "*投用日期"], [[f"{role}的配电室", "1#变压器", "2024-01-01"]])
    response = upload(client, "power-room-import", where.project, data)
    return response.status_code, PowerRoom.objects.filter(name=f"{role}的配电室").count()


@pytest.mark.parametrize("side", ["inside", "outside"])
def test_imports_answer_as_the_one_record_pages_and_refusals_write_nothing(client, safety_world, side):
    # Rounds: who records the project's duties; rooms: who may add a room to the project (its writers).
    wrong = []
    for role in ROLES:
        client.force_login(safety_world.users[role])
        readable = can_read(role, "project", side)
        rounds_want = (302, 3) if role in RECORDERS[side] else (403 if readable else 404, 0)
        rooms_want = (302, 1) if can_write(role, "project", side) else (403 if readable else 404, 0)
        rounds = round_import_answer(client, safety_world, role, side)
        rooms = room_import_answer(client, safety_world, role, side)
        if (rounds, rooms) != (rounds_want, rooms_want):
            wrong.append(f"{role}: rounds {rounds} (want {rounds_want}), rooms {rooms} (want {rooms_want})")
    assert not wrong, wrong


# -- exports -------------------------------------------------------------------------------------


def add_rounds(world, count, start):
    from wuye.core.spreadsheets import ImportContext, run_import
    from wuye.safety.imports_power import PowerRoundImport

    rows = round_rows([world.inside.powerroom], start, count)
    run_import(
        PowerRoundImport(),
        xlsx(ROUND_HEADERS, rows),
        ImportContext(world.users["staff"], world.inside.project),
    )


def test_the_rounds_export_takes_the_dates_asked_and_types_its_cells(client, safety_world):
    today = timezone.localdate()
    start = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=3), datetime.time(0, 30))
    )
    add_rounds(safety_world, 48, start)  # three days ago and the day after, hourly
    client.force_login(safety_world.users["committee"])  # reads the evidence, records none
    day = today - datetime.timedelta(days=3)
    url = reverse("power-round-export", args=[safety_world.inside.project.pk])
    sheet = workbook(client.get(url, {"start": day, "end": day})).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["配电室", "巡视时间", "巡视人"] and header[-4:] == [
        "登记时间",
        "登记途径",
        "补录",
        "登记人",
    ]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert len(rows) == 24
    first = dict(zip(header, rows[0], strict=True))
    assert first["巡视时间"] == datetime.datetime.combine(day, datetime.time(0, 30))
    assert (first["配电室"], first["电压（V）"], first["电流（A）"], first["登记途径"], first["补录"]) == (
        "1号配电室",
        400,
        210.5,
        "导入",
        "是",
    )
    assert first["回路状态"] == "1#变压器：运行、2#变压器：运行、备用发电机：备用"
    assert sheet["B2"].number_format == "yyyy-mm-dd hh:mm"
    everything = workbook(client.get(url)).worksheets[0]
    assert everything.max_row == 1 + 48 + 1  # and the round of the world, an hour ago


def test_an_export_reads_the_same_queries_for_ten_rows_as_for_a_hundred(
    client, safety_world, django_assert_num_queries
):
    start = timezone.now() - datetime.timedelta(hours=110)
    add_rounds(safety_world, 100, start)
    client.force_login(safety_world.users["manager"])
    url = reverse("power-round-export", args=[safety_world.inside.project.pk])
    since = (timezone.localtime() - datetime.timedelta(hours=14)).date()
    client.get(url)  # the session and the user's scope, once
    # The session and user, the user's scope, the project, the rounds with their room and recorder.
    with django_assert_num_queries(5):
        assert workbook(client.get(url)).worksheets[0].max_row == 102
    with django_assert_num_queries(5):
        assert workbook(client.get(url, {"start": since})).worksheets[0].max_row < 40


def test_an_export_with_a_bad_filter_is_refused(client, safety_world):
    client.force_login(safety_world.users["manager"])
    url = reverse("power-round-export", args=[safety_world.inside.project.pk])
    assert client.get(url, {"start": "2026-02-30"}).status_code == 400


def test_the_rooms_export_lists_the_projects_rooms(client, safety_world):
    client.force_login(safety_world.users["owner"])
    sheet = workbook(
        client.get(reverse("power-room-export", args=[safety_world.inside.project.pk]))
    ).worksheets[0]
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["名称", "位置", "供电回路", "投用日期", "在用"],
        [
            "1号配电室",
            "2号楼地下一层",
            "1#变压器、2#变压器、备用发电机",
            datetime.datetime.combine(timezone.localdate() - datetime.timedelta(days=30), datetime.time()),
            "是",
        ],
    ]


def test_the_project_list_exports_to_excel_with_its_filters(client, safety_world):
    client.force_login(safety_world.users["regulator"])
    sheet = workbook(client.get(reverse("project-list"), {"export": "xlsx", "q": "包头"})).worksheets[0]
    assert [row[0].value for row in sheet.iter_rows()] == ["项目名称", "包头花园"]
    sheet = workbook(client.get(reverse("enterprise-list"), {"export": "xlsx"})).worksheets[0]
    assert sorted(row[0].value for row in sheet.iter_rows(min_row=2)) == [
        "包头物业服务有限公司",
        "呼市物业服务有限公司",
    ]


def test_the_project_page_links_imports_for_who_may_import_and_exports_for_who_reads(client, safety_world):
    project = safety_world.inside.project
    links = {
        name: reverse(name, args=[project.pk])
        for name in ("power-room-import", "power-round-import", "power-room-export", "power-round-export")
    }
    client.force_login(safety_world.users["manager"])
    page = client.get(project.get_absolute_url()).content.decode()
    assert all(url in page for url in links.values())
    client.force_login(safety_world.users["committee"])
    page = client.get(project.get_absolute_url()).content.decode()
    shown = {name for name, url in links.items() if url in page}
    assert shown == {"power-room-export", "power-round-export"}


def test_a_rooms_page_exports_its_own_rounds(client, safety_world):
    side = safety_world.inside
    other = PowerRoom.objects.create(
        project=side.project,
        name="2号配电室",
        supplies=["1#变压器"],
        in_service_from=datetime.date(2024, 1, 1),
    )
    add_rounds(safety_world, 2, timezone.now() - datetime.timedelta(hours=4))
    client.force_login(safety_world.users["staff"])
    url = reverse("power-round-export", args=[side.project.pk]) + f"?power_room={side.powerroom.pk}"
    assert url.replace("&", "&amp;") in client.get(side.powerroom.get_absolute_url()).content.decode()
    rows = list(workbook(client.get(url)).worksheets[0].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 3 and {row[0] for row in rows} == {"1号配电室"}
    other_url = reverse("power-round-export", args=[side.project.pk]) + f"?power_room={other.pk}"
    assert workbook(client.get(other_url)).worksheets[0].max_row == 1
