"""The Excel pages of clauses 4.3 and 4.6: templates downloaded, filled and uploaded; who may import (refusals
write nothing, out of scope is 404); the registers exported with their filters; a project's water tests
exported between two days; what an export costs in queries."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl import load_workbook

from wuye.core.dates import add_months
from wuye.safety.models import Defect, FireEquipment, FireEquipmentCheck, WaterTank, WaterTest
from wuye.safety.tests.excel import fill, local, xlsx
from wuye.safety.tests.excel_fire_water import CHECK_HEADERS, TEST_HEADERS, check_rows, lab_rows
from wuye.safety.tests.world import add_fire, add_water
from wuye.testing.expectations import can_read, can_write
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db
RECORDERS = {"inside": {"manager", "staff", "admin"}, "outside": {"admin"}}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def fw_world(world, settings, tmp_path):
    """Each side with the fire registers and records of safety/tests/world.py and a tank with a test."""
    settings.MEDIA_ROOT = tmp_path
    return add_water(add_fire(world))


def upload(client, name, project, data):
    file = io.BytesIO(data)
    file.name = "导入.xlsx"
    return client.post(reverse(name, args=[project.pk]), {"file": file})


def workbook(response):
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    return load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )


def saved(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def lists(sheet) -> dict:
    """{first cell of a drop-down's range: its list} of a template's first sheet."""
    return {
        str(v.sqref).split(":")[0]: v.formula1
        for v in sheet.data_validations.dataValidation
        if v.type == "list"
    }


def hours_ago(hours):
    return timezone.now() - datetime.timedelta(hours=hours)


# -- templates, filled and uploaded ----------------------------------------------------------------


def test_a_check_template_lists_the_projects_equipment_and_results_and_lands_a_fault_as_a_defect(
    client, fw_world
):
    side = fw_world.inside
    client.force_login(fw_world.users["staff"])
    response = client.get(reverse("fire-check-import-template", args=[side.project.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    book = workbook(response)
    sheet = book.worksheets[0]
    assert (
        [cell.value for cell in sheet[1]]
        == CHECK_HEADERS
        == ["*消防设施", "*检查时间", "*检查结果", "发现的问题", "*检查人"]
    )
    assert lists(sheet) == {
        "A2": '"1号楼灭火器箱（包头）,火灾自动报警系统（包头）"',  # the project's equipment, by name
        "C2": '"正常,故障"',
    }
    rows = check_rows([side.fireequipment, side.firesystem], hours_ago(5), 2, faulty_every=2)
    response = upload(client, "fire-check-import", side.project, fill(saved(book), rows))
    assert response.status_code == 302 and response.url == reverse(
        "fire-check-import", args=[side.project.pk]
    )
    assert "导入成功：已写入 2 行（消防设施月检记录）。" in client.get(response.url).content.decode()
    imported = FireEquipmentCheck.objects.filter(channel="import")
    assert [check.result for check in imported.order_by("occurred_at")] == ["ok", "faulty"]
    fault = imported.get(result="faulty")
    assert (
        Defect.objects.get(source=f"safety.fireequipmentcheck:{fault.pk}").check_id
        == "4.3.equipment_repaired"
    )


def test_an_equipment_template_offers_the_kinds_and_types_and_registers_what_is_filled_in(client, fw_world):
    side = fw_world.inside
    client.force_login(fw_world.users["manager"])
    sheet_book = workbook(client.get(reverse("fire-equipment-import-template", args=[side.project.pk])))
    assert lists(sheet_book.worksheets[0]) == {
        "B2": '"灭火器,消火栓,火灾自动报警系统,自动喷水灭火系统,防排烟系统,应急照明和疏散指示,防火门,消防控制室"',
        "D2": '"水基型,干粉,洁净气体,二氧化碳"',
        "H2": '"是,否"',
    }
    rows = [
        [
            "2号楼灭火器箱",
            "灭火器",
            "2号楼1层",
            "二氧化碳",
            datetime.date(2023, 1, 1),
            4,
            datetime.date(2023, 2, 1),
            "是",
        ],
        ["地下车库防火门", "防火门", None, None, None, None, datetime.date(2023, 2, 1), None],
    ]
    assert (
        upload(client, "fire-equipment-import", side.project, fill(saved(sheet_book), rows)).status_code
        == 302
    )
    items = FireEquipment.objects.filter(project=side.project, name__in=["2号楼灭火器箱", "地下车库防火门"])
    assert sorted(items.values_list("kind", "extinguisher_type", "quantity")) == [
        ("extinguisher", "co2", 4),
        ("fire_door", "", 1),
    ]


def test_a_test_template_offers_the_tanks_and_the_page_s_words_and_lands_the_tests(client, fw_world):
    side = fw_world.inside
    client.force_login(fw_world.users["staff"])
    book = workbook(client.get(reverse("water-test-import-template", args=[side.project.pk])))
    sheet = book.worksheets[0]
    assert [cell.value for cell in sheet[1]] == TEST_HEADERS
    assert lists(sheet) == {"A2": '"包头高区水箱"', "I2": '"无,有"', "K2": '"未检出,检出"'}
    before = WaterTest.objects.count()
    response = upload(
        client,
        "water-test-import",
        side.project,
        fill(saved(book), lab_rows([side.watertank], hours_ago(30), 3)),
    )
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert (
        "导入成功：已写入 3 行（水质检测记录）。" in page
        and reverse("project-water", args=[side.project.pk]) in page
    )
    assert WaterTest.objects.count() - before == 3
    assert set(WaterTest.objects.filter(channel="import").values_list("tank", "backfilled")) == {
        (side.watertank.pk, False)
    }


def test_a_tank_template_round_trip_registers_the_tanks(client, fw_world):
    side = fw_world.inside
    client.force_login(fw_world.users["manager"])
    book = workbook(client.get(reverse("water-tank-import-template", args=[side.project.pk])))
    assert lists(book.worksheets[0]) == {"B2": '"屋顶水箱,地下水池,泵房水箱"', "G2": '"是,否"'}
    rows = [["地下生活水池", "地下水池", "地下车库", 120.5, "全部住宅", datetime.date(2019, 9, 1), "是"]]
    assert upload(client, "water-tank-import", side.project, fill(saved(book), rows)).status_code == 302
    tank = WaterTank.objects.get(project=side.project, name="地下生活水池")
    assert (tank.kind, str(tank.capacity), tank.serves) == ("underground", "120.5", "全部住宅")


def test_a_bad_row_is_shown_with_its_row_column_and_reason_and_nothing_is_written(client, fw_world):
    side = fw_world.inside
    client.force_login(fw_world.users["staff"])
    rows = lab_rows([side.watertank], hours_ago(30), 12)
    rows[10][9] = 15  # pH, Excel row 12
    before = WaterTest.objects.count()
    response = upload(client, "water-test-import", side.project, xlsx(TEST_HEADERS, rows))
    page = response.content.decode()
    assert response.status_code == 200 and "未导入任何数据：发现 1 个问题" in page
    assert '<td class="text-nowrap">第 12 行</td>' in page and "<td>不能大于14。</td>" in page
    assert WaterTest.objects.count() == before


# -- who may import --------------------------------------------------------------------------------


def answers(client, world, side) -> dict:
    """What each import answers for the logged-in user on ``side``, and how many rows it wrote."""
    where = getattr(world, side)
    label = where.project.name
    counts = {
        "fire-equipment-import": lambda: FireEquipment.objects.filter(name__startswith=f"{label}新").count(),
        "water-tank-import": lambda: WaterTank.objects.filter(name__startswith=f"{label}新").count(),
        "fire-check-import": FireEquipmentCheck.objects.count,
        "water-test-import": WaterTest.objects.count,
    }
    files = {
        "fire-equipment-import": xlsx(
            ["*名称", "*类别", "*投用日期"], [[f"{label}新消火栓", "消火栓", "2024-01-01"]]
        ),
        "water-tank-import": xlsx(
            ["*名称", "*类型", "*容积（m³）", "*投用日期"], [[f"{label}新水箱", "屋顶水箱", 10, "2024-01-01"]]
        ),
        "fire-check-import": xlsx(CHECK_HEADERS, check_rows([where.fireequipment], hours_ago(6), 2)),
        "water-test-import": xlsx(TEST_HEADERS, lab_rows([where.watertank], hours_ago(6), 2)),
    }
    out = {}
    for name, data in files.items():
        before = counts[name]()
        status = upload(client, name, where.project, data).status_code
        out[name] = (status, counts[name]() - before)
        if status == 302:  # leave the next role a clean slate: the same names again would be duplicates
            FireEquipment.objects.filter(name__startswith=f"{label}新").delete()
            WaterTank.objects.filter(name__startswith=f"{label}新").delete()
    return out


@pytest.mark.parametrize("side", ["inside", "outside"])
def test_imports_answer_as_the_one_record_pages_and_refusals_write_nothing(client, fw_world, side):
    # Registers: who may add equipment or a tank to the project (its writers); records: who records its duties.
    wrong = []
    for role in ROLES:
        client.force_login(fw_world.users[role])
        denied = (403 if can_read(role, "project", side) else 404, 0)
        adds = (302, 1) if can_write(role, "project", side) else denied
        records = (302, 2) if role in RECORDERS[side] else denied
        want = {
            "fire-equipment-import": adds,
            "water-tank-import": adds,
            "fire-check-import": records,
            "water-test-import": records,
        }
        got = answers(client, fw_world, side)
        if got != want:
            wrong.append(f"{role}: {got} (want {want})")
    assert not wrong, wrong


def test_the_project_pages_link_imports_for_who_may_import_and_exports_for_who_reads(client, fw_world):
    project = fw_world.inside.project
    fire = {name: reverse(name, args=[project.pk]) for name in ("fire-equipment-import", "fire-check-import")}
    water = {
        name: reverse(name, args=[project.pk])
        for name in ("water-tank-import", "water-test-import", "water-test-export")
    }
    exports = {
        "fire-equipment-list": f"{reverse('fire-equipment-list')}?project={project.pk}&amp;export=xlsx",
        "water-tank-list": f"{reverse('water-tank-list')}?project={project.pk}&amp;export=xlsx",
    }

    def shown(user):
        client.force_login(fw_world.users[user])
        page = client.get(project.get_absolute_url()).content.decode()
        water_page = client.get(reverse("project-water", args=[project.pk])).content.decode()
        return (
            {name for name, url in fire.items() if url in page}
            | {name for name, url in water.items() if url in water_page}
            | {name for name, url in exports.items() if url in page + water_page}
        )

    assert shown("manager") == set(fire) | set(water) | set(exports)
    assert shown("staff") == {"fire-check-import", "water-test-import", "water-test-export", *exports}
    assert shown("committee") == {"water-test-export", *exports}


# -- exports ---------------------------------------------------------------------------------------


def rows_of(sheet) -> list[dict]:
    header = [cell.value for cell in sheet[1]]
    return [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_the_equipment_list_exports_what_its_filters_show(client, fw_world):
    client.force_login(fw_world.users["regulator"])  # sees both sides
    url = reverse("fire-equipment-list")
    everything = rows_of(workbook(client.get(url, {"export": "xlsx"})).worksheets[0])
    assert len(everything) == 4
    extinguishers = rows_of(
        workbook(client.get(url, {"export": "xlsx", "kind": "extinguisher"})).worksheets[0]
    )
    assert [row["名称"] for row in extinguishers] == ["1号楼灭火器箱（包头）", "1号楼灭火器箱（呼市）"]
    item = fw_world.inside.fireequipment
    first = extinguishers[0]
    assert (first["项目"], first["类别"], first["灭火器类型"], first["数量"], first["在用"]) == (
        "包头花园",
        "灭火器",
        "干粉",
        2,
        "是",
    )
    assert first["出厂日期"].date() == item.production_date
    assert first["报废日期"].date() == add_months(item.production_date, 12 * 10)  # dry powder: 10 years
    checked = local(fw_world.inside.fireequipmentcheck.occurred_at)
    assert abs(first["最近月检"] - checked) < datetime.timedelta(seconds=1)  # Excel keeps milliseconds
    assert first["最近月检结果"] == "正常"
    one = rows_of(
        workbook(client.get(url, {"export": "xlsx", "project": fw_world.outside.project.pk})).worksheets[0]
    )
    assert {row["项目"] for row in one} == {"呼市花园"}
    client.force_login(fw_world.users["manager"])  # the inside side only
    assert {row["项目"] for row in rows_of(workbook(client.get(url, {"export": "xlsx"})).worksheets[0])} == {
        "包头花园"
    }


@pytest.mark.parametrize(
    "name, query, header, expected",
    [
        ("fire-passage-list", {"q": "东侧"}, "最近检查结果", ["占用", "占用"]),
        ("lightning-list", {"project": "inside"}, "最近检测结论", ["合格"]),
        ("flood-list", {"active": "true"}, "最近检查结论", ["合格", "合格"]),
        ("water-tank-list", {"q": "包头"}, "名称", ["包头高区水箱"]),
    ],
)
def test_the_other_registers_export_with_their_filters(client, fw_world, name, query, header, expected):
    client.force_login(fw_world.users["regulator"])
    query = {k: fw_world.inside.project.pk if v == "inside" else v for k, v in query.items()}
    exported = rows_of(workbook(client.get(reverse(name), {**query, "export": "xlsx"})).worksheets[0])
    assert [row[header] for row in exported] == expected


def test_a_register_export_takes_the_same_queries_for_3_items_as_for_40(
    client, fw_world, django_assert_num_queries
):
    client.force_login(fw_world.users["manager"])
    url = reverse("fire-equipment-list")
    client.get(url, {"export": "xlsx"})  # the session and the user's scope, once
    # The session, the user, the user's scope, the equipment with its project and last check, the
    # scrapping age once per division and extinguisher type (one here).
    with django_assert_num_queries(5):
        assert len(rows_of(workbook(client.get(url, {"export": "xlsx"})).worksheets[0])) == 2
    FireEquipment.objects.bulk_create(
        FireEquipment(
            project=fw_world.inside.project,
            name=f"{n}层灭火器箱",
            kind="extinguisher",
            extinguisher_type="dry_powder",
            production_date=datetime.date(2022, 5, 1),
            in_service_from=datetime.date(2022, 6, 1),
        )
        for n in range(38)
    )
    with django_assert_num_queries(5):
        assert len(rows_of(workbook(client.get(url, {"export": "xlsx"})).worksheets[0])) == 40


def test_a_projects_water_tests_export_with_their_values_between_two_days(
    client, fw_world, django_assert_num_queries
):
    side = fw_world.inside
    staff = fw_world.users["staff"]
    client.force_login(staff)
    day = timezone.localdate() - datetime.timedelta(days=3)
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(8, 0)))
    assert (
        upload(
            client,
            "water-test-import",
            side.project,
            xlsx(TEST_HEADERS, lab_rows([side.watertank], start, 30)),
        ).status_code
        == 302
    )
    client.force_login(fw_world.users["committee"])  # reads the evidence, records none
    url = reverse("water-test-export", args=[side.project.pk])
    client.get(url)
    with django_assert_num_queries(
        5
    ):  # session and user, the scope, the project, the tests with tank and recorder
        response = client.get(url, {"start": day, "end": day})
    title = f"{side.project.name}水质检测记录（{day}至{day}）"
    filename = f"{title}-{timezone.localdate():%Y%m%d}.xlsx"
    assert response["Content-Disposition"] == content_disposition_header(True, filename)
    exported = rows_of(workbook(response).worksheets[0])
    assert len(exported) == 8  # 08:00 to 22:00, two hours apart
    first = exported[0]
    assert (
        first["水箱"],
        first["采样时间"],
        first["pH"],
        first["臭和味、肉眼可见物"],
        first["总大肠菌群"],
    ) == (
        "包头高区水箱",
        datetime.datetime.combine(day, datetime.time(8, 0)),
        7.2,
        "无",
        "未检出",
    )
    assert (first["菌落总数（CFU/mL）"], first["游离余氯（mg/L）"], first["登记途径"], first["补录"]) == (
        12,
        0.3,
        "导入",
        "否",
    )
    everything = rows_of(workbook(client.get(url)).worksheets[0])
    assert len(everything) == 30 + 1  # and the world's test, ten days ago, typed in on the page
    assert client.get(url, {"start": "2026-02-30"}).status_code == 400
    other = reverse("water-test-export", args=[fw_world.outside.project.pk])
    assert client.get(other).status_code == 404
