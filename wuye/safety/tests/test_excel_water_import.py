"""Excel imports of clause 4.6: 500 lab tests land all or none, every bad row is named; the tank register."""

import datetime
import io
import math
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from wuye.core import spreadsheets as xl
from wuye.core.evidence import BULK_BATCH, EvidenceChain
from wuye.core.spreadsheets import ImportContext, ImportRejected, Problem, run_import
from wuye.core.verification import verify_chains
from wuye.safety.imports_water import TEST_EXPORT_COLUMNS, WaterTankImport, WaterTestImport
from wuye.safety.models import WaterTank, WaterTest
from wuye.safety.tests.excel import local, xlsx
from wuye.safety.tests.excel_fire_water import TANK_HEADERS, TEST_COLUMN, TEST_HEADERS, lab_rows, tank_rows

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(datetime.datetime(2026, 3, 10, 12, 0))
START = NOW - datetime.timedelta(hours=1000)  # 500 tests two hours apart: the last two hours ago
LIMIT = datetime.timedelta(days=30)  # 4.6.water_test backfill_limit


@pytest.fixture
def tanks(world):
    made = [
        WaterTank.objects.create(
            project=world.inside.project,
            name=f"{n}号水箱",
            kind="roof",
            capacity=Decimal("18.0"),
            in_service_from=datetime.date(2025, 1, 1),
        )
        for n in range(1, 6)
    ]
    # The outside project has a tank of the same name and one of its own: neither may be reached.
    for name in ("1号水箱", "呼市水箱"):
        WaterTank.objects.create(
            project=world.outside.project,
            name=name,
            kind="roof",
            capacity=Decimal("10.0"),
            in_service_from=datetime.date(2025, 1, 1),
        )
    return made


def context(world, user="staff", side="inside"):
    return ImportContext(user=world.users[user], project=getattr(world, side).project, now=NOW)


def rejected(spec, data, ctx) -> list[Problem]:
    with pytest.raises(ImportRejected) as caught:
        run_import(spec, data, ctx)
    return caught.value.problems


def nothing_written():
    return not WaterTest.objects.exists() and not EvidenceChain.objects.exists()


def test_a_good_import_of_500_tests_lands_them_all_chained_as_imports_back_filled_when_old(world, tanks):
    rows = lab_rows(tanks, START, 500)
    saved = run_import(WaterTestImport(), xlsx(TEST_HEADERS, rows), context(world))
    assert len(saved) == WaterTest.objects.count() == 500
    stored = WaterTest.objects.order_by("occurred_at")
    assert set(stored.values_list("channel", "recorded_by", "recorded_at")) == {
        ("import", world.users["staff"].pk, NOW)
    }
    first = stored.first()
    assert (first.tank, first.laboratory, first.laboratory_cma, first.report_number, first.sample_point) == (
        tanks[0],
        "包头市疾病预防控制中心",
        "160512050123",
        "SZ-0000",
        "水箱出水口",
    )
    values = ("colour", "turbidity", "odour_visible_matter", "ph", "total_coliforms", "total_bacteria")
    assert [getattr(first, name) for name in (*values, "residual_chlorine")] == [
        Decimal("5.0"),
        Decimal("0.30"),
        False,
        Decimal("7.20"),
        False,
        12,
        Decimal("0.30"),
    ]
    assert local(stored.last().occurred_at) == rows[-1][1]
    # Back-filled: received more than 30 days after the sampling. Row i was sampled 1000 - 2i hours
    # before the import: rows 0..139 are older than 720 hours; row 140 is exactly 30 days old and is not.
    flagged = list(stored.filter(backfilled=True).values_list("occurred_at", flat=True))
    assert len(flagged) == 140 and max(flagged) == NOW - LIMIT - datetime.timedelta(hours=2)
    assert not stored.get(occurred_at=NOW - LIMIT).backfilled
    assert verify_chains(f"project:{world.inside.project.pk}").records == 500
    assert EvidenceChain.objects.get(key=f"project:{world.inside.project.pk}").length == 500


@pytest.mark.parametrize(
    "column, value, header, reason",
    [
        ("ph", 15, "pH", "不能大于14。"),
        ("occurred_at", local(NOW + datetime.timedelta(days=1)), "采样时间", "晚于当前时间。"),
    ],
)
def test_one_bad_row_among_500_writes_nothing_and_is_named(world, tanks, column, value, header, reason):
    rows = lab_rows(tanks, START, 500)
    rows[310][TEST_COLUMN[column]] = value  # Excel row 312: the header is row 1
    problems = rejected(WaterTestImport(), xlsx(TEST_HEADERS, rows), context(world))
    assert problems == [Problem(312, header, reason)]
    assert str(problems[0]) == f"第 312 行 {header}：{reason}"
    assert nothing_written()


def test_every_problem_of_every_row_is_reported_under_its_column(world, tanks):
    rows = lab_rows(tanks, START, 9)
    c = TEST_COLUMN
    rows[0][c["tank"]] = "9号水箱"  # no such tank
    rows[1][c["laboratory_cma"]] = "CMA-1"  # not a CMA number
    rows[2][c["occurred_at"]] = datetime.datetime(2024, 12, 31, 9, 0)  # before the tank was in service
    rows[3][c["turbidity"]] = 0.305  # too many decimals
    rows[4][c["total_coliforms"]] = "否"  # the page says 未检出 / 检出
    rows[5][c["residual_chlorine"]] = -0.1
    rows[6][c["laboratory"]] = None
    rows[6][c["total_bacteria"]] = "很多"
    rows[7][c["odour_visible_matter"]] = "有"  # failing values are recorded: the check finds them
    rows[7][c["ph"]] = 9.1
    rows[8][c["ph"]] = 14  # exactly the field's bound passes
    problems = rejected(WaterTestImport(), xlsx(TEST_HEADERS, rows), context(world))
    assert [str(problem) for problem in problems] == [
        "第 2 行 水箱：本项目没有名为“9号水箱”的水箱。",
        "第 3 行 资质认定证书编号（CMA）：请填写检测机构的资质认定证书编号（6–20位数字或字母）。",
        "第 4 行 采样时间：时间早于“3号水箱”的投用日期（2025-01-01）。",
        "第 5 行 浑浊度（NTU）：最多保留2位小数。",
        "第 6 行 总大肠菌群：应为：未检出、检出。",
        "第 7 行 游离余氯（mg/L）：不能小于0。",
        "第 8 行 检测机构：必填。",
        "第 8 行 菌落总数（CFU/mL）：请填写整数。",
    ]
    assert nothing_written()
    del rows[:7]
    saved = run_import(WaterTestImport(), xlsx(TEST_HEADERS, rows), context(world))
    assert [(t.odour_visible_matter, t.ph) for t in saved] == [
        (True, Decimal("9.10")),
        (False, Decimal("14.00")),
    ]


def test_a_tank_outside_the_project_or_the_users_scope_is_not_found_like_a_missing_one(world, tanks):
    rows = lab_rows(tanks, START, 2)
    rows[0][0] = "呼市水箱"  # the outside project's: exists, but not here
    problems = rejected(WaterTestImport(), xlsx(TEST_HEADERS, rows), context(world))
    assert [(p.row, p.reason) for p in problems] == [(2, "本项目没有名为“呼市水箱”的水箱。")]
    problems = rejected(
        WaterTestImport(), xlsx(TEST_HEADERS, lab_rows(tanks, START, 2)), context(world, user="stranger")
    )
    assert {p.reason for p in problems} == {
        "本项目没有名为“1号水箱”的水箱。",
        "本项目没有名为“2号水箱”的水箱。",
    }
    assert nothing_written()


def queries_of(world, rows) -> dict:
    data = xlsx(TEST_HEADERS, rows)
    with CaptureQueriesContext(connection) as captured:
        run_import(WaterTestImport(), data, context(world))
    statements = [query["sql"] for query in captured]
    return {
        "reads": len([sql for sql in statements if sql.startswith("SELECT")]),
        "test inserts": len([sql for sql in statements if sql.startswith('INSERT INTO "safety_watertest"')]),
    }


def bulk_statements(model, count) -> int:
    """How many INSERTs one bulk_create of ``count`` rows takes here (1 on PostgreSQL; SQLite caps parameters)."""
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    return math.ceil(count / min(BULK_BATCH, connection.ops.bulk_batch_size(fields, [None] * count)))


def test_an_import_reads_as_much_for_50_tests_as_for_500_and_writes_in_bulk(world, tanks):
    # Reads: the user's scope, the tanks (one lookup), the tanks' scope, each tank's key once (5), the
    # chain head (found, then locked: 2), the back-fill limit once per day the tests claim (11 days
    # here). None of it grows with the rows.
    start = NOW - datetime.timedelta(days=10, hours=11)
    many = queries_of(world, lab_rows(tanks, start, 500, hours=0.5))  # 250 hours: 11 days
    assert many["reads"] == 1 + 1 + 1 + 5 + 2 + 11
    assert many["test inserts"] == bulk_statements(WaterTest, 500)
    WaterTest.objects.all()._raw_delete(WaterTest.objects.db)  # evidence: cleared only behind its back
    EvidenceChain.objects.all().delete()
    world.users["staff"]._wuye_scope = None
    few = queries_of(world, lab_rows(tanks, start, 50, hours=5))  # the same 11 days, the same tanks
    assert few["reads"] == many["reads"]
    assert few["test inserts"] == bulk_statements(WaterTest, 50)


def test_the_export_of_tests_reimports_into_another_project_s_tanks_of_the_same_names(world, tanks):
    run_import(WaterTestImport(), xlsx(TEST_HEADERS, lab_rows(tanks[:1], START, 3)), context(world))
    tests = WaterTest.objects.filter(tank__project=world.inside.project).order_by("occurred_at")
    book = load_workbook(io.BytesIO(xl.export_file(tests, WaterTestImport.columns, title="水质检测").read()))
    sheet = book.worksheets[0]
    assert [cell.value for cell in sheet[1]][6:] == [
        "色度（度）",
        "浑浊度（NTU）",
        "臭和味、肉眼可见物",
        "pH",
        "总大肠菌群",
        "菌落总数（CFU/mL）",
        "游离余氯（mg/L）",
    ]
    assert [cell.value for cell in sheet[2]][8:11] == ["无", 7.2, "未检出"]
    buffer = io.BytesIO()
    book.save(buffer)
    saved = run_import(WaterTestImport(), buffer.getvalue(), context(world, user="admin", side="outside"))
    assert {test.tank.name for test in saved} == {"1号水箱"} and saved[
        0
    ].tank.project == world.outside.project
    fields = (
        "occurred_at",
        "laboratory_cma",
        "colour",
        "turbidity",
        "ph",
        "total_bacteria",
        "residual_chlorine",
    )
    assert [tuple(getattr(t, f) for f in fields) for t in saved] == list(tests.values_list(*fields))
    assert WaterTest.objects.filter(tank__project=world.outside.project).count() == 3
    exported = load_workbook(io.BytesIO(xl.export_file(tests, TEST_EXPORT_COLUMNS, title="t").read()))
    row = [cell.value for cell in exported.worksheets[0][2]]
    assert row[-4:] == [local(NOW), "导入", "是", world.users["staff"].full_name or None]


# -- the tank register ---------------------------------------------------------------------------


def test_the_tank_register_imports_its_tanks_with_their_history(world):
    saved = run_import(WaterTankImport(), xlsx(TANK_HEADERS, tank_rows(30)), context(world, user="manager"))
    assert len(saved) == WaterTank.objects.filter(project=world.inside.project).count() == 30
    tank = WaterTank.objects.get(name="7号水箱")
    assert (tank.kind, tank.location, tank.capacity, tank.serves, tank.in_service_from, tank.active) == (
        "roof",
        "7号楼屋顶",
        Decimal("18.0"),
        "7号楼",
        datetime.date(2020, 1, 1),
        True,
    )
    assert tank.history.get().history_user == world.users["manager"]


def test_a_tank_name_twice_in_the_file_or_already_registered_is_refused(world, tanks):
    rows = tank_rows(6)  # "1号水箱".. "5号水箱" exist in the project already
    for number, row in enumerate(rows, start=6):
        row[0] = f"{number}号水箱"
    rows[1][0] = "2号水箱"
    rows[5][0] = "6号水箱"
    rows[2][1] = "楼顶水箱"
    rows[3][3] = -1
    rows[4][3] = None
    problems = rejected(WaterTankImport(), xlsx(TANK_HEADERS, rows), context(world, user="manager"))
    assert [str(p) for p in problems] == [
        "第 3 行 名称：“2号水箱”已经登记过。",
        "第 4 行 类型：应为：屋顶水箱、地下水池、泵房水箱。",
        "第 5 行 容积（m³）：不能小于0。",
        "第 6 行 容积（m³）：必填。",
        "第 7 行 名称：与第 2 行重复。",
    ]
    assert WaterTank.objects.filter(project=world.inside.project).count() == 5
