"""Excel imports of clause 4.3: the fire equipment register (the model's rules per kind under their columns)
and batches of monthly checks (all or none; a faulty one opens its defect as the walk does)."""

import datetime
import math

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wuye.core.evidence import BULK_BATCH, EvidenceChain
from wuye.core.spreadsheets import ImportContext, ImportRejected, Problem, run_import
from wuye.core.verification import verify_chains
from wuye.safety.actions_fire import record_fire_checks
from wuye.safety.imports_fire import FireCheckImport, FireEquipmentImport
from wuye.safety.models import Defect, FireEquipment, FireEquipmentCheck
from wuye.safety.tests.excel import xlsx
from wuye.safety.tests.excel_fire_water import (
    CHECK_COLUMN,
    CHECK_HEADERS,
    EQUIPMENT_HEADERS,
    check_rows,
    equipment_rows,
)

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(datetime.datetime(2026, 3, 10, 12, 0))
START = NOW - datetime.timedelta(hours=1000)


@pytest.fixture
def equipment(world):
    made = [
        FireEquipment.objects.create(
            project=world.inside.project,
            name=name,
            kind=kind,
            extinguisher_type="dry_powder" if kind == "extinguisher" else "",
            production_date=datetime.date(2022, 5, 1) if kind == "extinguisher" else None,
            in_service_from=datetime.date(2025, 1, 1),
        )
        for name, kind in (
            ("1层灭火器箱", "extinguisher"),
            ("2层灭火器箱", "extinguisher"),
            ("室外消火栓", "hydrant"),
        )
    ]
    FireEquipment.objects.create(
        project=world.outside.project,
        name="呼市消火栓",
        kind="hydrant",
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
    return not (
        FireEquipmentCheck.objects.exists() or Defect.objects.exists() or EvidenceChain.objects.exists()
    )


# -- monthly checks -------------------------------------------------------------------------------


def test_a_batch_of_500_checks_lands_chained_and_its_faulty_rows_open_their_defects(world, equipment):
    rows = check_rows(equipment, START, 500, faulty_every=100)
    saved = run_import(FireCheckImport(), xlsx(CHECK_HEADERS, rows), context(world))
    assert len(saved) == FireEquipmentCheck.objects.count() == 500
    stored = FireEquipmentCheck.objects.order_by("occurred_at")
    assert set(stored.values_list("channel", "recorded_by", "recorded_at", "inspector")) == {
        ("import", world.users["staff"].pk, NOW, "王师傅")
    }
    faulty = list(stored.filter(result="faulty"))
    assert len(faulty) == 5 and all(not check.attachment for check in faulty)
    # As the walk opens them: under 4.3.equipment_repaired, due 7 days after the check, one per fault.
    defects = Defect.objects.order_by("found_at")
    assert [(d.source, d.check_id, d.description, d.found_at) for d in defects] == [
        (
            f"safety.fireequipmentcheck:{check.pk}",
            "4.3.equipment_repaired",
            "压力表指针在红区",
            check.occurred_at,
        )
        for check in faulty
    ]
    assert {d.deadline - d.found_at for d in defects} == {datetime.timedelta(days=7)}
    assert defects[0].subject_name == str(faulty[0].equipment) and defects[0].project == world.inside.project
    assert defects[0].history.get().history_user == world.users["staff"]
    assert verify_chains(f"project:{world.inside.project.pk}").records == 500


def test_one_bad_row_among_500_checks_writes_nothing_and_is_named(world, equipment):
    rows = check_rows(equipment, START, 500, faulty_every=100)
    rows[123][CHECK_COLUMN["problem"]] = None
    rows[123][CHECK_COLUMN["result"]] = "故障"  # Excel row 125: a fault without what is wrong
    problems = rejected(FireCheckImport(), xlsx(CHECK_HEADERS, rows), context(world))
    assert [str(p) for p in problems] == ["第 125 行 发现的问题：请写明发现的问题。"]
    assert nothing_written()


def test_every_problem_of_every_check_is_reported_under_its_column(world, equipment):
    FireEquipment.objects.filter(name="室外消火栓").update(active=False)
    rows = check_rows(equipment, START, 6)
    c = CHECK_COLUMN
    rows[0][c["equipment"]] = "呼市消火栓"  # the outside project's
    rows[1][c["problem"]] = "已修好"  # a problem on a good check
    rows[2][c["equipment"]] = "室外消火栓"  # taken out of use
    rows[3][c["result"]] = "损坏"
    rows[4][c["occurred_at"]] = datetime.datetime(2024, 12, 31, 9, 0)
    rows[5][c["inspector"]] = None
    problems = rejected(FireCheckImport(), xlsx(CHECK_HEADERS, rows), context(world))
    assert [str(p) for p in problems] == [
        "第 2 行 消防设施：本项目没有名为“呼市消火栓”的消防设施。",
        "第 3 行 发现的问题：检查结果为“正常”时不填发现的问题；有问题请选“故障”。",
        "第 4 行：“室外消火栓”已停用，不能再登记记录。",
        "第 5 行 检查结果：应为：正常、故障。",
        "第 6 行 检查时间：时间早于“2层灭火器箱”的投用日期（2025-01-01）。",
        "第 7 行 检查人：必填。",
    ]
    assert nothing_written()


def test_a_fault_typed_in_on_the_walk_still_needs_its_photo(world, equipment):
    with pytest.raises(ValidationError, match="发现故障时请拍照上传"):
        record_fire_checks(
            world.users["staff"],
            world.inside.project,
            [(equipment[0], {"result": "faulty", "problem": "压力不足"})],
            inspector="王师傅",
            channel="web",
        )
    assert nothing_written()


def queries_of(world, rows) -> dict:
    data = xlsx(CHECK_HEADERS, rows)
    with CaptureQueriesContext(connection) as captured:
        run_import(FireCheckImport(), data, context(world))
    statements = [query["sql"] for query in captured]
    return {
        "reads": len([sql for sql in statements if sql.startswith("SELECT")]),
        "check inserts": len(
            [s for s in statements if s.startswith('INSERT INTO "safety_fireequipmentcheck"')]
        ),
        "defect inserts": len([s for s in statements if s.startswith('INSERT INTO "safety_defect"')]),
    }


def bulk_statements(model, count) -> int:
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    return math.ceil(count / min(BULK_BATCH, connection.ops.bulk_batch_size(fields, [None] * count)))


def test_a_check_import_reads_as_much_for_50_rows_as_for_500(world, equipment):
    # Reads: the user's scope, the equipment (one lookup), its scope, each item's key once (3), the chain
    # head (found, then locked: 2), the fix deadline once per day with a fault (5 days here). The monthly
    # check has no back-fill limit: no look-up per day. None of it grows with the rows.
    start = NOW - datetime.timedelta(days=10, hours=11)
    many = queries_of(world, check_rows(equipment, start, 500, faulty_every=100, hours=0.5))
    assert many == {
        "reads": 1 + 1 + 1 + 3 + 2 + 5,
        "check inserts": bulk_statements(FireEquipmentCheck, 500),
        "defect inserts": 1,
    }
    FireEquipmentCheck.objects.all()._raw_delete(FireEquipmentCheck.objects.db)
    Defect.objects.all().delete()
    EvidenceChain.objects.all().delete()
    world.users["staff"]._wuye_scope = None
    few = queries_of(
        world, check_rows(equipment, start, 50, faulty_every=10, hours=5)
    )  # faults on the same days
    assert few == {**many, "check inserts": bulk_statements(FireEquipmentCheck, 50)}


# -- the register ----------------------------------------------------------------------------------


def test_the_register_imports_200_items_with_their_history_in_a_fixed_number_of_queries(world):
    ctx = context(world, user="manager")
    with CaptureQueriesContext(connection) as captured:
        saved = run_import(FireEquipmentImport(), xlsx(EQUIPMENT_HEADERS, equipment_rows(200)), ctx)
    assert len(saved) == FireEquipment.objects.filter(project=world.inside.project).count() == 200
    item = FireEquipment.objects.get(name="17层灭火器箱")
    fields = (
        "kind",
        "location",
        "extinguisher_type",
        "production_date",
        "quantity",
        "in_service_from",
        "active",
    )
    assert tuple(getattr(item, name) for name in fields) == (
        "extinguisher",
        "1号楼17层",
        "dry_powder",
        datetime.date(2022, 5, 1),
        2,
        datetime.date(2022, 6, 1),
        True,
    )
    assert item.history.get().history_user == world.users["manager"]
    # Reads: the user's scope, the names already registered, the write-scope check of what was saved.
    assert len([q["sql"] for q in captured if q["sql"].startswith("SELECT")]) == 3


def test_the_rules_of_each_kind_and_duplicates_are_reported_under_their_columns(world, equipment):
    rows = equipment_rows(9)
    rows[0][0] = "1层灭火器箱"  # registered already
    rows[1][0] = "二层灭火器箱"
    rows[2][0] = "2层灭火器箱（新）"
    rows[3][0] = "2层灭火器箱（新）"  # twice in the file
    rows[4][1], rows[4][3] = "消火栓", "干粉"  # a hydrant with an extinguisher's type
    rows[5][3] = None  # an extinguisher without its type
    rows[6][4] = None  # nor its production date
    rows[7][6] = datetime.date(2022, 4, 30)  # in service before it was made
    rows[8][1], rows[8][3], rows[8][4] = "防火门", None, None  # a door: no type, no date: fine
    rows[1][5] = 0
    problems = rejected(FireEquipmentImport(), xlsx(EQUIPMENT_HEADERS, rows), context(world, user="manager"))
    assert [str(p) for p in problems] == [
        "第 2 行 名称：“1层灭火器箱”已经登记过。",
        "第 3 行 数量：不能小于1。",
        "第 5 行 名称：与第 4 行重复。",
        "第 6 行 灭火器类型：只有灭火器填写灭火器类型。",
        "第 7 行 灭火器类型：请选择灭火器类型。",
        "第 8 行 出厂日期：请填写灭火器的出厂日期（见瓶身标签）。",
        "第 9 行 投用日期：投用日期不能早于出厂日期。",
    ]
    assert FireEquipment.objects.filter(project=world.inside.project).count() == 3
    del rows[:8]
    (door,) = run_import(FireEquipmentImport(), xlsx(EQUIPMENT_HEADERS, rows), context(world, user="manager"))
    assert (door.kind, door.extinguisher_type, door.production_date, door.quantity) == (
        "fire_door",
        "",
        None,
        2,
    )


def test_a_production_date_after_today_is_refused(world):
    rows = equipment_rows(1)
    rows[0][4] = timezone.localdate() + datetime.timedelta(days=1)
    rows[0][6] = timezone.localdate() + datetime.timedelta(days=2)
    problems = rejected(FireEquipmentImport(), xlsx(EQUIPMENT_HEADERS, rows), context(world, user="manager"))
    assert [str(p) for p in problems] == ["第 2 行 出厂日期：出厂日期不能晚于今天。"]
