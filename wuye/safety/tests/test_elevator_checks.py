"""Clause 4.2's duties over time, each at its boundary: maintenance at most 15 days apart, the inspection
certificate in force, no use after a failed inspection, a label photo every year."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from wuye.compliance.duties import start_of_day
from wuye.compliance.models import Finding, FindingState, ParameterOverride
from wuye.regions.models import Division
from wuye.safety.elevator_rules import lapse_at
from wuye.safety.models import Elevator, ElevatorInspection, ElevatorLabelCheck, MaintenanceVisit
from wuye.safety.tests.elevator_records import (
    DAY,
    STARTED,
    at,
    findings,
    inspect,
    maintain,
    photograph,
    record,
    run,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def elevator(world):
    return Elevator.objects.create(
        project=world.inside.project,
        building=world.inside.building,
        name="1号梯",
        registration_code="梯11蒙B01234(26)",
        maker="通力电梯有限公司",
        in_service_from=STARTED,
    )


# 4.2.maintenance_gap --------------------------------------------------------------------------------


@pytest.fixture
def inspected(world, elevator):
    """Inspected on its first day, certificate valid a year and more: only maintenance is looked at."""
    inspect(world, elevator, at(3, 1, 9), valid_until=datetime.date(2027, 3, 31))
    return elevator


def test_maintenance_exactly_15_days_apart_passes(world, inspected):
    for n in range(5):
        maintain(world, inspected, at(3, 1, 9) + n * 15 * DAY)
    run(at(3, 1, 9) + 60 * DAY)  # exactly 15 days after the last visit too
    assert not findings("4.2.maintenance_gap").exists()


def test_a_gap_one_minute_over_15_days_is_a_closed_finding(world, inspected):
    first = maintain(world, inspected, at(3, 1, 9))
    second = maintain(world, inspected, at(3, 16, 9, 1))
    run(at(3, 20))
    finding = findings("4.2.maintenance_gap").get()
    assert finding.state == FindingState.CLOSED
    assert (finding.period_start, finding.period_end) == (first.occurred_at, second.occurred_at)
    assert finding.subject == f"elevator:{inspected.pk}" and finding.subject_name == "包头花园 1号梯"
    assert finding.evidence == [f"safety.maintenancevisit:{first.pk}", f"safety.maintenancevisit:{second.pk}"]
    assert "15天" in finding.message and finding.parameters["period"] == "15 days, 0:00:00"


def test_no_visit_for_more_than_15_days_is_open_until_the_next(world, inspected):
    maintain(world, inspected, at(3, 1, 9))
    run(at(3, 16, 9))
    assert not findings("4.2.maintenance_gap").exists()
    run(at(3, 16, 9, 1))
    finding = findings("4.2.maintenance_gap").get()
    assert finding.state == FindingState.OPEN and finding.period_end is None
    later = maintain(world, inspected, at(3, 18, 10))
    run(at(3, 18, 12))
    finding.refresh_from_db()
    assert finding.state == FindingState.CLOSED and finding.period_end == later.occurred_at


def test_a_visit_of_any_tier_counts_and_a_corrected_one_does_not(world, inspected):
    maintain(world, inspected, at(3, 1, 9))
    quarterly = MaintenanceVisit(
        elevator=inspected,
        occurred_at=at(3, 14, 9),
        tier="quarterly",
        technician="李师傅",
        technician_certificate="T150203198001010011",
        items="季度保养项目",
    )
    record(world, quarterly)
    run(at(3, 28))
    assert not findings("4.2.maintenance_gap").exists()
    # The date was mistyped: the visit was on the 20th. The correction replaces it.
    correction = MaintenanceVisit(
        elevator=inspected,
        occurred_at=at(3, 20, 9),
        tier="quarterly",
        technician="李师傅",
        technician_certificate="T150203198001010011",
        items="季度保养项目",
        corrects=quarterly,
    )
    record(world, correction, now=at(3, 28, 1))
    run(at(3, 28, 2))
    finding = findings("4.2.maintenance_gap").get()
    assert (finding.period_start, finding.period_end) == (at(3, 1, 9), at(3, 20, 9))


def test_a_back_filled_visit_is_flagged_and_still_counts(world, inspected):
    maintain(world, inspected, at(3, 1, 9))
    late = maintain(world, inspected, at(3, 14, 9), now=at(3, 22, 9))  # 8 days late: over 7
    assert late.backfilled is True
    run(at(3, 25))
    assert not findings("4.2.maintenance_gap").exists()


# 4.2.inspection_valid -------------------------------------------------------------------------------


def test_a_certificate_is_valid_through_its_last_day_and_lapses_at_the_next_midnight(world, elevator):
    inspection = inspect(world, elevator, at(3, 1, 9), valid_until=datetime.date(2026, 4, 30))
    run(at(4, 30, 23, 59))
    assert not findings("4.2.inspection_valid").exists()
    run(at(5, 1))
    finding = findings("4.2.inspection_valid").get()
    assert finding.state == FindingState.OPEN
    assert finding.period_start == start_of_day(datetime.date(2026, 5, 1)) == at(5, 1)
    assert finding.evidence == [f"safety.elevatorinspection:{inspection.pk}"]
    assert "2026年4月30日到期" in finding.message
    assert finding.severity == "severe" and finding.points == 10


def test_a_new_passing_inspection_closes_the_lapse_and_a_failed_one_does_not(world, elevator):
    inspect(world, elevator, at(3, 1, 9), valid_until=datetime.date(2026, 4, 30))
    inspect(world, elevator, at(5, 3, 10), result="fail")
    run(at(5, 4))
    assert findings("4.2.inspection_valid").get().state == FindingState.OPEN
    again = inspect(world, elevator, at(5, 10, 15), result="pass_after_rectification")
    run(at(5, 11))
    finding = findings("4.2.inspection_valid").get()
    assert finding.state == FindingState.CLOSED
    assert (finding.period_start, finding.period_end) == (at(5, 1), again.occurred_at)
    assert finding.evidence[-1] == f"safety.elevatorinspection:{again.pk}"
    assert "才重新检验合格" in finding.message


def test_a_renewal_before_the_certificate_lapses_leaves_no_gap(world, elevator):
    inspect(world, elevator, at(3, 1, 9), valid_until=datetime.date(2026, 4, 30))
    inspect(world, elevator, at(4, 30, 16), valid_until=datetime.date(2027, 4, 30))
    inspect(world, elevator, at(6, 1, 16), valid_until=datetime.date(2027, 3, 31))  # an earlier date: no harm
    run(at(10, 1))
    assert not findings("4.2.inspection_valid").exists()


def test_an_inspection_at_the_lapse_exactly_passes_a_minute_later_is_a_gap(world, elevator):
    inspect(world, elevator, at(3, 1, 9), valid_until=datetime.date(2026, 4, 30))
    inspect(world, elevator, at(5, 1), valid_until=datetime.date(2027, 4, 30))
    run(at(6, 1))
    assert not findings("4.2.inspection_valid").exists()
    other = Elevator.objects.create(
        project=elevator.project, name="2号梯", maker="通力", registration_code="", in_service_from=STARTED
    )
    inspect(world, other, at(3, 1, 9), valid_until=datetime.date(2026, 4, 30))
    inspect(world, other, at(5, 1, 0, 1), valid_until=datetime.date(2027, 4, 30))
    run(at(6, 1, 1))
    (finding,) = findings("4.2.inspection_valid")
    assert (finding.subject, finding.period_start, finding.period_end) == (
        f"elevator:{other.pk}",
        at(5, 1),
        at(5, 1, 0, 1),
    )


def test_never_inspected_is_open_from_its_first_day_and_a_first_day_inspection_is_fine(world, elevator):
    run(at(3, 1, 8))
    finding = findings("4.2.inspection_valid").get()
    assert finding.period_start == at(3, 1) and "投入使用以来没有定期检验合格的记录" in finding.message
    inspect(world, elevator, at(3, 1, 9))
    run(at(3, 2))
    finding.refresh_from_db()
    assert finding.state == FindingState.WITHDRAWN  # the records now show none: it was not one


def test_put_in_service_before_its_first_passing_inspection_is_a_closed_finding(world, elevator):
    first = inspect(world, elevator, at(3, 5, 9))
    run(at(3, 6))
    finding = findings("4.2.inspection_valid").get()
    assert (finding.period_start, finding.period_end, finding.state) == (at(3, 1), at(3, 5, 9), "closed")
    assert finding.evidence == [f"safety.elevatorinspection:{first.pk}"]


def test_a_grace_override_of_the_division_moves_the_lapse(world, elevator):
    ParameterOverride.objects.create(
        check_id="4.2.inspection_valid",
        name="grace",
        division=Division.objects.get(code="150200"),
        valid_from=datetime.date(2026, 1, 1),
        value=3,
        reason="试点",
        set_by=world.users["admin"],
    )
    inspect(world, elevator, at(3, 1, 9), valid_until=datetime.date(2026, 4, 30))
    run(at(5, 3, 23, 59))
    assert not findings("4.2.inspection_valid").exists()
    run(at(5, 4))
    finding = findings("4.2.inspection_valid").get()
    assert finding.period_start == at(5, 4) and finding.parameters["grace"] == "3 days, 0:00:00"
    assert lapse_at(datetime.date(2026, 4, 30), 3 * DAY) == at(5, 4)


def test_a_stopped_elevator_is_not_looked_at(world, elevator):
    elevator.active = False
    elevator.save()
    run(at(6, 1))
    assert not Finding.objects.filter(check_id__startswith="4.2.", subject=f"elevator:{elevator.pk}").exists()


@pytest.mark.parametrize(
    "result, valid_until, field",
    [
        ("pass", None, "valid_until"),  # a pass names its certificate's date
        ("fail", datetime.date(2027, 3, 1), "valid_until"),  # a failure has none
        ("pass", datetime.date(2026, 3, 1), "valid_until"),  # not the same day
        ("pass", datetime.date(2027, 4, 1), "valid_until"),  # at most the end of the month a year on
    ],
)
def test_an_inspection_with_an_impossible_certificate_is_refused_and_nothing_is_written(
    world, elevator, result, valid_until, field
):
    inspection = ElevatorInspection(
        elevator=elevator,
        occurred_at=at(3, 1, 9),
        inspection_body="检验院",
        result=result,
        valid_until=valid_until,
    )
    with pytest.raises(ValidationError) as error:
        record(world, inspection)
    assert field in error.value.message_dict
    assert not ElevatorInspection.objects.exists()


def test_a_certificate_to_the_end_of_the_month_a_year_on_is_accepted(world, elevator):
    inspect(world, elevator, at(3, 1, 9), valid_until=datetime.date(2027, 3, 31))
    assert ElevatorInspection.objects.count() == 1


def test_a_record_before_the_elevator_was_in_service_is_refused(world, elevator):
    with pytest.raises(ValidationError):
        maintain(world, elevator, at(2, 28, 9))
    assert not MaintenanceVisit.objects.exists()


# 4.2.used_after_failure -----------------------------------------------------------------------------


def test_in_use_after_a_failed_inspection_is_open_until_it_passes(world, elevator):
    inspect(world, elevator, at(3, 1, 9), valid_until=datetime.date(2027, 3, 31))
    failed = inspect(world, elevator, at(6, 1, 9), result="fail")
    inspect(world, elevator, at(6, 5, 9), result="fail")  # failed again: the same failure goes on
    run(at(6, 6))
    finding = findings("4.2.used_after_failure").get()
    assert (finding.state, finding.period_start) == (FindingState.OPEN, failed.occurred_at)
    assert finding.severity == "severe" and "仍在使用" in finding.message
    passed = inspect(world, elevator, at(6, 9, 9), result="pass_after_rectification")
    run(at(6, 10))
    finding.refresh_from_db()
    assert (finding.state, finding.period_end) == (FindingState.CLOSED, passed.occurred_at)
    assert finding.evidence == [
        f"safety.elevatorinspection:{failed.pk}",
        f"safety.elevatorinspection:{passed.pk}",
    ]


def test_taken_out_of_use_after_the_failure_closes_it(world, elevator):
    inspect(world, elevator, at(3, 1, 9), valid_until=datetime.date(2027, 3, 31))
    inspect(world, elevator, at(6, 1, 9), result="fail")
    run(at(6, 1, 10))
    assert findings("4.2.used_after_failure").get().state == FindingState.OPEN
    elevator.active = False
    elevator.save()
    run(at(6, 1, 11))
    finding = findings("4.2.used_after_failure").get()
    assert (finding.state, finding.period_end) == (FindingState.CLOSED, at(6, 1, 11))


def test_a_stopped_elevator_that_failed_is_no_finding(world, elevator):
    inspect(world, elevator, at(3, 1, 9), valid_until=datetime.date(2027, 3, 31))
    elevator.active = False
    elevator.save()
    inspect(world, elevator, at(6, 1, 9), result="fail")
    run(at(6, 2))
    assert not findings("4.2.used_after_failure").exists()


# 4.2.labels_current ---------------------------------------------------------------------------------


def test_label_photos_a_calendar_year_apart_pass_and_a_minute_more_is_a_finding(world, inspected):
    first = photograph(world, inspected, at(3, 1, 9))
    photograph(world, inspected, at(3, 1, 9, year=2027))
    run(at(3, 1, 10, year=2027))
    assert not findings("4.2.labels_current").exists()
    late = photograph(world, inspected, at(3, 1, 9, 1, year=2028))
    run(at(3, 2, year=2028))
    finding = findings("4.2.labels_current").get()
    assert finding.period_end == late.occurred_at and finding.period_start == at(3, 1, 9, year=2027)
    assert finding.severity == "major" and "标识" in finding.message
    assert first.attachment_sha256 and len(first.attachment_sha256) == 64


def test_a_photo_showing_a_missing_label_does_not_count(world, inspected):
    photograph(world, inspected, at(3, 1, 9))
    photograph(world, inspected, at(2, 20, 9, year=2027), operating_labels_ok=False, note="救援电话脱落")
    run(at(3, 1, 10, year=2027))
    finding = findings("4.2.labels_current").get()
    assert finding.state == FindingState.OPEN and finding.period_start == at(3, 1, 9)


def test_a_label_check_needs_a_photo_and_a_missing_label_a_note(world, elevator):
    with pytest.raises(ValidationError) as error:
        record(world, ElevatorLabelCheck(elevator=elevator, occurred_at=at(3, 1, 9)))
    assert "attachment" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        photograph(world, elevator, at(3, 1, 9), inspection_mark_ok=False)
    assert "note" in error.value.message_dict
    assert not ElevatorLabelCheck.objects.exists()
