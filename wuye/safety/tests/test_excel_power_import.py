"""Excel imports of clause 4.8: 500 rounds land all or none, every bad row is named, lookups stay in scope."""

import datetime
import io
import math

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from wuye.core import spreadsheets as xl
from wuye.core.evidence import BULK_BATCH, EvidenceChain
from wuye.core.spreadsheets import ImportContext, ImportRejected, Problem, run_import
from wuye.core.verification import verify_chains
from wuye.safety.imports_power import PowerRoomImport, PowerRoundImport
from wuye.safety.models import Defect, PowerRoom, PowerRound
from wuye.safety.tests.excel import ROOM_HEADERS, ROUND_HEADERS, local, room_rows, round_rows, xlsx

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(datetime.datetime(2026, 3, 10, 12, 0))
START = NOW - datetime.timedelta(hours=500)  # the 500th round is an hour before the import
SUPPLIES = ["1#变压器", "2#变压器", "备用发电机"]


@pytest.fixture
def rooms(world):
    made = [
        PowerRoom.objects.create(
            project=world.inside.project,
            name=name,
            supplies=SUPPLIES,
            in_service_from=datetime.date(2026, 1, 1),
        )
        for name in ("1号配电室", "2号配电室")
    ]
    # The outside project has a room of the same name and one of its own: neither may be reached.
    for name in ("1号配电室", "呼市配电室"):
        PowerRoom.objects.create(
            project=world.outside.project,
            name=name,
            supplies=SUPPLIES,
            in_service_from=datetime.date(2026, 1, 1),
        )
    return made


def context(world, user="staff", side="inside"):
    return ImportContext(user=world.users[user], project=getattr(world, side).project, now=NOW)


def rejected(spec, data, ctx) -> list[Problem]:
    with pytest.raises(ImportRejected) as caught:
        run_import(spec, data, ctx)
    return caught.value.problems


def nothing_written():
    return (
        not PowerRound.objects.exists() and not Defect.objects.exists() and not EvidenceChain.objects.exists()
    )


def test_a_good_import_of_500_rounds_lands_them_all_chained_as_imports(world, rooms):
    rows = round_rows(rooms, START, 500, problems_every=100)
    saved = run_import(PowerRoundImport(), xlsx(ROUND_HEADERS, rows), context(world))
    assert len(saved) == PowerRound.objects.count() == 500
    stored = PowerRound.objects.order_by("occurred_at")
    assert set(stored.values_list("channel", "recorded_by", "recorded_at")) == {
        ("import", world.users["staff"].pk, NOW)
    }
    first, last = stored.first(), stored.last()
    assert (first.power_room, first.inspector, first.voltage, first.current) == (
        rooms[0],
        "王师傅",
        400,
        210.5,
    )
    assert first.supply_states == {"1#变压器": "running", "2#变压器": "running", "备用发电机": "standby"}
    assert stored[1].supply_states == dict.fromkeys(SUPPLIES, "running")  # "运行" for every supply
    assert local(last.occurred_at) == rows[-1][1]
    # Back-filled: entered more than the 4.8 limit (2 hours) after the time it claims.
    assert set(stored.filter(backfilled=False).values_list("occurred_at", flat=True)) == {
        NOW - datetime.timedelta(hours=2),
        NOW - datetime.timedelta(hours=1),
    }
    assert verify_chains(f"project:{world.inside.project.pk}").records == 500
    assert EvidenceChain.objects.get(key=f"project:{world.inside.project.pk}").length == 500
    defects = Defect.objects.order_by("found_at")
    assert defects.count() == 5 and defects[0].description == "2#变压器温度偏高"
    assert defects[0].deadline - defects[0].found_at == datetime.timedelta(hours=24)
    assert defects[0].source == f"safety.powerround:{stored[99].pk}"


def test_one_bad_row_among_500_writes_nothing_and_is_named(world, rooms):
    rows = round_rows(rooms, START, 500, problems_every=100)
    rows[310][1] = local(NOW + datetime.timedelta(days=1))  # Excel row 312: the header is row 1
    problems = rejected(PowerRoundImport(), xlsx(ROUND_HEADERS, rows), context(world))
    assert problems == [Problem(312, "巡视时间", "晚于当前时间。")]
    assert str(problems[0]) == "第 312 行 巡视时间：晚于当前时间。"
    assert nothing_written()


def test_every_problem_of_every_row_is_reported_under_its_column(world, rooms):
    rows = round_rows(rooms, START, 8)
    rows[0][0] = "3号配电室"  # no such room
    rows[1][2] = None  # inspector missing
    rows[1][4] = "四百"  # and the voltage is not a number
    rows[2][3] = "1#变压器：运行、2#变压器：运行"  # a supply missing
    rows[3][3] = "1#变压器：坏了、2#变压器：运行、备用发电机：备用"  # a state we do not know
    rows[4][1] = datetime.datetime(2025, 12, 31, 23, 0)  # before the room was in service
    rows[5][6] = 26.55  # too many decimals
    rows[6][1] = "昨天"
    problems = rejected(PowerRoundImport(), xlsx(ROUND_HEADERS, rows), context(world))
    assert [str(problem) for problem in problems] == [
        "第 2 行 配电室：本项目没有名为“3号配电室”的配电室。",
        "第 3 行 巡视人：必填。",
        "第 3 行 电压（V）：请填写数字。",
        "第 4 行 回路状态：缺少回路备用发电机的状态。",
        "第 5 行 回路状态：无法识别“1#变压器：坏了”：请写成“回路名称：状态”，状态为运行、备用、停用。",
        "第 6 行 巡视时间：巡视时间早于配电室投用日期（2026-01-01）。",
        "第 7 行 室温（℃）：最多保留1位小数。",
        "第 8 行 巡视时间：请填写日期和时间，如 2026-03-01 08:30。",
    ]
    assert nothing_written()


def test_a_room_outside_the_project_or_the_users_scope_is_not_found_like_a_missing_one(world, rooms):
    rows = round_rows(rooms, START, 3)
    rows[0][0] = "呼市配电室"  # the outside project's: exists, but not here
    rows[1][0] = "不存在的配电室"
    problems = rejected(PowerRoundImport(), xlsx(ROUND_HEADERS, rows), context(world))
    assert [(p.row, p.reason) for p in problems] == [
        (2, "本项目没有名为“呼市配电室”的配电室。"),
        (3, "本项目没有名为“不存在的配电室”的配电室。"),
    ]
    # "1号配电室" exists in both projects: the third row found the inside one, without ambiguity.
    run_import(PowerRoundImport(), xlsx(ROUND_HEADERS, round_rows(rooms, START, 1)), context(world))
    assert PowerRound.objects.get().power_room == rooms[0]


def test_a_user_who_does_not_see_the_project_finds_none_of_its_rooms(world, rooms):
    problems = rejected(
        PowerRoundImport(), xlsx(ROUND_HEADERS, round_rows(rooms, START, 2)), context(world, user="stranger")
    )
    assert {p.reason for p in problems} == {
        "本项目没有名为“1号配电室”的配电室。",
        "本项目没有名为“2号配电室”的配电室。",
    }
    assert nothing_written()


def queries_of(world, rows) -> dict:
    """The statements an import runs, by kind: reads, inserts of rounds, and the rest."""
    data = xlsx(ROUND_HEADERS, rows)
    with CaptureQueriesContext(connection) as captured:
        run_import(PowerRoundImport(), data, context(world))
    statements = [query["sql"] for query in captured]
    rounds = [sql for sql in statements if sql.startswith('INSERT INTO "safety_powerround"')]
    reads = [sql for sql in statements if sql.startswith("SELECT")]
    return {"reads": len(reads), "round inserts": len(rounds), "all": len(statements)}


def bulk_statements(model, count) -> int:
    """How many INSERTs one bulk_create of ``count`` rows takes here (1 on PostgreSQL; SQLite caps parameters)."""
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    return math.ceil(count / min(BULK_BATCH, connection.ops.bulk_batch_size(fields, [None] * count)))


def test_an_import_reads_as_much_for_50_rows_as_for_500_and_writes_in_bulk(world, rooms):
    # Reads: the user's scope, the rooms (one lookup), the rooms' scope, each room's key once (2),
    # the chain head (found, then locked: 2); the back-fill limit once per day the rounds claim (22
    # days here) and the fix deadline once per day with a defect (5). None of it grows with the rows.
    many = queries_of(world, round_rows(rooms, START, 500, problems_every=100))
    assert many["reads"] == 1 + 1 + 1 + 2 + 2 + 22 + 5
    assert many["round inserts"] == bulk_statements(PowerRound, 500)
    PowerRound.objects.all()._raw_delete(PowerRound.objects.db)  # evidence: cleared only behind its back
    Defect.objects.all().delete()
    EvidenceChain.objects.all().delete()
    world.users["staff"]._wuye_scope = None
    # 50 rounds ten hours apart: the same days, the same rooms, defects on the same days.
    few = queries_of(world, round_rows(rooms, START, 50, problems_every=10, hours=10))
    assert few["reads"] == many["reads"]
    assert few["round inserts"] == bulk_statements(PowerRound, 50)


def test_the_power_room_register_imports_500_rooms_with_their_history(world):
    ctx = context(world, user="manager")
    with CaptureQueriesContext(connection) as captured:
        saved = run_import(PowerRoomImport(), xlsx(ROOM_HEADERS, room_rows(500)), ctx)
    assert len(saved) == PowerRoom.objects.filter(project=world.inside.project).count() == 500
    room = PowerRoom.objects.get(name="77号配电室")
    assert (room.location, room.supplies, room.in_service_from, room.active) == (
        "77号楼地下一层",
        ["1#变压器", "2#变压器"],
        datetime.date(2020, 1, 1),
        True,
    )
    assert room.history.get().history_user == world.users["manager"]
    statements = [query["sql"] for query in captured]
    # Reads: the user's scope, the names already registered, the write-scope check of what was saved.
    assert len([sql for sql in statements if sql.startswith("SELECT")]) == 3
    inserts = [sql for sql in statements if sql.startswith("INSERT")]
    assert len(inserts) == bulk_statements(PowerRoom, 500) + bulk_statements(PowerRoom.history.model, 500)


def test_a_room_name_twice_in_the_file_or_already_registered_is_refused(world):
    PowerRoom.objects.create(
        project=world.inside.project,
        name="3号配电室",
        supplies=["1#变压器"],
        in_service_from=datetime.date(2020, 1, 1),
    )
    rows = room_rows(5)
    rows[4][0] = "2号配电室"
    rows[3][2] = None
    rows[1][3] = "2020-02-30"
    rows[0][4] = "可能"
    problems = rejected(PowerRoomImport(), xlsx(ROOM_HEADERS, rows), context(world, user="manager"))
    assert [str(p) for p in problems] == [
        "第 2 行 在用：请填写“是”或“否”。",
        "第 3 行 投用日期：请填写日期，如 2026-03-01。",
        "第 4 行 名称：“3号配电室”已经登记过。",
        "第 5 行 供电回路：必填。",
        "第 6 行 名称：与第 3 行重复。",
    ]
    assert PowerRoom.objects.count() == 1


def test_a_list_of_separators_only_is_no_list(world):
    rows = room_rows(1)
    rows[0][2] = "、"
    problems = rejected(PowerRoomImport(), xlsx(ROOM_HEADERS, rows), context(world, user="manager"))
    assert [str(p) for p in problems] == ["第 2 行 供电回路：请至少填写一项。"]


def test_the_export_of_rooms_reimports_into_another_project(world):
    run_import(PowerRoomImport(), xlsx(ROOM_HEADERS, room_rows(3)), context(world, user="admin"))
    rooms = PowerRoom.objects.filter(project=world.inside.project).order_by("name")
    typed = '=HYPERLINK("http://evil.example","点我")'  # typed in a form: exported as text, never a formula
    rooms.filter(name="1号配电室").update(location=typed)
    exported = xl.export_file(rooms, PowerRoomImport.columns, title="配电室").read()
    cell = load_workbook(io.BytesIO(exported)).worksheets[0]["B2"]
    assert (cell.value, cell.data_type) == (typed, "s")
    run_import(PowerRoomImport(), exported, context(world, user="admin", side="outside"))
    fields = ("name", "location", "supplies", "in_service_from", "active")
    assert list(PowerRoom.objects.filter(project=world.outside.project).values_list(*fields)) == list(
        rooms.values_list(*fields)
    )


def test_a_name_that_matches_two_records_is_refused_not_guessed(world, rooms):
    class AnyProject(PowerRoundImport):
        columns = [
            xl.Lookup("power_room", "配电室", required=True, queryset=lambda c: PowerRoom.objects.all()),
            *PowerRoundImport.columns[1:],
        ]

    problems = rejected(AnyProject(), xlsx(ROUND_HEADERS, round_rows(rooms[:1], START, 1)), context(world))
    assert [str(p) for p in problems] == ["第 2 行 配电室：“1号配电室”对应多条记录，无法确定是哪一条。"]


def test_the_import_command_imports_all_or_nothing_as_the_user(world, rooms, tmp_path):
    good, bad = tmp_path / "good.xlsx", tmp_path / "bad.xlsx"
    now = timezone.now()
    rows = round_rows(rooms, now - datetime.timedelta(hours=5), 4)
    good.write_bytes(xlsx(ROUND_HEADERS, rows))
    rows[2][2] = None
    bad.write_bytes(xlsx(ROUND_HEADERS, rows))
    project, out, err = world.inside.project.pk, io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="未导入任何数据：1 个问题。"):
        call_command("import_excel", "power-rounds", str(bad), user="staff", project=project, stderr=err)
    assert err.getvalue().strip() == "第 4 行 巡视人：必填。" and nothing_written()
    call_command(
        "import_excel", "power-rounds", str(good), user="staff", project=project, check=True, stdout=out
    )
    assert "检查通过：4 行均可导入。" in out.getvalue() and nothing_written()
    call_command("import_excel", "power-rounds", str(good), user="staff", project=project, stdout=out)
    assert "导入成功：已写入 4 行（配电室巡视记录）。" in out.getvalue()
    assert set(PowerRound.objects.values_list("channel", flat=True)) == {"import"}
    with pytest.raises(CommandError, match="看不到编号"):
        call_command(
            "import_excel", "power-rounds", str(good), user="staff", project=world.outside.project.pk
        )
    with pytest.raises(CommandError, match="power-rooms、power-rounds"):
        call_command("import_excel", "lifts", str(good), user="staff", project=project)


def test_a_template_downloaded_in_english_imports_in_chinese(world):
    from django.utils import translation

    with translation.override("en"):
        template = xl.template_bytes(PowerRoomImport(), context(world, user="manager"))
    book = load_workbook(io.BytesIO(template))
    assert [cell.value for cell in book.worksheets[0][1]] == [
        "*Name",
        "Location",
        "*Supply circuits",
        "*In service from",
        "In use",
    ]
    book.worksheets[0].append(["9号配电室", "", "1#变压器", datetime.date(2024, 1, 1), "是"])
    buffer = io.BytesIO()
    book.save(buffer)
    saved = run_import(PowerRoomImport(), buffer.getvalue(), context(world, user="manager"))
    assert [room.name for room in saved] == ["9号配电室"]  # the example row, in English, skipped too
