"""The checks of 3.4, 3.5, 4.5 and the entrance signs of 4.1, each at its boundary from both sides.

A document of day D is in force through D plus whole calendar months (a year: exactly a year passes)
and counts from the start of its own day; a duty runs from the takeover (plans, archive, vehicle rules)
or an entrance's first day (sign photos).
"""

import datetime

import pytest
from django.utils import timezone

from wuye.compliance.duties import start_of_day
from wuye.compliance.engine import evaluate
from wuye.compliance.models import Finding, FindingState, ParameterOverride
from wuye.regions.models import Division
from wuye.safety.actions_plans import (
    record_incident,
    record_plan,
    record_project_evidence,
    record_sign_photo,
    review_content,
    review_plan,
)
from wuye.safety.models import (
    ArchiveDocument,
    EmergencyPlan,
    Entrance,
    Incident,
    PlanReview,
    SignPhoto,
    StoppageNotice,
    VehicleRules,
)
from wuye.safety.tests.world import PNG, stored_file

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
TAKEOVER = datetime.date(2025, 3, 10)
A_YEAR_ON = datetime.date(2026, 3, 10)  # in force through this day
REQUIRED = ["fire", "elevator_failure", "water_outage", "power_outage"]
ARCHIVE = [
    "completion_site_plan",
    "completion_drawings",
    "utilities_pipe_drawings",
    "equipment_records",
    "warranty_usage_documents",
    "other_management_records",
    "acceptance_inspection_records",
    "owner_register",
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def served(world):
    """The inside project, taken over on TAKEOVER by its enterprise."""
    world.inside.period.start = TAKEOVER
    world.inside.period.save()
    return world


def at(day: datetime.date, hour=12, minute=0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def run(as_of, check_id):
    evaluate(as_of, full=True, checks={check_id}, scores=False)
    return Finding.objects.filter(check_id=check_id).order_by("period_start", "subject")


def mine(world, as_of, check_id):
    return run(as_of, check_id).filter(project=world.inside.project)


def approve(world, kind, day, hour=12):
    return record_plan(
        world.users["admin"],
        EmergencyPlan(
            project=world.inside.project,
            plan_type=kind,
            title=f"{kind}预案",
            approved_by="李经理",
            occurred_at=at(day, hour),
            attachment=stored_file("plan.pdf"),
        ),
        channel="web",
        now=at(day, hour),
    )


def review(world, plan, day):
    return review_plan(
        world.users["admin"],
        PlanReview(plan=plan, reviewer="李经理", conclusion="继续有效", occurred_at=at(day)),
        channel="web",
        now=at(day),
    )


# -- 3.4.plans_present -----------------------------------------------------------------------------------


def test_plans_approved_on_the_takeover_day_are_in_force_for_exactly_a_year(served):
    for kind in REQUIRED:
        approve(served, kind, TAKEOVER, hour=16)  # later that day: the day counts from its start

    assert not mine(served, at(A_YEAR_ON, 23, 59), "3.4.plans_present").exists()

    lapsed = mine(served, at(A_YEAR_ON + DAY, 0, 1), "3.4.plans_present")
    project = served.inside.project
    assert {f.subject for f in lapsed} == {f"project:{project.pk}:{kind}" for kind in REQUIRED}
    fire = lapsed.get(subject=f"project:{project.pk}:fire")
    assert (fire.state, fire.period_start, fire.period_end) == (
        FindingState.OPEN,
        start_of_day(A_YEAR_ON + DAY),
        None,
    )
    assert fire.subject_name == "包头花园 火灾应急预案"
    assert fire.message == "包头花园的火灾应急预案超过1年未复核，自2026年3月11日起不再有效"
    assert fire.parameters == {"plan_types": REQUIRED, "review_period": "1"}
    assert fire.enterprise_id == served.inside.enterprise.pk and fire.division_id == "150203"
    assert fire.evidence == [f"safety.planreview:{PlanReview.objects.get(plan__plan_type='fire').pk}"]


def test_a_review_a_year_later_to_the_day_keeps_the_plan_in_force_and_a_late_one_closes_the_lapse(served):
    plans = {kind: approve(served, kind, TAKEOVER) for kind in REQUIRED}
    review(served, plans["fire"], A_YEAR_ON)  # exactly a year: in time
    review(served, plans["water_outage"], A_YEAR_ON + 5 * DAY)  # five days late
    as_of = at(A_YEAR_ON + 10 * DAY)
    found = {f.subject.rsplit(":", 1)[1]: f for f in mine(served, as_of, "3.4.plans_present")}
    assert set(found) == {"elevator_failure", "water_outage", "power_outage"}
    late = found["water_outage"]
    assert (late.state, late.period_start, late.period_end) == (
        FindingState.CLOSED,
        start_of_day(A_YEAR_ON + DAY),
        start_of_day(A_YEAR_ON + 5 * DAY),
    )
    assert late.message == "包头花园 2026年3月11日至2026年3月15日没有有效的停水应急预案"
    assert found["power_outage"].state == FindingState.OPEN


def test_each_missing_type_is_one_finding_from_the_takeover(served):
    approve(served, "fire", TAKEOVER)
    approve(served, "flood", TAKEOVER)  # another type counts for nothing
    found = mine(served, at(TAKEOVER + 30 * DAY), "3.4.plans_present")
    assert [f.subject.rsplit(":", 1)[1] for f in found] == [
        "elevator_failure",
        "power_outage",
        "water_outage",
    ]
    assert all(f.period_start == start_of_day(TAKEOVER) and f.state == FindingState.OPEN for f in found)
    assert found[0].message == "包头花园自2025年3月10日起没有电梯故障应急预案"
    # The other side's project is served too, without any plan: four findings of its own.
    outside = Finding.objects.filter(check_id="3.4.plans_present", project=served.outside.project)
    assert outside.count() == 4


def test_a_plan_approved_the_day_after_the_takeover_misses_one_day(served):
    for kind in REQUIRED:
        approve(served, kind, TAKEOVER + (DAY if kind == "fire" else datetime.timedelta(0)))
    (late,) = mine(served, at(TAKEOVER + 2 * DAY), "3.4.plans_present")
    assert late.subject.endswith(":fire")
    assert (late.period_start, late.period_end) == (start_of_day(TAKEOVER), start_of_day(TAKEOVER + DAY))


def test_runs_are_idempotent_and_a_late_plan_closes_the_finding(served):
    for kind in REQUIRED[:3]:
        approve(served, kind, TAKEOVER)
    as_of = at(TAKEOVER + 40 * DAY)
    first = list(mine(served, as_of, "3.4.plans_present").values_list("pk", "key", "state"))
    assert list(mine(served, as_of, "3.4.plans_present").values_list("pk", "key", "state")) == first
    approve(served, "power_outage", TAKEOVER + 41 * DAY)
    (closed,) = mine(served, at(TAKEOVER + 42 * DAY), "3.4.plans_present")
    assert (closed.pk, closed.state, closed.period_end) == (
        first[0][0],
        FindingState.CLOSED,
        start_of_day(TAKEOVER + 41 * DAY),
    )


def test_a_region_may_require_more_plan_types(served):
    for kind in REQUIRED:
        approve(served, kind, TAKEOVER)
    ParameterOverride.objects.create(
        check_id="3.4.plans_present",
        name="plan_types",
        division=Division.objects.get(code="150200"),
        valid_from=TAKEOVER,
        value=[*REQUIRED, "snowstorm"],
        reason="包头市要求暴雪寒潮预案",
        set_by=served.users["admin"],
    )
    (snow,) = mine(served, at(TAKEOVER + DAY), "3.4.plans_present")
    assert snow.subject.endswith(":snowstorm") and "暴雪寒潮" in snow.message
    assert snow.parameters["plan_types"] == [*REQUIRED, "snowstorm"]


# -- 3.4.plan_started ------------------------------------------------------------------------------------


def incident(world, kind, *, started=None, plan_started=None, ended=None, corrects=None):
    started = started or timezone.now() - 3 * DAY
    return record_incident(
        world.users["admin"],
        Incident(
            project=world.inside.project,
            plan_type=kind,
            type_name="沙尘暴" if kind == "other" else "",
            occurred_at=started,
            plan_started_at=plan_started,
            ended_at=ended,
            description="2号楼电梯困人",
            actions="救出",
            corrects=corrects,
        ),
        channel="web",
    )


def test_an_incident_of_a_required_type_without_its_plan_started_is_a_finding(world):
    began = timezone.now() - 3 * DAY
    started = incident(world, "elevator_failure", started=began, plan_started=began, ended=began + DAY)
    missed = incident(world, "elevator_failure", started=began, ended=began + 2 * DAY)
    incident(world, "flood", started=began)  # not a required type
    incident(world, "other", started=began)
    (finding,) = run(timezone.now(), "3.4.plan_started")
    assert finding.subject == f"incident:{missed.pk}" and started.pk != missed.pk
    assert (finding.period_start, finding.period_end, finding.state) == (
        began,
        began + 2 * DAY,
        FindingState.CLOSED,
    )
    assert finding.message.endswith("发生电梯故障事件（2号楼电梯困人），未启动应急预案")
    assert finding.evidence == [f"safety.incident:{missed.pk}"]


def test_an_incident_still_going_on_is_open_and_a_correction_starting_the_plan_withdraws_it(world):
    began = timezone.now() - 2 * DAY
    ongoing = incident(world, "power_outage", started=began)
    (finding,) = run(timezone.now(), "3.4.plan_started")
    assert finding.state == FindingState.OPEN
    incident(
        world,
        "power_outage",
        started=began,
        plan_started=began + DAY / 24,
        ended=began + DAY,
        corrects=ongoing,
    )
    finding.refresh_from_db()
    run(timezone.now(), "3.4.plan_started")
    finding.refresh_from_db()
    assert finding.state == FindingState.WITHDRAWN


# -- 3.4.stoppage_notice ---------------------------------------------------------------------------------


def notice(world, starts, told):
    return record_project_evidence(
        world.users["admin"],
        StoppageNotice(
            project=world.inside.project,
            kind="water",
            planned_start=starts,
            planned_end=starts + DAY / 6,
            occurred_at=told,
            method="notice_board",
            area="1号楼",
            reason="水箱清洗",
            attachment=stored_file("notice.png", PNG),
        ),
        channel="web",
        now=told,
    )


def test_a_stoppage_told_exactly_24_hours_ahead_passes_and_a_minute_less_is_a_finding(world):
    starts = at(timezone.localdate() - 3 * DAY, 9)
    notice(world, starts, starts - 24 * datetime.timedelta(hours=1))
    short = notice(world, starts + DAY, starts + DAY - datetime.timedelta(hours=23, minutes=59))
    (finding,) = run(timezone.now(), "3.4.stoppage_notice")
    assert finding.subject == f"stoppagenotice:{short.pk}"
    assert (finding.period_start, finding.period_end) == (starts, short.occurred_at)
    assert "仅提前23小时59分钟，应至少提前1天" in finding.message
    assert finding.parameters == {"notice_before": "1 day, 0:00:00"}


def test_a_stoppage_told_after_it_began_says_so(world):
    starts = at(timezone.localdate() - 3 * DAY, 9)
    notice(world, starts, starts + datetime.timedelta(minutes=30))
    (finding,) = run(timezone.now(), "3.4.stoppage_notice")
    assert "计划停水" in finding.message and "停水开始后" in finding.message


# -- 3.5.archive_complete --------------------------------------------------------------------------------


def file(world, category, day):
    return record_project_evidence(
        world.users["admin"],
        ArchiveDocument(
            project=world.inside.project,
            category=category,
            title=category,
            occurred_at=at(day, 17),
            attachment=stored_file("plan.pdf"),
        ),
        channel="web",
        now=at(day, 17),
    )


def test_an_archive_complete_on_the_takeover_day_passes(served):
    for category in ARCHIVE:
        file(served, category, TAKEOVER)
    assert not mine(served, at(TAKEOVER + DAY), "3.5.archive_complete").exists()


def test_one_finding_per_project_names_the_missing_categories_and_closes_when_they_come(served):
    for category in ARCHIVE[:6]:
        file(served, category, TAKEOVER)
    file(served, "other", TAKEOVER)  # not a category asked for
    (finding,) = mine(served, at(TAKEOVER + 10 * DAY), "3.5.archive_complete")
    assert (finding.subject, finding.state, finding.period_start) == (
        f"project:{served.inside.project.pk}",
        FindingState.OPEN,
        start_of_day(TAKEOVER),
    )
    assert finding.message == "包头花园的电子档案自2025年3月10日起缺少2类资料：承接查验记录、业主名册"
    assert finding.parameters["missing"] == ["acceptance_inspection_records", "owner_register"]

    file(served, "acceptance_inspection_records", TAKEOVER + 11 * DAY)
    (finding,) = mine(served, at(TAKEOVER + 12 * DAY), "3.5.archive_complete")
    assert finding.state == FindingState.OPEN and "缺少1类资料：业主名册" in finding.message
    file(served, "owner_register", TAKEOVER + 12 * DAY)
    (finding,) = mine(served, at(TAKEOVER + 13 * DAY), "3.5.archive_complete")
    assert (finding.state, finding.period_end) == (FindingState.CLOSED, start_of_day(TAKEOVER + 12 * DAY))


def test_a_document_filed_under_the_wrong_category_and_corrected_no_longer_counts_there(served):
    for category in ARCHIVE[:-1]:
        file(served, category, TAKEOVER)
    wrong = file(served, "owner_register", TAKEOVER)
    record_project_evidence(
        served.users["admin"],
        ArchiveDocument(
            project=served.inside.project,
            category="other",
            title="物业费收缴台账",
            occurred_at=at(TAKEOVER, 18),
            attachment=stored_file("plan.pdf"),
            corrects=wrong,
        ),
        channel="web",
        now=at(TAKEOVER, 18),
    )
    (finding,) = mine(served, at(TAKEOVER + DAY), "3.5.archive_complete")
    assert finding.parameters["missing"] == ["owner_register"]


# -- 4.5.vehicle_rules -----------------------------------------------------------------------------------


def rules(world, day):
    return record_project_evidence(
        world.users["admin"],
        VehicleRules(
            project=world.inside.project,
            title="车辆管理规定",
            responsible="秩序维护部",
            occurred_at=at(day),
            attachment=stored_file("plan.pdf"),
        ),
        channel="web",
        now=at(day),
    )


def test_vehicle_rules_are_current_for_exactly_a_year(served):
    issued = rules(served, TAKEOVER)
    assert not mine(served, at(A_YEAR_ON, 23), "4.5.vehicle_rules").exists()
    (finding,) = mine(served, at(A_YEAR_ON + DAY, 1), "4.5.vehicle_rules")
    assert (finding.subject, finding.period_start, finding.state) == (
        f"project:{served.inside.project.pk}",
        start_of_day(A_YEAR_ON + DAY),
        FindingState.OPEN,
    )
    assert finding.message == "包头花园的车辆管理制度超过1年未更新，自2026年3月11日起不再现行"
    assert finding.evidence == [f"safety.vehiclerules:{issued.pk}"]
    assert finding.parameters == {"max_age": "1"}


def test_rules_a_reviewer_rejects_are_not_current(world):
    start = timezone.localdate() - 30 * DAY
    world.inside.period.start = start
    world.inside.period.save()
    issued = rules(world, start)
    assert not mine(world, timezone.now(), "4.5.vehicle_rules").exists()
    review_content(
        world.users["committee"], issued, verdict="rejected", note="未写明非机动车停放", channel="web"
    )
    (finding,) = mine(world, timezone.now(), "4.5.vehicle_rules")
    assert (finding.period_start, finding.state) == (start_of_day(start), FindingState.OPEN)
    assert "没有车辆管理制度" in finding.message
    review_content(world.users["regulator"], issued, verdict="accepted", channel="web")  # the latest counts
    assert not mine(world, timezone.now(), "4.5.vehicle_rules").filter(state=FindingState.OPEN).exists()


def test_a_project_without_rules_lacks_them_from_the_takeover(served):
    (finding,) = mine(served, at(TAKEOVER), "4.5.vehicle_rules")
    assert finding.message == "包头花园自2025年3月10日起没有车辆管理制度"


# -- 4.1.safety_signs ------------------------------------------------------------------------------------


def photo(world, entrance, day):
    return record_sign_photo(
        world.users["admin"],
        SignPhoto(
            entrance=entrance, note="限速5公里", occurred_at=at(day), attachment=stored_file("sign.png", PNG)
        ),
        channel="web",
        now=at(day),
    )


def test_a_sign_photo_on_the_entrances_first_day_holds_for_exactly_a_year(world):
    entrance = Entrance.objects.create(project=world.inside.project, name="东门", in_service_from=TAKEOVER)
    Entrance.objects.create(project=world.inside.project, name="旧门", in_service_from=TAKEOVER, active=False)
    taken = photo(world, entrance, TAKEOVER)
    assert not run(at(A_YEAR_ON, 23), "4.1.safety_signs").exists()
    (finding,) = run(at(A_YEAR_ON + DAY, 1), "4.1.safety_signs")
    assert (finding.subject, finding.subject_name, finding.period_start) == (
        f"entrance:{entrance.pk}",
        "包头花园 东门",
        start_of_day(A_YEAR_ON + DAY),
    )
    assert finding.message == "包头花园 东门的安全通行标志照片已超过1年，自2026年3月11日起需重新拍照"
    assert finding.evidence == [f"safety.signphoto:{taken.pk}"]
    assert finding.enterprise_id == world.inside.enterprise.pk


def test_an_entrance_without_a_photo_lacks_one_from_its_first_day_and_a_rejected_one_does_not_count(world):
    first = timezone.localdate() - 10 * DAY
    entrance = Entrance.objects.create(project=world.inside.project, name="南门", in_service_from=first)
    (finding,) = run(at(first, 20), "4.1.safety_signs")
    assert (finding.period_start, finding.message) == (
        start_of_day(first),
        f"包头花园 南门自{first.year}年{first.month}月{first.day}日起没有安全通行标志的照片",
    )
    taken = photo(world, entrance, first + DAY)
    (finding,) = run(at(first + 2 * DAY), "4.1.safety_signs")
    assert (finding.state, finding.period_end) == (FindingState.CLOSED, start_of_day(first + DAY))
    review_content(world.users["committee"], taken, verdict="rejected", note="看不清标志", channel="web")
    (finding,) = run(timezone.now(), "4.1.safety_signs")
    assert (finding.state, finding.period_start) == (FindingState.OPEN, start_of_day(first))
