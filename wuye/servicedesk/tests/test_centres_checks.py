"""Clauses 1.2 and 3.3: office and centres exist, the 24-hour phone is published, the roster has no hole."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wuye.compliance.engine import evaluate
from wuye.compliance.models import Finding, FindingState
from wuye.servicedesk.actions_centres import add_centre_shifts, remove_centre_shift
from wuye.servicedesk.models import CentreShift, Office, ServiceCentre, validate_service_phone
from wuye.testing import factories as f

SECOND = datetime.timedelta(seconds=1)
CHECKS = {"1.2.service_centre", "3.3.phone_published", "3.3.duty_roster"}


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime(2026, 3, day, hour, minute))


def findings(check_id):
    return list(Finding.objects.filter(check_id=check_id).order_by("subject", "period_start"))


def open_subjects(check_id):
    return {x.subject for x in findings(check_id) if x.state == FindingState.OPEN}


def run(as_of):
    evaluate(as_of, full=True, checks=CHECKS, scores=False)


@pytest.fixture
def equipped(world):
    """Both sides with an office and a centre with its phone, opened long ago, roster planned for March."""
    for side in (world.inside, world.outside):
        side.office = f.OfficeFactory(enterprise=side.enterprise)
        side.centre = f.ServiceCentreFactory(project=side.project, opened_on=datetime.date(2026, 3, 2))
        CentreShift.objects.create(
            centre=side.centre, attendant="王客服", starts_at=at(2, 0), ends_at=at(31, 0)
        )
    return world


def test_an_equipped_enterprise_has_no_finding(equipped):
    run(at(10, 12))
    assert Finding.objects.filter(check_id__in=CHECKS).count() == 0


def test_no_office_and_no_centre_are_findings_of_1_2_not_of_3_3(world):
    run(at(10, 12))
    subjects = {finding.subject for finding in findings("1.2.service_centre")}
    assert subjects == {
        f"enterprise:{world.inside.enterprise.pk}",
        f"enterprise:{world.outside.enterprise.pk}",
        f"project:{world.inside.project.pk}",
        f"project:{world.outside.project.pk}",
    }
    project_finding = Finding.objects.get(subject=f"project:{world.inside.project.pk}")
    assert "客户服务中心" in project_finding.message and project_finding.clause_id == "1.2"
    assert project_finding.period_start == timezone.make_aware(datetime.datetime(2021, 1, 1))
    assert findings("3.3.phone_published") == []


def test_an_office_that_closed_is_missed_from_the_next_day_on(equipped):
    Office.objects.filter(pk=equipped.inside.office.pk).update(until=datetime.date(2026, 3, 5))
    run(at(6, 0) - SECOND)  # the last second of the office's last day
    assert findings("1.2.service_centre") == []
    run(at(6, 0))
    [finding] = findings("1.2.service_centre")
    assert finding.subject == f"enterprise:{equipped.inside.enterprise.pk}"
    assert finding.period_start == at(6, 0) and finding.state == FindingState.OPEN
    assert "固定办公场所" in finding.message


def test_a_centre_counts_from_its_first_day(world):
    f.OfficeFactory(enterprise=world.inside.enterprise)
    centre = f.ServiceCentreFactory(project=world.inside.project, opened_on=datetime.date(2026, 3, 6))
    run(at(6, 0) - SECOND)
    assert f"project:{world.inside.project.pk}" in open_subjects("1.2.service_centre")
    run(at(6, 0))
    assert f"project:{world.inside.project.pk}" not in open_subjects("1.2.service_centre")
    ServiceCentre.objects.filter(pk=centre.pk).update(active=False)
    run(at(6, 1))
    assert f"project:{world.inside.project.pk}" in open_subjects("1.2.service_centre")


def test_a_centre_without_a_phone_is_a_finding_of_3_3(equipped):
    ServiceCentre.objects.filter(pk=equipped.inside.centre.pk).update(service_phone="")
    run(at(10, 12))
    [finding] = findings("3.3.phone_published")
    assert finding.subject == f"project:{equipped.inside.project.pk}" and finding.clause_id == "3.3"
    assert finding.period_start == at(2, 0)
    assert "24小时服务电话" in finding.message
    assert finding.evidence == [f"servicedesk.servicecentre:{equipped.inside.centre.pk}"]
    assert findings("1.2.service_centre") == []
    ServiceCentre.objects.filter(pk=equipped.inside.centre.pk).update(service_phone="0472-5111111")
    run(at(10, 13))
    [finding] = findings("3.3.phone_published")
    assert finding.state == FindingState.CLOSED


# -- the roster -------------------------------------------------------------------------------------------


def replan(centre, *spans):
    CentreShift.objects.filter(centre=centre).delete()
    for start, end in spans:
        CentreShift.objects.create(centre=centre, attendant="王客服", starts_at=start, ends_at=end)


def test_an_uncovered_hour_is_a_hole_from_to(equipped):
    centre = equipped.inside.centre
    replan(centre, (at(2, 0), at(2, 8)), (at(2, 8), at(2, 16)), (at(2, 17), at(3, 0)), (at(3, 0), at(31, 0)))
    run(at(4, 0))
    [finding] = findings("3.3.duty_roster")
    assert (finding.period_start, finding.period_end) == (at(2, 16), at(2, 17))
    assert finding.subject == f"servicecentre:{centre.pk}" and finding.clause_id == "3.3"
    assert "无人值班" in finding.message and "1小时" in finding.message
    assert finding.evidence == [f"servicedesk.centreshift:{CentreShift.objects.get(starts_at=at(2, 17)).pk}"]


def test_a_shift_starting_exactly_when_the_last_ends_leaves_no_hole(equipped):
    replan(equipped.inside.centre, (at(2, 0), at(2, 16)), (at(2, 16), at(31, 0)))
    run(at(4, 0))
    assert findings("3.3.duty_roster") == []
    replan(equipped.inside.centre, (at(2, 0), at(2, 16)), (at(2, 16) + SECOND, at(31, 0)))
    run(at(4, 0))
    [finding] = findings("3.3.duty_roster")
    assert (finding.period_start, finding.period_end) == (at(2, 16), at(2, 16) + SECOND)


def test_the_roster_running_out_is_a_hole_one_second_after_its_end(equipped):
    replan(equipped.inside.centre, (at(2, 0), at(3, 0)))
    run(at(3, 0))
    assert findings("3.3.duty_roster") == []
    run(at(3, 0) + SECOND)
    [finding] = findings("3.3.duty_roster")
    assert finding.period_start == at(3, 0) and finding.period_end is None
    assert finding.state == FindingState.OPEN


def test_a_centre_without_any_shift_is_unstaffed_from_its_first_day(equipped):
    replan(equipped.inside.centre)
    run(at(2, 5))
    [finding] = findings("3.3.duty_roster")
    assert finding.period_start == at(2, 0) and "值班表上无人值班" in finding.message


# -- planning the roster -----------------------------------------------------------------------------------


def test_staff_plan_a_week_of_shifts(equipped):
    centre, now = equipped.inside.centre, at(10, 12)
    shifts = add_centre_shifts(
        equipped.users["staff"],
        centre,
        attendant=" 刘客服 ",
        starts_at=at(11, 8),
        ends_at=at(11, 20),
        repeat_days=6,
        now=now,
    )
    assert [s.starts_at for s in shifts] == [at(day, 8) for day in range(11, 18)]
    assert {s.attendant for s in shifts} == {"刘客服"}


@pytest.mark.parametrize("role", ["committee", "owner", "developer", "regulator", "stranger"])
def test_who_does_not_record_the_projects_duties_cannot_plan_and_nothing_is_written(equipped, role):
    before = CentreShift.objects.count()
    with pytest.raises(PermissionDenied):
        add_centre_shifts(
            equipped.users[role],
            equipped.inside.centre,
            attendant="刘",
            starts_at=at(11, 8),
            ends_at=at(11, 20),
            now=at(10, 12),
        )
    assert CentreShift.objects.count() == before


def test_the_staff_of_one_project_cannot_plan_another(equipped):
    with pytest.raises(PermissionDenied):
        add_centre_shifts(
            equipped.users["staff"],
            equipped.outside.centre,
            attendant="刘",
            starts_at=at(11, 8),
            ends_at=at(11, 20),
            now=at(10, 12),
        )
    assert not CentreShift.objects.filter(attendant="刘").exists()


def test_a_shift_that_has_ended_cannot_be_added_nor_a_begun_one_removed(equipped):
    staff, centre = equipped.users["staff"], equipped.inside.centre
    with pytest.raises(ValidationError) as error:
        add_centre_shifts(
            staff, centre, attendant="刘", starts_at=at(9, 8), ends_at=at(10, 12), now=at(10, 12)
        )
    assert "ends_at" in error.value.message_dict
    assert not CentreShift.objects.filter(attendant="刘").exists()
    begun = CentreShift.objects.get(centre=centre)
    with pytest.raises(ValidationError):
        remove_centre_shift(staff, begun, now=at(10, 12))
    assert CentreShift.objects.filter(pk=begun.pk).exists()
    [later] = add_centre_shifts(
        staff, centre, attendant="刘", starts_at=at(11, 8), ends_at=at(11, 9), now=at(10, 12)
    )
    remove_centre_shift(staff, later, now=at(10, 12))
    assert not CentreShift.objects.filter(pk=later.pk).exists()


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [((11, 8), (11, 8), "晚于开始时间"), ((11, 8), (12, 9), "24小时")],
)
def test_a_shift_ends_after_it_starts_and_lasts_a_day_at_most(equipped, start, end, message):
    with pytest.raises(ValidationError) as error:
        add_centre_shifts(
            equipped.users["staff"],
            equipped.inside.centre,
            attendant="刘",
            starts_at=at(*start),
            ends_at=at(*end),
            now=at(10, 12),
        )
    assert message in " ".join(error.value.message_dict["ends_at"])


@pytest.mark.parametrize(
    "phone", ["13812345678", "0472-5123456", "04725123456", "400-123-4567", "+8613812345678"]
)
def test_a_service_phone_is_a_mobile_or_a_landline_with_its_area_code(phone):
    validate_service_phone(phone)


@pytest.mark.parametrize("phone", ["5123456", "12345", "1381234567", "abc", "0472-51234"])
def test_a_landline_without_area_code_or_a_short_number_is_refused(phone):
    with pytest.raises(ValidationError) as error:
        validate_service_phone(phone)
    assert "区号" in error.value.messages[0]
