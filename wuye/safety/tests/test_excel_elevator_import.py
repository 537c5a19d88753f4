"""Excel imports of clause 4.2: 500 maintenance visits land all or none, every bad row is named, the
register refuses repeated codes and other projects' buildings, inspections follow the page's rules."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wuye.compliance.models import ParameterOverride
from wuye.core.dates import add_months
from wuye.core.evidence import EvidenceChain
from wuye.core.spreadsheets import ImportContext, ImportRejected, Problem, run_import
from wuye.core.verification import verify_chains
from wuye.estates.models import Building
from wuye.safety.imports_elevators import ElevatorImport, InspectionImport, MaintenanceVisitImport
from wuye.safety.models import Elevator, ElevatorInspection, MaintenanceVisit
from wuye.safety.models.elevators import end_of_month
from wuye.safety.tests.excel import local, xlsx
from wuye.safety.tests.excel_elevators import (
    ELEVATOR_HEADERS,
    INSPECTION_HEADERS,
    VISIT_HEADERS,
    code,
    elevator_rows,
    inspection_rows,
    make_elevators,
    visit_rows,
)
from wuye.safety.tests.test_excel_power_import import bulk_statements

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(datetime.datetime(2026, 3, 10, 12, 0))
TODAY = timezone.localdate(NOW)


@pytest.fixture
def elevators(world):
    """Ten elevators of the inside project in service since 2024; the outside project has one."""
    made = make_elevators(world.inside.project, 10)
    make_elevators(world.outside.project, 1, city="A")
    return made


def context(world, user="staff", side="inside", now=NOW):
    return ImportContext(user=world.users[user], project=getattr(world, side).project, now=now)


def rejected(spec, data, ctx) -> list[Problem]:
    with pytest.raises(ImportRejected) as caught:
        run_import(spec, data, ctx)
    return caught.value.problems


def no_records():
    return (
        not MaintenanceVisit.objects.exists()
        and not ElevatorInspection.objects.exists()
        and not EvidenceChain.objects.exists()
    )


# -- maintenance visits --------------------------------------------------------------------------


def test_a_good_import_of_500_visits_lands_them_all_chained_as_imports(world, elevators):
    rows = visit_rows(elevators, NOW, 500)
    # The back-fill limit of 4.2 maintenance is 7 days: exactly at it is on time, a minute past is not.
    rows[0][1] = local(NOW - datetime.timedelta(days=7))
    rows[1][1] = local(NOW - datetime.timedelta(days=7, minutes=1))
    saved = run_import(MaintenanceVisitImport(), xlsx(VISIT_HEADERS, rows), context(world))
    assert len(saved) == MaintenanceVisit.objects.count() == 500
    stored = MaintenanceVisit.objects.all()
    assert set(stored.values_list("channel", "recorded_by", "recorded_at")) == {
        ("import", world.users["staff"].pk, NOW)
    }
    assert {elevator.pk: elevator.maintenance_visits.count() for elevator in elevators} == {
        elevator.pk: 50 for elevator in elevators
    }
    visit = stored.get(elevator=elevators[2], occurred_at=NOW - datetime.timedelta(days=1, hours=2))
    assert (visit.tier, visit.technician, visit.technician_certificate, visit.items, visit.problems) == (
        "half_monthly",
        "李师傅",
        "T150203198001010011",
        "机房、轿厢、层门",
        "",
    )
    assert stored.filter(tier="quarterly").count() == 80  # every sixth round of the ten elevators
    # On time: the newest visit of elevators 3..10 (a day old) and of elevator 1 (exactly 7 days).
    on_time = stored.filter(backfilled=False)
    assert sorted(on_time.values_list("elevator__name", flat=True)) == sorted(
        e.name for e in elevators if e is not elevators[1]
    )
    assert stored.get(elevator=elevators[0], occurred_at=NOW - datetime.timedelta(days=7)).backfilled is False
    assert stored.get(
        elevator=elevators[1], occurred_at=NOW - datetime.timedelta(days=7, minutes=1)
    ).backfilled
    assert stored.filter(backfilled=True).count() == 491
    key = f"project:{world.inside.project.pk}"
    assert verify_chains(key).records == 500
    assert EvidenceChain.objects.get(key=key).length == 500
    # Chained in the order the records were given (all received at once).
    assert [r.pk for r in stored.order_by("chain_seq")] == [r.pk for r in saved]


@pytest.mark.parametrize(
    "bad, column, reason",
    [
        (
            lambda row: row.__setitem__(1, local(NOW + datetime.timedelta(days=1))),
            "维保时间",
            "晚于当前时间。",
        ),
        (
            lambda row: row.__setitem__(1, datetime.datetime(2023, 12, 31, 9, 0)),
            "维保时间",
            "时间早于“2号梯”的投用日期（2024-01-01）。",
        ),
        (
            lambda row: row.__setitem__(0, code(1, "A")),
            "电梯登记编号",
            "本项目没有登记编号为“梯11蒙A00001(19)”的电梯。",
        ),
        (lambda row: row.__setitem__(5, "  "), "保养项目", "必填。"),
        (
            lambda row: row.__setitem__(2, "月度维保"),
            "维保类别",
            "应为：半月维保、季度维保、半年维保、年度维保。",
        ),
    ],
    ids=["future", "before-service", "other-project", "no-items", "unknown-tier"],
)
def test_one_bad_row_among_500_writes_nothing_and_is_named(world, elevators, bad, column, reason):
    rows = visit_rows(elevators, NOW, 500)
    bad(rows[311])  # Excel row 313 (the header is row 1): elevator 2's
    problems = rejected(MaintenanceVisitImport(), xlsx(VISIT_HEADERS, rows), context(world))
    assert problems == [Problem(313, column, reason)]
    assert str(problems[0]) == f"第 313 行 {column}：{reason}"
    assert no_records()


def test_full_width_brackets_and_small_letters_find_the_elevator(world, elevators):
    rows = visit_rows(elevators[:1], NOW, 1)
    rows[0][0] = "梯11蒙b00001（19）"
    saved = run_import(MaintenanceVisitImport(), xlsx(VISIT_HEADERS, rows), context(world))
    assert saved[0].elevator == elevators[0]


def test_an_elevator_of_a_project_the_user_does_not_see_is_not_found(world, elevators):
    rows = visit_rows(elevators[:2], NOW, 2)
    problems = rejected(MaintenanceVisitImport(), xlsx(VISIT_HEADERS, rows), context(world, user="stranger"))
    assert {p.reason for p in problems} == {
        "本项目没有登记编号为“梯11蒙B00001(19)”的电梯。",
        "本项目没有登记编号为“梯11蒙B00002(19)”的电梯。",
    }
    assert no_records()


def test_a_reader_who_does_not_record_the_projects_duties_writes_nothing(world, elevators):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):  # the committee sees the elevators, records none
        run_import(
            MaintenanceVisitImport(),
            xlsx(VISIT_HEADERS, visit_rows(elevators, NOW, 3)),
            context(world, "committee"),
        )
    assert no_records()


def import_queries(spec, headers, rows, ctx) -> dict:
    data = xlsx(headers, rows)
    with CaptureQueriesContext(connection) as captured:
        run_import(spec, data, ctx)
    statements = [query["sql"] for query in captured]
    table = f'INSERT INTO "{spec.model._meta.db_table}"'
    return {
        "reads": len([sql for sql in statements if sql.startswith("SELECT")]),
        "record inserts": len([sql for sql in statements if sql.startswith(table)]),
    }


def clear_records(world):
    for model in (MaintenanceVisit, ElevatorInspection):
        model.objects.all()._raw_delete(model.objects.db)  # evidence: cleared only behind its back
    EvidenceChain.objects.all().delete()
    for user in world.users.values():
        user._wuye_scope = None


def test_an_import_reads_as_much_for_50_visits_as_for_500(world, elevators):
    # A regional override of the back-fill limit: found once for the file, not once per day.
    ParameterOverride.objects.create(
        check_id="4.2.maintenance_gap",
        name="backfill_limit",
        division_id="150200",
        value=3,
        valid_from=datetime.date(2020, 1, 1),
        reason="test",
        set_by=world.users["regulator"],
    )
    # Reads: the elevators named (one lookup, with the user's scope: 2), the elevators' scope and
    # projects in the action (1), whether the staff member records the project's duties (0: his own
    # project), each elevator's key once when chained (10), the back-fill limit (1), the chain head
    # (found, then locked: 2). 500 visits over two years read as much as 50 over four months.
    many = import_queries(
        MaintenanceVisitImport(), VISIT_HEADERS, visit_rows(elevators, NOW, 500), context(world)
    )
    assert many["reads"] == 2 + 1 + 10 + 1 + 2
    clear_records(world)
    few = import_queries(
        MaintenanceVisitImport(), VISIT_HEADERS, visit_rows(elevators, NOW, 50), context(world)
    )
    assert few["reads"] == many["reads"]
    assert many["record inserts"] == bulk_statements(MaintenanceVisit, 500)
    assert few["record inserts"] == bulk_statements(MaintenanceVisit, 50)
    assert MaintenanceVisit.objects.filter(backfilled=False).count() == 10  # a day old: within 3 days


# -- inspections ---------------------------------------------------------------------------------


def test_inspections_import_as_the_page_records_them(world, elevators):
    rows = inspection_rows(elevators[:2], 2, today=TODAY)  # this year's (10 days ago) and last year's
    failed = TODAY - datetime.timedelta(days=40)
    rows.append([code(3), failed, "内蒙古自治区特种设备检验研究院", "不合格", None, None, "制动器需整改"])
    saved = run_import(InspectionImport(), xlsx(INSPECTION_HEADERS, rows), context(world))
    assert len(saved) == ElevatorInspection.objects.count() == 5
    latest = ElevatorInspection.objects.get(elevator=elevators[0], valid_until__gt=TODAY)
    day = TODAY - datetime.timedelta(days=10)
    assert timezone.localtime(latest.occurred_at) == timezone.make_aware(
        datetime.datetime.combine(day, datetime.time())
    )
    assert (
        latest.result,
        latest.valid_until,
        latest.report_number,
        latest.channel,
        latest.attachment.name,
    ) == (
        "pass",
        day.replace(year=day.year + 1),
        f"R-{day}",
        "import",
        "",
    )
    assert latest.backfilled is False  # 10 days old: within the 30-day limit of 4.2 inspections
    fail = ElevatorInspection.objects.get(elevator=elevators[2])
    assert (fail.result, fail.valid_until, fail.note, fail.backfilled) == ("fail", None, "制动器需整改", True)
    assert ElevatorInspection.objects.filter(backfilled=True).count() == 3


def test_every_problem_of_the_inspections_is_reported_under_its_column(world, elevators):
    rows = inspection_rows(elevators[:1], 1, today=TODAY) * 6
    rows = [list(row) for row in rows]
    rows[0][1] = TODAY + datetime.timedelta(days=1)
    rows[1][4] = None  # passed, without the certificate's date
    rows[2][3], rows[2][4] = "不合格", TODAY + datetime.timedelta(days=300)
    rows[3][4] = TODAY + datetime.timedelta(days=800)  # beyond the one-year cycle
    rows[4][3] = "基本合格"
    rows[5][0] = None
    problems = rejected(InspectionImport(), xlsx(INSPECTION_HEADERS, rows), context(world))
    longest = end_of_month(add_months(TODAY - datetime.timedelta(days=10), 12))  # 2027-02-28
    assert [str(p) for p in problems] == [
        "第 2 行 检验日期：晚于今天。",
        "第 3 行 下次检验日期：检验合格时请填写合格证上的下次检验日期。",
        "第 4 行 下次检验日期：检验不合格时没有下次检验日期，请留空。",
        f"第 5 行 下次检验日期：下次检验日期不能晚于{longest}（检验周期1年）。",
        "第 6 行 检验结论：应为：合格、整改后复检合格、不合格。",
        "第 7 行 电梯登记编号：必填。",
    ]
    assert no_records()


def test_an_inspections_import_reads_the_cycle_once_not_once_a_row(world, elevators):
    # Reads: the elevators (2), their scope in the action (1), each elevator's key (10), the division's
    # parameter overrides (1: the inspection cycle and the back-fill limit, for validated and saved rows),
    # the chain (2).
    many = import_queries(
        InspectionImport(), INSPECTION_HEADERS, inspection_rows(elevators, 2, today=TODAY), context(world)
    )
    assert many["reads"] == 2 + 1 + 10 + 1 + 2
    clear_records(world)
    few = import_queries(
        InspectionImport(), INSPECTION_HEADERS, inspection_rows(elevators, 1, today=TODAY), context(world)
    )
    assert few["reads"] == many["reads"]


# -- the register --------------------------------------------------------------------------------


def test_the_register_imports_elevators_with_their_building_and_history(world):
    ctx = context(world, user="manager")
    with CaptureQueriesContext(connection) as captured:
        saved = run_import(ElevatorImport(), xlsx(ELEVATOR_HEADERS, elevator_rows(200)), ctx)
    assert len(saved) == Elevator.objects.filter(project=world.inside.project).count() == 200
    elevator = Elevator.objects.get(name="77号梯")
    fields = (
        "building", "location", "registration_code", "kind", "maker", "model_number", "serial_number",
        "rated_load", "stops", "maintenance_company", "maintenance_licence_number",
        "maintenance_licence_valid_until", "rescue_phone", "in_service_from", "active",
    )  # fmt: skip
    assert tuple(getattr(elevator, name) for name in fields) == (
        world.inside.building,
        "77单元",
        "梯11蒙B00077(19)",
        "passenger",
        "通力电梯有限公司",
        "MonoSpace 500",
        "SN0077",
        1000,
        18,
        "内蒙古安达电梯工程有限公司",
        "TS3315001-2028",
        datetime.date(2028, 12, 31),
        "0472-96333",
        datetime.date(2019, 6, 1),
        True,
    )
    assert elevator.history.get().history_user == world.users["manager"]
    reads = [q["sql"] for q in captured if q["sql"].startswith("SELECT")]
    # The user's scope, the buildings named, the codes already registered, the names already the
    # project's, the write-scope check of what was saved.
    assert len(reads) == 5


def test_a_repeated_code_or_name_and_another_projects_building_are_refused(world):
    Building.objects.create(project=world.outside.project, name="9号楼")
    make_elevators(world.outside.project, 1)  # 梯11蒙B00001(19): registered in the other project
    make_elevators(world.inside.project, 3, city="C")  # "1号梯".."3号梯" of this project
    rows = elevator_rows(4, start=4)
    rows[0][3] = code(1)  # another project's elevator has it
    rows[1][1] = "9号楼"  # the other project's building
    rows[2][3] = "梯11蒙b00005（19）"  # the second row's code, written loosely
    rows[3][0] = "2号梯"  # a name this project has
    rows.append(list(rows[1]))
    rows[4][1], rows[4][3] = "1号楼", code(9)  # the second row's name again
    rows.append(elevator_rows(1, start=10)[0])
    rows[5][3], rows[5][9] = "梯11蒙B1234(19", 1  # a code mistyped, one stop
    problems = rejected(ElevatorImport(), xlsx(ELEVATOR_HEADERS, rows), context(world, user="manager"))
    assert [str(p) for p in problems] == [
        "第 2 行 使用登记证编号或设备代码：“梯11蒙B00001(19)”已经登记过。",
        "第 3 行 楼栋：本项目没有名为“9号楼”的楼栋。",
        "第 4 行 使用登记证编号或设备代码：与第 3 行重复。",
        "第 5 行 名称：“2号梯”已经登记过。",
        "第 6 行 名称：与第 3 行重复。",
        "第 7 行 使用登记证编号或设备代码：登记编号格式不正确：使用登记证编号如 梯11蒙B01234(19)，或以3开头的20位设备代码。",
        "第 7 行 层站数：不能小于2。",
    ]
    assert Elevator.objects.filter(project=world.inside.project).count() == 3


def test_a_licence_without_its_company_is_refused_by_the_models_rule(world):
    rows = elevator_rows(1)
    rows[0][10] = None
    problems = rejected(ElevatorImport(), xlsx(ELEVATOR_HEADERS, rows), context(world, user="manager"))
    assert [str(p) for p in problems] == ["第 2 行 维保单位：填写了许可证编号，请同时填写维保单位。"]
    assert not Elevator.objects.exists()


def test_optional_columns_left_out_take_the_registers_defaults(world):
    data = xlsx(["*名称", "*制造单位", "*投用日期"], [["地库梯", "日立电梯（中国）有限公司", "2020-05-01"]])
    (elevator,) = run_import(ElevatorImport(), data, context(world, user="admin"))
    assert (
        elevator.building,
        elevator.registration_code,
        elevator.kind,
        elevator.active,
        elevator.stops,
    ) == (
        None,
        "",
        "passenger",
        True,
        None,
    )


def test_elevators_without_a_code_may_be_several(world):
    data = xlsx(
        ["*名称", "*制造单位", "*投用日期", "使用登记证编号或设备代码"],
        [["A梯", "通力", "2020-05-01", None], ["B梯", "通力", "2020-05-01", " "]],
    )
    assert len(run_import(ElevatorImport(), data, context(world, user="admin"))) == 2


def test_the_import_command_runs_the_elevator_imports_by_name(world, elevators, tmp_path):
    import io

    from django.core.management import call_command

    visits, out = tmp_path / "维保.xlsx", io.StringIO()
    visits.write_bytes(xlsx(VISIT_HEADERS, visit_rows(elevators[:2], timezone.now(), 2)))
    project = world.inside.project.pk
    call_command(
        "import_excel", "elevator-maintenance", str(visits), user="staff", project=project, stdout=out
    )
    assert "导入成功：已写入 2 行（电梯维保记录）。" in out.getvalue()
    assert set(MaintenanceVisit.objects.values_list("channel", "backfilled")) == {("import", False)}
