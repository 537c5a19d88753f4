"""The Excel pages of clause 4.2: templates downloaded, filled and uploaded; the errors table; who may
import (refusals write nothing); the register list exported with its filters; a project's inspections
and maintenance visits exported between two dates; the links on the project's and the list's pages."""

import datetime
import io
import re
from urllib.parse import unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from wuye.safety.models import Elevator, ElevatorInspection, MaintenanceVisit
from wuye.safety.tests.excel import fill, local, xlsx
from wuye.safety.tests.excel_elevators import (
    ELEVATOR_HEADERS,
    INSPECTION_HEADERS,
    VISIT_HEADERS,
    elevator_rows,
)
from wuye.safety.tests.world import add_elevators
from wuye.testing.expectations import can_read, can_write
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db
RECORDERS = {"inside": {"manager", "staff", "admin"}, "outside": {"admin"}}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LIST = reverse("elevator-list")


@pytest.fixture
def elevator_world(world, settings, tmp_path):
    """Each side: ``elevator`` "1号楼1号梯" (梯11蒙B00001(25) inside, 梯11蒙A00001(25) outside), in service
    30 days, with an inspection, a maintenance visit two days ago, a breakdown and a label photo."""
    settings.MEDIA_ROOT = tmp_path
    return add_elevators(world)


def upload(client, name, project, data, filename="导入.xlsx"):
    file = io.BytesIO(data)
    file.name = filename
    return client.post(reverse(name, args=[project.pk]), {"file": file})


def workbook(response):
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    return load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )


def rows_of(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def visit_rows(side, count=3, *, start=None):
    start = start or timezone.now() - datetime.timedelta(hours=count + 1)
    return [
        [
            side.elevator.registration_code,
            local(start + datetime.timedelta(hours=n)),
            "半月维保",
            "王师傅",
            "T150203198001010022",
            "机房、轿厢、层门",
            None,
        ]
        for n in range(count)
    ]


def inspection_row(side, day=None):
    day = day or timezone.localdate() - datetime.timedelta(days=1)
    return [
        side.elevator.registration_code,
        day,
        "包头市特种设备检验所",
        "合格",
        day + datetime.timedelta(days=360),
    ]


# -- templates and uploads -----------------------------------------------------------------------


def test_a_maintenance_template_downloaded_filled_and_uploaded_lands_its_rows(client, elevator_world):
    side = elevator_world.inside
    client.force_login(elevator_world.users["staff"])
    response = client.get(reverse("elevator-maintenance-import-template", args=[side.project.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    book = workbook(response)
    sheet = book.worksheets[0]
    assert [cell.value for cell in sheet[1]] == VISIT_HEADERS
    lists = {str(v.sqref).split(":")[0]: v.formula1 for v in sheet.data_validations.dataValidation}
    assert lists == {
        "A2": '"梯11蒙B00001(25)"',  # the project's elevators, by code: never the other project's
        "C2": '"半月维保,季度维保,半年维保,年度维保"',
    }
    explained = " ".join(str(c) for row in book["说明"].iter_rows(values_only=True) for c in row if c)
    assert "维保单照片不能通过 Excel 导入" in explained
    buffer = io.BytesIO()
    book.save(buffer)
    response = upload(
        client, "elevator-maintenance-import", side.project, fill(buffer.getvalue(), visit_rows(side))
    )
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "导入成功：已写入 3 行（电梯维保记录）。" in page
    assert side.project.get_absolute_url() + "#elevators" in page
    imported = MaintenanceVisit.objects.filter(channel="import")
    assert imported.count() == 3 and {r.recorded_by for r in imported} == {elevator_world.users["staff"]}
    assert {r.backfilled for r in imported} == {False}


def test_an_inspection_template_says_reports_come_on_the_elevators_page(client, elevator_world):
    side = elevator_world.inside
    client.force_login(elevator_world.users["manager"])
    book = workbook(client.get(reverse("elevator-inspection-import-template", args=[side.project.pk])))
    sheet = book.worksheets[0]
    assert [cell.value for cell in sheet[1]] == INSPECTION_HEADERS
    report = sheet.cell(1, INSPECTION_HEADERS.index("检验报告编号") + 1)
    assert "检验报告文件（PDF 或照片）不能通过 Excel 导入" in report.comment.text
    lists = {str(v.sqref).split(":")[0]: v.formula1 for v in sheet.data_validations.dataValidation}
    assert lists["D2"] == '"合格,整改后复检合格,不合格"'
    buffer = io.BytesIO()
    book.save(buffer)
    data = fill(buffer.getvalue(), [inspection_row(side)])
    assert upload(client, "elevator-inspection-import", side.project, data).status_code == 302
    inspection = ElevatorInspection.objects.get(channel="import")
    assert (inspection.elevator, inspection.result, inspection.attachment.name) == (side.elevator, "pass", "")
    page = client.get(reverse("elevator-inspection-import", args=[side.project.pk])).content.decode()
    assert "不能通过 Excel 导入" in page  # the page's column table says it too


def test_a_register_template_round_trip_registers_the_elevators(client, elevator_world):
    side = elevator_world.inside
    client.force_login(elevator_world.users["manager"])
    book = workbook(client.get(reverse("elevator-import-template", args=[side.project.pk])))
    assert [cell.value for cell in book.worksheets[0][1]] == ELEVATOR_HEADERS
    lists = {
        str(v.sqref).split(":")[0]: v.formula1 for v in book.worksheets[0].data_validations.dataValidation
    }
    assert lists["B2"] == '"1号楼"' and lists["P2"] == '"是,否"'
    assert lists["E2"].startswith('"曳引式乘客电梯,曳引式载货电梯,')
    buffer = io.BytesIO()
    book.save(buffer)
    data = fill(buffer.getvalue(), elevator_rows(2, start=7))
    assert upload(client, "elevator-import", side.project, data).status_code == 302
    assert set(Elevator.objects.filter(project=side.project).values_list("name", "building")) == {
        ("1号楼1号梯", side.building.pk),
        ("7号梯", side.building.pk),
        ("8号梯", side.building.pk),
    }


def test_a_file_with_bad_rows_shows_every_problem_and_writes_nothing(client, elevator_world):
    side = elevator_world.inside
    client.force_login(elevator_world.users["staff"])
    rows = visit_rows(side, 4)
    rows[1][1] = local(timezone.now() + datetime.timedelta(days=1))
    rows[3][0] = elevator_world.outside.elevator.registration_code
    before = MaintenanceVisit.objects.count()
    response = upload(client, "elevator-maintenance-import", side.project, xlsx(VISIT_HEADERS, rows))
    page = response.content.decode()
    assert response.status_code == 200
    assert "未导入任何数据：发现 2 个问题" in page
    assert '<td class="text-nowrap">第 3 行</td>' in page and "晚于当前时间。" in page
    assert "本项目没有登记编号为“梯11蒙A00001(25)”的电梯。" in page
    assert MaintenanceVisit.objects.count() == before


def test_an_inspection_day_after_today_is_named_as_the_issue_says(client, elevator_world):
    side = elevator_world.inside
    client.force_login(elevator_world.users["staff"])
    rows = [inspection_row(side)] * 10 + [
        inspection_row(side, timezone.localdate() + datetime.timedelta(days=1))
    ]
    response = upload(client, "elevator-inspection-import", side.project, xlsx(INSPECTION_HEADERS[:5], rows))
    page = response.content.decode()
    assert re.search(r'第 12 行</td>\s*<td class="text-nowrap">检验日期</td><td>晚于今天。</td>', page)
    assert ElevatorInspection.objects.filter(channel="import").count() == 0


# -- who may import ------------------------------------------------------------------------------


def import_answers(client, world, role, side) -> dict:
    where = getattr(world, side)
    counts = MaintenanceVisit.objects.count(), ElevatorInspection.objects.count()
    visits = upload(
        client, "elevator-maintenance-import", where.project, xlsx(VISIT_HEADERS, visit_rows(where))
    )
    inspections = upload(
        client,
        "elevator-inspection-import",
        where.project,
        xlsx(INSPECTION_HEADERS[:5], [inspection_row(where)]),
    )
    register = upload(
        client,
        "elevator-import",
        where.project,
        xlsx(["*名称", "*制造单位", "*投用日期"], [[f"{role}的电梯", "通力", "2024-01-01"]]),
    )
    return {
        "visits": (visits.status_code, MaintenanceVisit.objects.count() - counts[0]),
        "inspections": (inspections.status_code, ElevatorInspection.objects.count() - counts[1]),
        "register": (register.status_code, Elevator.objects.filter(name=f"{role}的电梯").count()),
    }


@pytest.mark.parametrize("side", ["inside", "outside"])
def test_imports_answer_as_the_one_record_pages_and_refusals_write_nothing(client, elevator_world, side):
    # Records: who records the project's duties; the register: who may add an elevator to the project.
    wrong = []
    for role in ROLES:
        client.force_login(elevator_world.users[role])
        refused = 403 if can_read(role, "project", side) else 404
        records = (302, None) if role in RECORDERS[side] else (refused, 0)
        want = {
            "visits": (302, 3) if records[0] == 302 else records,
            "inspections": (302, 1) if records[0] == 302 else records,
            "register": (302, 1) if can_write(role, "project", side) else (refused, 0),
        }
        got = import_answers(client, elevator_world, role, side)
        if got != want:
            wrong.append(f"{role}: {got} (want {want})")
    assert not wrong, wrong


# -- exports -------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_the_register_exports_exactly_the_elevators_the_role_sees(client, elevator_world, role):
    client.force_login(elevator_world.users[role])
    sheet = workbook(client.get(LIST, {"export": "xlsx"})).worksheets[0]
    header, *rows = rows_of(sheet)
    assert header[:2] == ["项目", "名称"]
    shown = {row[header.index("使用登记证编号或设备代码")] for row in rows}
    want = {
        getattr(elevator_world, side).elevator.registration_code
        for side in ("inside", "outside")
        if can_read(role, "project", side)
    }
    assert shown == want


def test_the_register_export_takes_the_lists_filters(client, elevator_world):
    side = elevator_world.inside
    Elevator.objects.create(
        project=side.project,
        name="地库货梯",
        kind="freight",
        maker="日立电梯（中国）有限公司",
        in_service_from=datetime.date(2020, 1, 1),
    )
    client.force_login(elevator_world.users["regulator"])
    sheet = workbook(client.get(LIST, {"export": "xlsx", "kind": "freight"})).worksheets[0]
    header, *rows = rows_of(sheet)
    assert [row[:2] for row in rows] == [["包头花园", "地库货梯"]]
    record = dict(zip(header, rows[0], strict=True))
    assert (record["类型"], record["使用登记证编号或设备代码"], record["投用日期"], record["在用"]) == (
        "曳引式载货电梯",
        None,
        datetime.datetime(2020, 1, 1),
        "是",
    )
    assert record["检验合格证有效期至"] is None
    # No code: the list's "problem" filter, and the search, narrow the export alike.
    sheet = workbook(client.get(LIST, {"export": "xlsx", "status": "unregistered"})).worksheets[0]
    assert [row[1] for row in rows_of(sheet)[1:]] == ["地库货梯"]
    sheet = workbook(client.get(LIST, {"export": "xlsx", "q": "梯11蒙A"})).worksheets[0]
    assert [row[0] for row in rows_of(sheet)[1:]] == ["呼市花园"]
    # A project's register exports its own elevators, without the project column, with their state.
    url = reverse("project-elevators", args=[side.project.pk])
    header, *rows = rows_of(workbook(client.get(url, {"export": "xlsx", "o": "-name"})).worksheets[0])
    assert header[0] == "名称" and [row[0] for row in rows] == ["地库货梯", "1号楼1号梯"]
    first = dict(zip(header, rows[1], strict=True))
    assert (first["楼栋"], first["最近检验结论"]) == ("1号楼", "合格")
    assert first["检验合格证有效期至"] == datetime.datetime.combine(
        side.elevatorinspection.valid_until, datetime.time()
    )
    assert abs(first["最近维保"] - local(side.maintenancevisit.occurred_at)) < datetime.timedelta(seconds=1)


def test_the_register_export_reads_the_same_queries_for_two_elevators_as_for_twenty(
    client, elevator_world, django_assert_num_queries
):
    client.force_login(elevator_world.users["manager"])
    client.get(LIST)  # the session and the user's scope, once
    # The session and user, the user's scope, the elevators with their project, building and state.
    with django_assert_num_queries(4):
        assert workbook(client.get(LIST, {"export": "xlsx"})).worksheets[0].max_row == 2
    for n in range(2, 20):
        Elevator.objects.create(
            project=elevator_world.inside.project,
            building=elevator_world.inside.building,
            name=f"{n}号梯",
            maker="通力",
            in_service_from=datetime.date(2024, 1, 1),
        )
    with django_assert_num_queries(4):
        assert workbook(client.get(LIST, {"export": "xlsx"})).worksheets[0].max_row == 20


def add_visits(world, count, start):
    from wuye.core.spreadsheets import ImportContext, run_import
    from wuye.safety.imports_elevators import MaintenanceVisitImport

    run_import(
        MaintenanceVisitImport(),
        xlsx(VISIT_HEADERS, visit_rows(world.inside, count, start=start)),
        ImportContext(world.users["staff"], world.inside.project),
    )


def test_the_maintenance_export_takes_the_dates_asked_and_types_its_cells(client, elevator_world):
    today = timezone.localdate()
    start = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=6), datetime.time(0, 30))
    )
    add_visits(elevator_world, 48, start)  # six days ago and the day after, hourly
    client.force_login(elevator_world.users["committee"])  # reads the evidence, records none
    day = today - datetime.timedelta(days=6)
    url = reverse("elevator-maintenance-export", args=[elevator_world.inside.project.pk])
    response = client.get(url, {"start": day, "end": day})
    assert f"包头花园电梯维保记录（{day}至{day}）" in unquote(response["Content-Disposition"])
    header, *rows = rows_of(workbook(response).worksheets[0])
    assert header == [
        "电梯登记编号",
        "电梯名称",
        "维保时间",
        "维保类别",
        "维保人员",
        "作业人员证书编号",
        "保养项目",
        "发现的问题",
        "登记时间",
        "登记途径",
        "补录",
        "登记人",
    ]
    assert len(rows) == 24
    first = dict(zip(header, rows[0], strict=True))
    assert (
        first["电梯登记编号"],
        first["电梯名称"],
        first["维保类别"],
        first["登记途径"],
        first["补录"],
    ) == (
        "梯11蒙B00001(25)",
        "1号楼1号梯",
        "半月维保",
        "导入",
        "否",  # six days old: within the 7-day limit
    )
    assert first["维保时间"] == datetime.datetime.combine(day, datetime.time(0, 30))
    everything = workbook(client.get(url)).worksheets[0]
    assert everything.max_row == 1 + 48 + 1  # and the world's visit, two days ago
    # One elevator's (its page links it): the other project's elevator is not found here.
    mine = client.get(url, {"elevator": elevator_world.inside.elevator.pk})
    assert workbook(mine).worksheets[0].max_row == 50
    theirs = client.get(url, {"elevator": elevator_world.outside.elevator.pk})
    assert workbook(theirs).worksheets[0].max_row == 1


def test_the_inspection_export_dates_each_inspection_by_its_day(client, elevator_world):
    side = elevator_world.inside
    client.force_login(elevator_world.users["owner"])
    url = reverse("elevator-inspection-export", args=[side.project.pk])
    header, *rows = rows_of(workbook(client.get(url)).worksheets[0])
    record = dict(zip(header, rows[0], strict=True))
    began = timezone.localdate() - datetime.timedelta(days=30)
    assert (record["电梯登记编号"], record["检验日期"], record["检验结论"], record["下次检验日期"]) == (
        "梯11蒙B00001(25)",
        datetime.datetime.combine(began, datetime.time()),
        "合格",
        datetime.datetime.combine(began + datetime.timedelta(days=365), datetime.time()),
    )
    assert (record["有报告文件"], record["登记途径"]) == ("否", "网页")
    assert len(rows) == 1
    assert client.get(url, {"end": "2026-02-30"}).status_code == 400


def test_a_records_export_reads_the_same_queries_for_ten_rows_as_for_a_hundred(
    client, elevator_world, django_assert_num_queries
):
    client.force_login(elevator_world.users["manager"])
    url = reverse("elevator-maintenance-export", args=[elevator_world.inside.project.pk])
    client.get(url)
    # The session and user, the user's scope, the project, the visits with their elevator and recorder.
    with django_assert_num_queries(5):
        assert workbook(client.get(url)).worksheets[0].max_row == 2
    add_visits(elevator_world, 100, timezone.now() - datetime.timedelta(hours=110))
    with django_assert_num_queries(5):
        assert workbook(client.get(url)).worksheets[0].max_row == 102


def test_the_register_import_answers_in_the_same_queries_for_five_rows_as_for_a_hundred(
    client, elevator_world
):
    side = elevator_world.inside
    client.force_login(elevator_world.users["manager"])

    def queries(rows):
        with CaptureQueriesContext(connection) as captured:
            assert (
                upload(client, "elevator-import", side.project, xlsx(ELEVATOR_HEADERS, rows)).status_code
                == 302
            )
        return len([q for q in captured if q["sql"].startswith("SELECT")])

    assert queries(elevator_rows(5, start=10)) == queries(elevator_rows(100, start=20))


# -- links ---------------------------------------------------------------------------------------


def test_the_project_page_links_imports_for_who_may_import_and_exports_for_who_reads(client, elevator_world):
    project = elevator_world.inside.project
    links = {
        name: reverse(name, args=[project.pk]) for name in ("elevator-import", "elevator-maintenance-import")
    }
    links["elevator-inspection-import"] = reverse("elevator-inspection-import", args=[project.pk])
    links["register-export"] = reverse("project-elevators", args=[project.pk]) + "?export=xlsx"
    links["maintenance-export"] = reverse("elevator-maintenance-export", args=[project.pk])
    links["inspection-export"] = reverse("elevator-inspection-export", args=[project.pk])
    expected = {
        "manager": set(links),
        "staff": set(links) - {"elevator-import"},  # records duties, keeps no register
        "committee": {"register-export", "maintenance-export", "inspection-export"},
    }
    for role, want in expected.items():
        client.force_login(elevator_world.users[role])
        page = client.get(project.get_absolute_url()).content.decode()
        assert {name for name, url in links.items() if url in page} == want, role
        listing = client.get(reverse("project-elevators", args=[project.pk])).content.decode()
        imports = {name for name in links if name.endswith("-import") and links[name] in listing}
        assert imports == {name for name in want if name.endswith("-import")}, role
        assert "export=xlsx" in listing


def test_an_elevators_page_exports_its_own_records(client, elevator_world):
    elevator = elevator_world.inside.elevator
    client.force_login(elevator_world.users["committee"])
    page = client.get(elevator.get_absolute_url()).content.decode()
    for name in ("elevator-maintenance-export", "elevator-inspection-export"):
        assert f"{reverse(name, args=[elevator.project_id])}?elevator={elevator.pk}" in page
