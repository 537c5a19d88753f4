"""Clauses 4.3 and 4.4 end to end: every check at its boundary (exactly the limit passes, just over fails)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from wuye.compliance.engine import evaluate
from wuye.compliance.models import Finding, FindingState
from wuye.safety.actions import fix_defect
from wuye.safety.actions_fire import record_fire_checks, record_passage_checks, record_test
from wuye.safety.models import (
    Defect,
    DefectFix,
    FireEquipment,
    FirePassage,
    FireSystemTest,
    FloodCheck,
    FloodProtection,
    LightningProtection,
    LightningTest,
)

pytestmark = pytest.mark.django_db
MINUTE = datetime.timedelta(minutes=1)
FIRE_CHECKS = {
    "4.3.equipment_check",
    "4.3.extinguisher_check",
    "4.3.extinguisher_age",
    "4.3.full_test",
    "4.3.passage_cleared",
    "4.3.equipment_repaired",
    "4.4.lightning_test",
    "4.4.flood_check",
    "4.4.defect_fixed",
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def local(y, m, d, h=0, mi=0):
    return timezone.make_aware(datetime.datetime(y, m, d, h, mi))


def photo(name="photo.jpg"):
    return SimpleUploadedFile(name, b"\xff\xd8\xff\xe0 a photo", content_type="image/jpeg")


def report():
    return SimpleUploadedFile("report.pdf", b"%PDF-1.4 a report", content_type="application/pdf")


def run(as_of):
    evaluate(as_of, full=True, checks=FIRE_CHECKS, scores=False)
    return Finding.objects.filter(check_id__in=FIRE_CHECKS)


def found(as_of, check_id):
    return list(run(as_of).filter(check_id=check_id).order_by("period_start"))


def equipment(world, kind="hydrant", name="1号楼室外消火栓", since=datetime.date(2026, 3, 1), **fields):
    return FireEquipment.objects.create(
        project=world.inside.project, kind=kind, name=name, in_service_from=since, **fields
    )


def check(world, item, when, result="ok", problem=""):
    fields = {"result": result, "problem": problem}
    if result == "faulty":
        fields["attachment"] = photo()
    (record,) = record_fire_checks(
        world.users["staff"],
        item.project,
        [(item, fields)],
        inspector="王师傅",
        channel="phone",
        occurred_at=when,
        now=when + MINUTE,
    )
    return record


# -- monthly checks: a month without a check, once 3 days past its end ----------------------------------


def test_a_month_without_a_check_is_found_from_the_third_day_after_it_ends(world):
    hydrant = equipment(world)
    check(world, hydrant, local(2026, 3, 15, 9))
    assert found(local(2026, 5, 3, 23, 59), "4.3.equipment_check") == []
    (miss,) = found(local(2026, 5, 4), "4.3.equipment_check")
    assert (miss.period_start, miss.period_end) == (local(2026, 4, 1), local(2026, 5, 1))
    assert miss.subject == f"fireequipment:{hydrant.pk}" and "2026年4月" in miss.message
    assert miss.parameters == {"bucket": "1", "due_after": "3 days, 0:00:00"}


def test_extinguishers_and_the_rest_are_two_checks(world):
    hydrant = equipment(world)
    extinguisher = equipment(
        world,
        kind="extinguisher",
        name="1号楼1层灭火器箱",
        extinguisher_type="dry_powder",
        production_date=datetime.date(2025, 6, 1),
        quantity=2,
    )
    check(world, hydrant, local(2026, 3, 31, 23, 30))  # late on the last night: March in Beijing time
    findings = run(local(2026, 4, 4))
    assert list(findings.values_list("check_id", "subject")) == [
        ("4.3.extinguisher_check", f"fireequipment:{extinguisher.pk}")
    ]


def test_a_facility_out_of_use_is_not_due(world):
    hydrant = equipment(world, active=False)
    assert found(local(2026, 6, 1), "4.3.equipment_check") == []
    assert hydrant.checks.count() == 0


# -- extinguishers past their scrapping age, at the boundary day of each type -----------------------------


@pytest.mark.parametrize(
    ("kind", "years"), [("water_based", 6), ("dry_powder", 10), ("clean_agent", 10), ("co2", 12)]
)
def test_an_extinguisher_is_past_its_age_from_the_day_it_reaches_it(world, kind, years):
    item = equipment(
        world,
        kind="extinguisher",
        name="地下车库灭火器",
        extinguisher_type=kind,
        production_date=datetime.date(2026 - years, 4, 10),
        since=datetime.date(2026, 1, 1),
    )
    assert found(local(2026, 4, 9, 23, 59), "4.3.extinguisher_age") == []
    (finding,) = found(local(2026, 4, 10), "4.3.extinguisher_age")
    assert finding.period_start == local(2026, 4, 10) and finding.period_end is None
    assert finding.subject == f"fireequipment:{item.pk}" and finding.state == FindingState.OPEN
    assert f"{years}年报废年限" in finding.message and "2026年4月10日" in finding.message
    assert finding.parameters == {f"max_age_{kind}": str(years)}


def test_the_age_counts_calendar_years_from_a_leap_day(world):
    equipment(
        world,
        kind="extinguisher",
        name="配电室灭火器",
        extinguisher_type="water_based",
        production_date=datetime.date(2020, 2, 29),
        since=datetime.date(2025, 1, 1),
    )
    assert found(local(2026, 2, 27, 23, 59), "4.3.extinguisher_age") == []
    (finding,) = found(local(2026, 2, 28), "4.3.extinguisher_age")
    assert finding.period_start == local(2026, 2, 28)


def test_an_extinguisher_replaced_closes_its_finding(world):
    item = equipment(
        world,
        kind="extinguisher",
        name="配电室灭火器",
        extinguisher_type="co2",
        production_date=datetime.date(2012, 1, 5),
        since=datetime.date(2025, 1, 1),
    )
    (finding,) = found(local(2026, 3, 1), "4.3.extinguisher_age")
    item.active = False
    item.save()
    run(local(2026, 3, 2))
    finding.refresh_from_db()
    assert finding.state == FindingState.CLOSED


# -- yearly tests, counted in calendar months -----------------------------------------------------------


def full_test(world, system, when, result="passed", problems=""):
    return record_test(
        world.users["staff"],
        FireSystemTest(
            equipment=system,
            occurred_at=when,
            tester="内蒙古消防技术服务有限公司",
            result=result,
            problems=problems,
            attachment=report(),
        ),
        channel="web",
        now=when + MINUTE,
    )


def test_full_tests_exactly_a_year_apart_pass_a_minute_more_does_not(world):
    alarm = equipment(world, kind="alarm_system", name="火灾自动报警系统", since=datetime.date(2025, 3, 1))
    first = full_test(world, alarm, local(2025, 3, 10, 10))
    full_test(world, alarm, local(2026, 3, 10, 10))
    assert found(local(2026, 3, 20), "4.3.full_test") == []
    sprinkler = equipment(
        world, kind="sprinkler_system", name="地下车库喷淋", since=datetime.date(2025, 3, 1)
    )
    full_test(world, sprinkler, local(2025, 3, 10, 10))
    late = full_test(world, sprinkler, local(2026, 3, 10, 10, 1))
    (gap,) = found(local(2026, 3, 20), "4.3.full_test")
    assert gap.subject == f"fireequipment:{sprinkler.pk}" and gap.state == FindingState.CLOSED
    assert gap.evidence[1] == f"safety.firesystemtest:{late.pk}" and first.pk not in gap.evidence
    assert "1年" in gap.message and gap.parameters["period"] == "1"


def test_an_untested_system_is_an_open_finding_a_year_after_it_went_into_service(world):
    equipment(world, kind="smoke_control", name="防排烟系统", since=datetime.date(2025, 3, 1))
    equipment(world, name="室外消火栓", since=datetime.date(2025, 3, 1))  # not a system: no full test
    assert found(local(2026, 3, 1), "4.3.full_test") == []
    (gap,) = found(local(2026, 3, 1, 0, 1), "4.3.full_test")
    assert gap.period_start == local(2025, 3, 1) and gap.period_end is None


def protection_test(world, model, asset, when, result="passed", problems=""):
    record = model(
        protection=asset,
        occurred_at=when,
        tester="包头市防雷检测中心",
        result=result,
        problems=problems,
        attachment=report(),
    )
    return record_test(world.users["staff"], record, channel="web", now=when + MINUTE)


def lightning(world, name, hazardous):
    return LightningProtection.objects.create(
        project=world.inside.project,
        name=name,
        hazardous=hazardous,
        in_service_from=datetime.date(2025, 9, 1),
    )


def test_lightning_every_six_months_where_hazardous_else_every_year(world):
    boiler = lightning(world, "燃气锅炉房", True)
    tower = lightning(world, "1号楼防雷装置", False)
    for asset in (boiler, tower):
        protection_test(world, LightningTest, asset, local(2025, 9, 10, 10))
    assert found(local(2026, 3, 10, 10), "4.4.lightning_test") == []
    (gap,) = found(local(2026, 3, 10, 10, 1), "4.4.lightning_test")
    assert gap.subject == f"lightningprotection:{boiler.pk}" and gap.period_end is None
    assert gap.parameters["period_hazardous"] == "6" and "6个月" in gap.message
    assert found(local(2026, 9, 10, 10), "4.4.lightning_test") == [gap]
    late = {g.subject: g for g in found(local(2026, 9, 10, 10, 1), "4.4.lightning_test")}
    assert set(late) == {f"lightningprotection:{boiler.pk}", f"lightningprotection:{tower.pk}"}
    assert late[f"lightningprotection:{tower.pk}"].parameters["period"] == "1"


def test_flood_checks_at_most_a_year_apart(world):
    pumps = FloodProtection.objects.create(
        project=world.inside.project,
        name="地下车库排水泵",
        kind="drainage_pump",
        in_service_from=datetime.date(2025, 5, 1),
    )
    protection_test(world, FloodCheck, pumps, local(2025, 5, 20, 9))
    assert found(local(2026, 5, 20, 9), "4.4.flood_check") == []
    (gap,) = found(local(2026, 5, 20, 9, 1), "4.4.flood_check")
    assert gap.subject == f"floodprotection:{pumps.pk}"


# -- problems fixed by their deadline -------------------------------------------------------------------


def passage(world):
    return FirePassage.objects.create(
        project=world.inside.project, name="3号楼东侧消防车道", in_service_from=datetime.date(2026, 1, 1)
    )


def blocked(world, where, when):
    (record,) = record_passage_checks(
        world.users["staff"],
        where.project,
        [(where, {"outcome": "blocked", "note": "私家车占用", "attachment": photo()})],
        inspector="赵保安",
        channel="phone",
        occurred_at=when,
        now=when + MINUTE,
    )
    return record


def fix(world, record, when):
    return fix_defect(
        world.users["staff"],
        DefectFix(defect=record.defect, occurred_at=when, note="已联系车主挪走"),
        channel="phone",
        now=when + MINUTE,
    )


def test_a_blocked_passage_cleared_exactly_at_its_deadline_passes(world):
    record = blocked(world, passage(world), local(2026, 3, 5, 8))
    assert record.defect.check_id == "4.3.passage_cleared"
    assert record.defect.deadline == local(2026, 3, 6, 8)
    fix(world, record, local(2026, 3, 6, 8))
    assert found(local(2026, 3, 10), "4.3.passage_cleared") == []


def test_a_blocked_passage_cleared_a_minute_late_is_a_closed_finding(world):
    record = blocked(world, passage(world), local(2026, 3, 5, 8))
    assert found(local(2026, 3, 6, 8), "4.3.passage_cleared") == []
    (finding,) = found(local(2026, 3, 6, 8, 1), "4.3.passage_cleared")
    assert finding.state == FindingState.OPEN and "私家车占用" in finding.message
    assert finding.evidence == [f"safety.firepassagecheck:{record.pk}"]
    fix(world, record, local(2026, 3, 6, 8, 1))
    (finding,) = found(local(2026, 3, 10), "4.3.passage_cleared")
    assert finding.period_end == local(2026, 3, 6, 8, 1)


@pytest.mark.parametrize(
    ("make", "check_id", "days"),
    [
        ("monthly", "4.3.equipment_repaired", 7),
        ("full_test", "4.3.equipment_repaired", 7),
        ("lightning", "4.4.defect_fixed", 30),
        ("flood", "4.4.defect_fixed", 30),
    ],
)
def test_a_fault_or_failed_test_is_repaired_by_its_deadline(world, make, check_id, days):
    when = local(2026, 3, 5, 10)
    if make == "monthly":
        record = check(world, equipment(world), when, result="faulty", problem="消火栓箱水带缺失")
    elif make == "full_test":
        system = equipment(world, kind="alarm_system", name="火灾报警系统")
        record = full_test(world, system, when, result="failed", problems="3号楼烟感探测器故障2只")
    elif make == "lightning":
        record = protection_test(
            world, LightningTest, lightning(world, "1号楼", False), when, "failed", "接地电阻超标"
        )
    else:
        pumps = FloodProtection.objects.create(
            project=world.inside.project,
            name="排水泵",
            kind="drainage_pump",
            in_service_from=datetime.date(2026, 1, 1),
        )
        record = protection_test(world, FloodCheck, pumps, when, "failed", "1号泵不启动")
    defect = Defect.objects.get(source=f"{record._meta.label_lower}:{record.pk}")
    assert defect.check_id == check_id and defect.deadline == when + datetime.timedelta(days=days)
    assert found(defect.deadline, check_id) == []
    (finding,) = found(defect.deadline + MINUTE, check_id)
    assert finding.subject == f"defect:{defect.pk}" and finding.parameters == {
        "fix_deadline": str(datetime.timedelta(days=days))
    }


def test_a_good_result_opens_no_defect(world):
    record = check(world, equipment(world), local(2026, 3, 5, 10))
    assert record.defect is None and not Defect.objects.exists()


# -- refusals write nothing ------------------------------------------------------------------------------


def record_counts():
    from wuye.safety.models import FireEquipmentCheck, FirePassageCheck

    models = (FireEquipmentCheck, FirePassageCheck, FireSystemTest, LightningTest, FloodCheck, Defect)
    return [model.objects.count() for model in models]


def test_a_record_before_service_or_of_an_asset_out_of_use_is_refused(world):
    from django.core.exceptions import ValidationError

    hydrant = equipment(world, since=datetime.date(2026, 3, 1))
    with pytest.raises(ValidationError, match="投用日期"):
        check(world, hydrant, local(2026, 2, 28, 23, 59))
    hydrant.active = False
    hydrant.save()
    with pytest.raises(ValidationError, match="已停用"):
        check(world, hydrant, local(2026, 3, 5, 10))
    assert record_counts() == [0] * 6


@pytest.mark.parametrize("role", ["regulator", "committee", "owner", "developer"])
def test_who_only_reads_the_project_records_nothing(world, role):
    from django.core.exceptions import PermissionDenied

    where = passage(world)
    when = local(2026, 3, 5, 8)
    with pytest.raises(PermissionDenied):
        record_passage_checks(
            world.users[role],
            where.project,
            [(where, {"outcome": "clear", "note": ""})],
            inspector="某人",
            channel="web",
            occurred_at=when,
            now=when + MINUTE,
        )
    with pytest.raises(PermissionDenied):
        full_test_by(world, role)
    assert record_counts() == [0] * 6


def full_test_by(world, role):
    system = equipment(world, kind="alarm_system", name="报警系统", since=datetime.date(2025, 1, 1))
    when = local(2026, 3, 5, 8)
    return record_test(
        world.users[role],
        FireSystemTest(
            equipment=system, occurred_at=when, tester="某公司", result="passed", attachment=report()
        ),
        channel="web",
        now=when + MINUTE,
    )


def test_the_first_day_cannot_move_after_records_already_made(world):
    from django.core.exceptions import ValidationError

    hydrant = equipment(world, since=datetime.date(2026, 3, 1))
    check(world, hydrant, local(2026, 3, 5, 10))
    hydrant.in_service_from = datetime.date(2026, 3, 6)
    with pytest.raises(ValidationError, match="已有2026-03-05的记录"):
        hydrant.full_clean()


def test_a_correction_replaces_the_test_it_corrects(world):
    system = equipment(world, kind="alarm_system", name="火灾自动报警系统", since=datetime.date(2025, 3, 1))
    full_test(world, system, local(2025, 3, 10, 10))
    wrong = full_test(world, system, local(2026, 3, 1, 10))  # entered on the wrong system, say
    assert found(local(2026, 3, 20), "4.3.full_test") == []
    correction = FireSystemTest(
        equipment=system,
        occurred_at=local(2026, 3, 11, 10),
        tester="内蒙古消防技术服务有限公司",
        result="passed",
        attachment=report(),
        corrects=wrong,
    )
    record_test(world.users["staff"], correction, channel="web", now=local(2026, 3, 20))
    (gap,) = found(local(2026, 3, 20, 0, 1), "4.3.full_test")
    assert gap.period_end == local(2026, 3, 11, 10)


def test_an_incremental_run_sees_a_late_test_close_a_gap(world):
    lightning_asset = lightning(world, "1号楼防雷装置", False)
    protection_test(world, LightningTest, lightning_asset, local(2025, 9, 10, 10))
    evaluate(local(2026, 9, 11), full=True, checks=FIRE_CHECKS, scores=False)
    (gap,) = Finding.objects.filter(check_id="4.4.lightning_test")
    assert gap.state == FindingState.OPEN
    protection_test(world, LightningTest, lightning_asset, local(2026, 9, 12, 9))
    run = evaluate(local(2026, 9, 12, 10))
    assert run.full is False
    gap.refresh_from_db()
    assert gap.state == FindingState.CLOSED and gap.period_end == local(2026, 9, 12, 9)
