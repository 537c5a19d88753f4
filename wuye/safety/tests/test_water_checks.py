"""The checks of clauses 4.6 and 4.7, each at its boundary: exactly the limit passes, a step over fails."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wuye.compliance.catalogue import check as catalogue_check
from wuye.compliance.engine import evaluate
from wuye.compliance.models import Finding, FindingState, ParameterOverride
from wuye.safety.actions_water import (
    handle_water_quality_report,
    record_pollution_incident,
    record_pollution_report,
    record_septic_emptying,
    record_sewer_check,
    record_sewer_flush,
    record_tank_cleaning,
    record_water_quality_report,
    record_water_test,
)
from wuye.safety.models import (
    Defect,
    DefectFix,
    PollutionIncident,
    PollutionReport,
    SepticEmptying,
    SepticTank,
    SewerCheck,
    SewerFlush,
    TankCleaning,
    WaterQualityReport,
    WaterTank,
    WaterTest,
)
from wuye.safety.tests.world import GOOD_WATER
from wuye.safety.water_limits import ROUTINE_ITEMS
from wuye.testing import factories as f

pytestmark = pytest.mark.django_db
MINUTE = datetime.timedelta(minutes=1)
DAY = datetime.timedelta(days=1)


def at(month, day, hour=0, minute=0, year=2026):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def findings(check_id, **filters):
    return Finding.objects.filter(check_id=check_id, **filters).order_by("period_start", "subject")


@pytest.fixture
def tank(world):
    return WaterTank.objects.create(
        project=world.inside.project,
        name="1号屋顶水箱",
        kind="roof",
        capacity=Decimal("20"),
        in_service_from=datetime.date(2026, 1, 1),
    )


def water(**values):
    base = {k: Decimal(v) if isinstance(v, str) else v for k, v in GOOD_WATER.items()}
    return {**base, **values}


def test_at(world, tank, when, *, user="staff", now=None, **values):
    return record_water_test(
        world.users[user],
        WaterTest(
            tank=tank,
            occurred_at=when,
            laboratory="包头市疾病预防控制中心",
            laboratory_cma="160512050123",
            **water(**values),
        ),
        channel="web",
        now=now or when + 3 * DAY,
    )


test_at.__test__ = False  # a helper, not a test


def cleaning_at(world, tank, when, *, user="staff"):
    return record_tank_cleaning(
        world.users[user],
        TankCleaning(tank=tank, occurred_at=when, contractor="洁源清洗公司", disinfectant="次氯酸钠"),
        channel="web",
        now=when + DAY,
    )


# 4.6.water_test and 4.6.tank_cleaning: at most 6 calendar months apart


def test_tests_exactly_six_months_apart_pass(world, tank):
    test_at(world, tank, at(1, 10, 10))
    test_at(world, tank, at(7, 10, 10))  # 10 January → 10 July: exactly 6 months
    evaluate(at(7, 20), full=True)
    assert not findings("4.6.water_test").exists()


def test_a_test_one_minute_after_six_months_leaves_a_gap(world, tank):
    first = test_at(world, tank, at(1, 10, 10))
    second = test_at(world, tank, at(7, 10, 10, 1))
    evaluate(at(7, 20), full=True)
    finding = findings("4.6.water_test").get()
    assert finding.state == FindingState.CLOSED
    assert (finding.period_start, finding.period_end) == (first.occurred_at, second.occurred_at)
    assert finding.evidence == [f"safety.watertest:{first.pk}", f"safety.watertest:{second.pk}"]
    assert finding.subject == f"watertank:{tank.pk}" and finding.subject_name == "包头花园 1号屋顶水箱"
    assert "6个月" in finding.message and "无水质检测" in finding.message
    assert finding.parameters == {"period": "6", "grace": "0:00:00", "backfill_fulfils": True}


def test_six_months_from_the_end_of_august_is_the_end_of_february(world, tank):
    tank.in_service_from = datetime.date(2025, 8, 1)
    tank.save()
    test_at(world, tank, at(8, 31, 9, year=2025))
    test_at(world, tank, at(2, 28, 9))
    evaluate(at(3, 1), full=True)
    assert not findings("4.6.water_test").exists()
    evaluate(at(3, 1, 9, 1), full=True)  # open from the test on 28 February: not yet 6 months
    assert not findings("4.6.water_test").exists()


def test_an_open_gap_begins_when_six_months_have_passed_and_closes_with_the_next_test(world, tank):
    first = test_at(world, tank, at(1, 10, 10))
    evaluate(at(7, 10, 10), full=True)
    assert not findings("4.6.water_test").exists()
    evaluate(at(7, 10, 10, 1), full=True)
    finding = findings("4.6.water_test").get()
    assert finding.state == FindingState.OPEN and finding.period_start == first.occurred_at
    assert "至7月10日 10:01" in finding.message

    test_at(world, tank, at(7, 15, 9), now=at(7, 16))
    evaluate(at(7, 16), full=True)
    finding.refresh_from_db()
    assert (finding.state, finding.period_end) == (FindingState.CLOSED, at(7, 15, 9))


def test_the_first_test_is_due_six_months_after_the_tank_went_into_service(world, tank):
    test_at(world, tank, at(7, 1, 0))
    evaluate(at(7, 5), full=True)
    assert not findings("4.6.water_test").exists()


def test_a_first_test_a_minute_late_is_a_leading_gap(world, tank):
    first = test_at(world, tank, at(7, 1, 0, 1))
    evaluate(at(7, 5), full=True)
    finding = findings("4.6.water_test").get()
    assert (finding.period_start, finding.period_end) == (at(1, 1), first.occurred_at)


def test_a_corrected_test_no_longer_counts(world, tank):
    test_at(world, tank, at(1, 10, 10))
    mistaken = test_at(world, tank, at(6, 10, 10))
    evaluate(at(7, 20), full=True)
    assert not findings("4.6.water_test").exists()
    correction = WaterTest(
        tank=tank,
        occurred_at=at(8, 1, 10),  # the sample was taken in August: the report was misdated
        laboratory="包头市疾病预防控制中心",
        laboratory_cma="160512050123",
        corrects=mistaken,
        **water(),
    )
    record_water_test(world.users["staff"], correction, channel="web", now=at(8, 5))
    evaluate(at(8, 5), full=True)
    finding = findings("4.6.water_test").get()
    assert (finding.period_start, finding.period_end) == (at(1, 10, 10), at(8, 1, 10))


def test_cleanings_six_months_apart_pass(world, tank):
    cleaning_at(world, tank, at(1, 5, 9))
    cleaning_at(world, tank, at(7, 5, 9))
    evaluate(at(7, 10), full=True)
    assert not findings("4.6.tank_cleaning").exists()


def test_a_cleaning_a_minute_late_is_a_finding(world, tank):
    first = cleaning_at(world, tank, at(1, 5, 9))
    second = cleaning_at(world, tank, at(7, 5, 9, 1))
    evaluate(at(7, 10), full=True)
    finding = findings("4.6.tank_cleaning").get()
    assert (finding.period_start, finding.period_end) == (first.occurred_at, second.occurred_at)
    assert "未清洗消毒" in finding.message
    assert finding.evidence == [f"safety.tankcleaning:{first.pk}", f"safety.tankcleaning:{second.pk}"]


def test_a_test_entered_more_than_30_days_after_sampling_is_back_filled_and_still_counts(world, tank):
    late = test_at(world, tank, at(1, 10, 10), now=at(2, 9, 10, 1))
    on_time = test_at(world, tank, at(7, 10, 10), now=at(8, 9, 10))
    assert (late.backfilled, on_time.backfilled) == (True, False)
    evaluate(at(8, 10), full=True)
    assert not findings("4.6.water_test").exists()  # backfill_fulfils: yes


def test_a_record_before_the_tank_was_in_service_or_with_a_bad_cma_number_is_refused(world, tank):
    with pytest.raises(ValidationError, match="投用日期"):
        test_at(world, tank, at(12, 31, 10, year=2025))
    with pytest.raises(ValidationError) as error:
        record_water_test(
            world.users["staff"],
            WaterTest(tank=tank, occurred_at=at(2, 1), laboratory="某检测站", laboratory_cma="无", **water()),
            channel="web",
            now=at(2, 2),
        )
    assert "laboratory_cma" in error.value.message_dict
    with pytest.raises(ValidationError, match="投用日期"):
        cleaning_at(world, tank, at(12, 31, 10, year=2025))
    assert not WaterTest.objects.exists() and not TankCleaning.objects.exists()


@pytest.mark.parametrize("role", ["regulator", "regulator_bt", "committee", "owner", "developer", "stranger"])
def test_only_who_records_the_projects_duties_records_tests_and_cleanings(world, tank, role):
    with pytest.raises(PermissionDenied):
        test_at(world, tank, at(2, 1), user=role)
    with pytest.raises(PermissionDenied):
        cleaning_at(world, tank, at(2, 1), user=role)
    assert not WaterTest.objects.exists() and not TankCleaning.objects.exists()


# 4.6.water_quality: each routine item against its limit

# (item, the limit exactly, one step over it): the step is the precision the field keeps.
BOUNDARIES = [
    ("colour", Decimal("15.0"), Decimal("15.1")),
    ("turbidity", Decimal("1.00"), Decimal("1.01")),
    ("odour_visible_matter", False, True),
    ("ph", Decimal("6.50"), Decimal("6.49")),
    ("ph", Decimal("8.50"), Decimal("8.51")),
    ("total_coliforms", False, True),
    ("total_bacteria", 100, 101),
    ("residual_chlorine", Decimal("0.05"), Decimal("0.04")),
]
WORDS = {
    "colour": ("色度", "15.1 度", "不超过15 度"),
    "turbidity": ("浑浊度", "1.01 NTU", "不超过1 NTU"),
    "odour_visible_matter": ("臭和味、肉眼可见物", "检出", "不得检出"),
    "total_coliforms": ("总大肠菌群", "检出", "不得检出"),
    "total_bacteria": ("菌落总数", "101 CFU/mL", "不超过100 CFU/mL"),
    "residual_chlorine": ("游离余氯", "0.04 mg/L", "不低于0.05 mg/L"),
}
PARAMETERS = {
    "colour": {"colour_max": "15"},
    "turbidity": {"turbidity_max": "1"},
    "odour_visible_matter": {"odour_taste_allowed": "False"},
    "ph": {"ph_min": "6.5", "ph_max": "8.5"},
    "total_coliforms": {"coliforms_allowed": "False"},
    "total_bacteria": {"total_bacteria_max": "100"},
    "residual_chlorine": {"free_chlorine_min": "0.05"},
}


def quality_findings():
    return findings("4.6.water_quality")


@pytest.mark.parametrize("item,limit,over", BOUNDARIES, ids=[f"{b[0]}-{b[2]}" for b in BOUNDARIES])
def test_each_value_exactly_at_its_limit_passes_and_one_step_over_fails(world, tank, item, limit, over):
    test_at(world, tank, at(2, 1, 9), **{item: limit})
    evaluate(at(2, 10), full=True)
    assert not quality_findings().exists()

    failed = test_at(world, tank, at(3, 1, 9), **{item: over})
    evaluate(at(3, 10), full=True)
    finding = quality_findings().get()
    assert finding.subject == f"watertest:{failed.pk}:{item}"
    assert (finding.state, finding.period_start, finding.period_end) == (FindingState.OPEN, at(3, 1, 9), None)
    assert finding.evidence == [f"safety.watertest:{failed.pk}"]
    assert finding.parameters == PARAMETERS[item]
    assert (
        finding.project_id == world.inside.project.pk and finding.enterprise_id == world.inside.enterprise.pk
    )
    assert finding.severity == "severe" and finding.points == 10
    if item == "ph":
        label, value, bound = "pH", str(over), "6.5至8.5"
    else:
        label, value, bound = WORDS[item]
    assert f"{label}为{value}，不符合限值（{bound}）" in finding.message
    assert "1号屋顶水箱 3月1日 09:00采样的水质检测（包头市疾病预防控制中心）" in finding.message


def test_the_routine_items_are_the_catalogues(world):
    spec = {p.name: p.default for p in catalogue_check("4.6.water_test").parameters}
    assert list(spec["routine_items"]) == [item.name for item in ROUTINE_ITEMS]


def test_one_finding_per_failed_item_closed_item_by_item_by_passing_retests(world, tank):
    failed = test_at(world, tank, at(3, 1, 9), turbidity=Decimal("1.50"), total_bacteria=300)
    evaluate(at(3, 10), full=True)
    assert [f.subject for f in quality_findings()] == [
        f"watertest:{failed.pk}:total_bacteria",
        f"watertest:{failed.pk}:turbidity",
    ]
    # After cleaning, a retest: turbidity fine, bacteria still too many.
    retest = test_at(world, tank, at(3, 20, 9), total_bacteria=150, now=at(3, 25))
    evaluate(at(3, 25), full=True)
    turbidity = quality_findings().get(subject=f"watertest:{failed.pk}:turbidity")
    bacteria = quality_findings().get(subject=f"watertest:{failed.pk}:total_bacteria")
    assert (turbidity.state, turbidity.period_end) == (FindingState.CLOSED, at(3, 20, 9))
    assert turbidity.evidence == [f"safety.watertest:{failed.pk}", f"safety.watertest:{retest.pk}"]
    assert "3月20日 09:00复检合格" in turbidity.message
    assert bacteria.state == FindingState.OPEN
    assert quality_findings().get(subject=f"watertest:{retest.pk}:total_bacteria").state == FindingState.OPEN
    evaluate(at(3, 25), full=True)  # idempotent
    assert quality_findings().count() == 3


def test_a_corrected_value_withdraws_its_finding(world, tank):
    mistyped = test_at(world, tank, at(3, 1, 9), turbidity=Decimal("10.0"))
    evaluate(at(3, 10), full=True)
    finding = quality_findings().get()
    record_water_test(
        world.users["staff"],
        WaterTest(
            tank=tank,
            occurred_at=at(3, 1, 9),
            laboratory="包头市疾病预防控制中心",
            laboratory_cma="160512050123",
            corrects=mistyped,
            **water(turbidity=Decimal("0.10")),
        ),
        channel="web",
        now=at(3, 11),
    )
    evaluate(at(3, 11), full=True)
    finding.refresh_from_db()
    assert finding.state == FindingState.WITHDRAWN and quality_findings().count() == 1


def test_a_divisions_own_limit_applies_and_is_recorded(world, tank):
    ParameterOverride.objects.create(
        check_id="4.6.water_quality",
        name="turbidity_max",
        division=f.division("150200"),
        valid_from=datetime.date(2026, 1, 1),
        value="0.5",
        reason="本市二次供水浑浊度从严",
        set_by=world.users["regulator"],
    )
    test_at(world, tank, at(3, 1, 9), turbidity=Decimal("0.50"))
    test_at(world, tank, at(4, 1, 9), turbidity=Decimal("0.51"))
    evaluate(at(4, 10), full=True)
    finding = quality_findings().get()
    assert finding.parameters == {"turbidity_max": "0.5"} and "不超过0.5 NTU" in finding.message


# 4.6.odour_ticket_closed: a water-quality report handled within 24 hours


def report_at(world, when, *, user="staff", tank=None):
    report = WaterQualityReport(
        project=world.inside.project,
        tank=tank,
        occurred_at=when,
        complaint="colour",
        description="水发黄",
        reporter="王先生",
        place="2号楼301",
    )
    defect = record_water_quality_report(world.users[user], report, channel="phone", now=when + MINUTE)
    return report, defect


def handle(world, report, when, *, user="staff"):
    fix = DefectFix(occurred_at=when, note="已排放管道存水，水质恢复")
    return handle_water_quality_report(world.users[user], report, fix, channel="phone", now=when + MINUTE)


def test_a_report_opens_a_defect_due_in_24_hours(world, tank):
    report, defect = report_at(world, at(3, 1, 10), tank=tank)
    assert (defect.check_id, defect.source) == (
        "4.6.odour_ticket_closed",
        f"safety.waterqualityreport:{report.pk}",
    )
    assert defect.deadline == at(3, 2, 10) and defect.subject_name == "包头花园 1号屋顶水箱"
    assert defect.description == "变色、浑浊：水发黄（王先生反映）"


def test_a_report_handled_exactly_at_the_deadline_passes_and_a_minute_later_fails(world):
    on_time, _defect = report_at(world, at(3, 1, 10))
    late, late_defect = report_at(world, at(3, 5, 10))
    handle(world, on_time, at(3, 2, 10))
    handle(world, late, at(3, 6, 10, 1))
    evaluate(at(3, 7), full=True)
    finding = findings("4.6.odour_ticket_closed").get()
    assert finding.subject == f"defect:{late_defect.pk}"
    assert (finding.state, finding.period_start, finding.period_end) == (
        FindingState.CLOSED,
        at(3, 6, 10),
        at(3, 6, 10, 1),
    )
    assert finding.parameters == {"close_deadline": "1 day, 0:00:00"}
    assert "水发黄" in finding.message and finding.evidence == [f"safety.waterqualityreport:{late.pk}"]


def test_a_report_not_handled_is_open_from_its_deadline(world):
    report_at(world, at(3, 1, 10))
    evaluate(at(3, 2, 10), full=True)
    assert not findings("4.6.odour_ticket_closed").exists()
    evaluate(at(3, 2, 10, 1), full=True)
    assert findings("4.6.odour_ticket_closed").get().state == FindingState.OPEN


def test_the_service_desk_opens_a_report_for_an_owner(world):
    from wuye.safety.actions_water import open_water_quality_report

    report = WaterQualityReport(
        project=world.inside.project,
        occurred_at=timezone.now(),
        complaint="odour",
        description="有异味",
        reporter="包头业主",
        ticket="servicedesk.ticket:7",
    )
    defect = open_water_quality_report(report, user=world.users["owner"], channel="web")
    assert report.recorded_by == world.users["owner"] and report.ticket == "servicedesk.ticket:7"
    assert defect.subject_name == "包头花园 二次供水"


@pytest.mark.parametrize("role", ["regulator", "committee", "owner", "developer"])
def test_who_only_reads_the_project_neither_reports_nor_handles(world, role):
    with pytest.raises(PermissionDenied):
        report_at(world, at(3, 1, 10), user=role)
    assert not WaterQualityReport.objects.exists() and not Defect.objects.exists()
    report, _defect = report_at(world, at(3, 1, 10))
    with pytest.raises(PermissionDenied):
        handle(world, report, at(3, 1, 12), user=role)
    assert not DefectFix.objects.exists()


def test_a_tank_of_another_project_is_refused(world, tank):
    other = WaterTank.objects.create(
        project=world.outside.project,
        name="水箱",
        kind="roof",
        capacity=1,
        in_service_from=datetime.date(2026, 1, 1),
    )
    with pytest.raises(ValidationError):
        report_at(world, at(3, 1, 10), user="admin", tank=other)
    assert not WaterQualityReport.objects.exists()


# 4.6.pollution_reported: within 2 hours


def incident_at(world, when, *, reported=None, user="staff"):
    report = PollutionReport(occurred_at=reported, authority="区卫生健康委") if reported else None
    return record_pollution_incident(
        world.users[user],
        PollutionIncident(project=world.inside.project, occurred_at=when, description="水箱进入雨水"),
        report=report,
        channel="phone",
        now=(reported or when) + MINUTE,
    )


def test_reported_exactly_two_hours_after_passes_and_a_minute_later_fails(world):
    incident_at(world, at(3, 1, 10), reported=at(3, 1, 12))
    late = incident_at(world, at(3, 2, 10), reported=at(3, 2, 12, 1))
    evaluate(at(3, 3), full=True)
    finding = findings("4.6.pollution_reported").get()
    report = late.reports.get()
    assert finding.subject == f"pollutionincident:{late.pk}"
    assert (finding.state, finding.period_start, finding.period_end) == (
        FindingState.CLOSED,
        at(3, 2, 12),
        at(3, 2, 12, 1),
    )
    assert finding.evidence == [f"safety.pollutionincident:{late.pk}", f"safety.pollutionreport:{report.pk}"]
    assert "12:01才报告区卫生健康委，距发现2小时1分钟，超过时限2小时" in finding.message
    assert finding.parameters == {"report_deadline": "2:00:00"} and finding.points == 10


def test_an_unreported_incident_is_open_from_the_deadline_until_a_report(world):
    incident = incident_at(world, at(3, 1, 10))
    evaluate(at(3, 1, 12), full=True)
    assert not findings("4.6.pollution_reported").exists()
    evaluate(at(3, 1, 12, 1), full=True)
    finding = findings("4.6.pollution_reported").get()
    assert finding.state == FindingState.OPEN and "仍未报告相关部门" in finding.message

    record_pollution_report(
        world.users["staff"],
        PollutionReport(incident=incident, occurred_at=at(3, 1, 15), authority="区住建局"),
        channel="phone",
        now=at(3, 1, 15, 5),
    )
    evaluate(at(3, 1, 16), full=True)
    finding.refresh_from_db()
    assert (finding.state, finding.period_end) == (FindingState.CLOSED, at(3, 1, 15))


def test_a_correction_keeps_the_report_of_the_incident_it_corrects(world):
    incident = incident_at(world, at(3, 1, 10), reported=at(3, 1, 11))
    record_pollution_incident(
        world.users["staff"],
        PollutionIncident(
            project=world.inside.project,
            occurred_at=at(3, 1, 10),
            description="水箱进入污水",
            corrects=incident,
        ),
        channel="phone",
        now=at(3, 1, 13),
    )
    evaluate(at(3, 2), full=True)
    assert not findings("4.6.pollution_reported").exists()


def test_a_report_before_the_pollution_was_found_is_refused(world):
    incident = incident_at(world, at(3, 1, 10))
    with pytest.raises(ValidationError, match="不能早于"):
        record_pollution_report(
            world.users["staff"],
            PollutionReport(incident=incident, occurred_at=at(3, 1, 9), authority="区住建局"),
            channel="phone",
            now=at(3, 1, 11),
        )
    assert not PollutionReport.objects.exists()


# 4.7: monthly sewer checks and quarterly flushing of the served project, quarterly septic emptying


@pytest.fixture
def served(world):
    """The inside project served since 15 January 2026 (the outside one is no longer served)."""
    period = world.inside.period
    period.start = datetime.date(2026, 1, 15)
    period.save()
    outside = world.outside.period
    outside.end = datetime.date(2025, 12, 31)
    outside.save()
    return world.inside.project


def sewer_check_at(world, when, *, user="staff"):
    record = SewerCheck(project=world.inside.project, occurred_at=when, inspector="赵师傅")
    return record_sewer_check(world.users[user], record, channel="phone", now=when + MINUTE)


def flush_at(world, when):
    record = SewerFlush(
        project=world.inside.project, occurred_at=when, contractor="畅通疏通", extent="全部主管道"
    )
    return record_sewer_flush(world.users["staff"], record, channel="phone", now=when + MINUTE)


def test_a_month_without_a_sewer_check_is_due_by_the_third_of_the_next(world, served):
    for month in (1, 2, 3):
        sewer_check_at(world, at(month, 28, 10))
    sewer_check_at(world, at(5, 1, 0))  # the first minute of May is May's, not April's
    evaluate(at(5, 3, 23, 59), full=True)
    assert not findings("4.7.sewer_check").exists()
    evaluate(at(5, 4, 0, 0), full=True)
    finding = findings("4.7.sewer_check").get()
    assert (finding.subject, finding.subject_name) == (f"project:{served.pk}", "包头花园")
    assert (finding.period_start, finding.period_end) == (at(4, 1), at(5, 1))
    assert finding.message == "包头花园 2026年4月无排污管道排查记录（应于5月4日 00:00前完成）"
    assert finding.enterprise_id == world.inside.enterprise.pk
    assert finding.parameters == {"bucket": "1", "due_after": "3 days, 0:00:00"}


def test_the_last_minute_of_a_month_covers_it(world, served):
    for month in (1, 2, 3):
        sewer_check_at(world, at(month, 20, 10))
    sewer_check_at(world, at(4, 30, 23, 59))
    evaluate(at(5, 10), full=True)
    assert not findings("4.7.sewer_check").exists()


def test_the_takeover_month_is_owed_and_the_months_before_it_are_not(world, served):
    sewer_check_at(world, at(2, 10, 10))
    evaluate(at(3, 2), full=True)
    (finding,) = findings("4.7.sewer_check")  # January (taken over on the 15th), nothing earlier
    assert finding.period_start == at(1, 1)


def test_a_project_nobody_serves_owes_no_sewer_duties(world, served):
    evaluate(at(5, 10), full=True)
    subjects = set(findings("4.7.sewer_check").values_list("subject", flat=True))
    subjects |= set(findings("4.7.sewer_flush").values_list("subject", flat=True))
    assert subjects == {f"project:{served.pk}"}


def test_a_quarter_without_flushing_is_due_seven_days_after_it_ends(world, served):
    flush_at(world, at(3, 31, 23, 59))
    evaluate(at(7, 7, 23, 59), full=True)
    assert not findings("4.7.sewer_flush").exists()
    evaluate(at(7, 8), full=True)
    finding = findings("4.7.sewer_flush").get()
    assert (finding.period_start, finding.period_end) == (at(4, 1), at(7, 1))
    assert finding.message == "包头花园 2026年第2季度无排污管道冲洗记录（应于7月8日 00:00前完成）"
    assert finding.points == 5


def test_septic_tanks_are_emptied_each_quarter_and_only_projects_with_one_owe_it(world, served):
    septic = SepticTank.objects.create(
        project=world.inside.project, name="1号化粪池", in_service_from=datetime.date(2026, 1, 1)
    )
    record_septic_emptying(
        world.users["staff"],
        SepticEmptying(septic_tank=septic, occurred_at=at(3, 10, 9), contractor="环卫清掏队"),
        channel="phone",
        now=at(3, 10, 12),
    )
    evaluate(at(7, 7, 23, 59), full=True)
    assert not findings("4.7.septic_emptied").exists()
    evaluate(at(7, 8), full=True)
    finding = findings("4.7.septic_emptied").get()
    assert (finding.subject, finding.subject_name) == (f"septictank:{septic.pk}", "包头花园 1号化粪池")
    assert finding.message == "1号化粪池 2026年第2季度未清掏（应于7月8日 00:00前完成）"


@pytest.mark.parametrize("role", ["regulator", "committee", "owner", "developer", "stranger"])
def test_only_who_records_the_projects_duties_records_sewer_work(world, served, role):
    with pytest.raises(PermissionDenied):
        sewer_check_at(world, at(3, 1, 10), user=role)
    assert not SewerCheck.objects.exists()
