"""The due times of clause 4.2 on the overview: the inspection when the certificate lapses (amber a month
before: the reminder to ask for the next one, not a finding), maintenance 15 days after the last visit,
the label photo a year after the last; in the same queries however many elevators a project has."""

import datetime

import pytest

from wuye.compliance.duties import start_of_day
from wuye.safety import dues_elevators
from wuye.safety.models import Elevator
from wuye.safety.overview import OK, OVERDUE, SOON
from wuye.safety.overview import due_items as overview_items
from wuye.safety.tests.elevator_records import STARTED, at, inspect, maintain, photograph

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def new_elevator(project, name):
    return Elevator.objects.create(
        project=project, name=name, maker="通力", registration_code="", in_service_from=STARTED
    )


@pytest.fixture
def elevator(world):
    return new_elevator(world.inside.project, "1号梯")


def items_of(project, now):
    items = dues_elevators.due_items(project, now)
    return {item.duty: item for item in items}


def test_the_inspection_is_due_when_the_certificate_lapses_and_amber_a_month_before(world, elevator):
    passed = inspect(world, elevator, at(3, 1, 9), valid_until=datetime.date(2026, 11, 30))
    lapse = start_of_day(datetime.date(2026, 12, 1))
    item = items_of(world.inside.project, at(10, 31, 23, 59))["定期检验"]
    assert (item.due, item.last_done, item.clause) == (lapse, passed.occurred_at, "4.2")
    assert item.record_url == f"/safety/elevators/{elevator.pk}/inspections/new/"
    assert item.state(at(10, 31, 23, 59)) == OK
    assert item.state(at(11, 1)) == SOON  # a calendar month before: ask for the next inspection now
    assert item.state(at(11, 30, 23, 59)) == SOON
    assert item.state(lapse) == SOON and item.state(lapse + datetime.timedelta(seconds=1)) == OVERDUE


def test_a_failed_last_inspection_is_overdue_with_a_note(world, elevator):
    inspect(world, elevator, at(3, 1, 9), valid_until=datetime.date(2027, 3, 31))
    inspect(world, elevator, at(6, 1, 9), result="fail")
    item = items_of(world.inside.project, at(6, 2))["定期检验"]
    assert item.state(at(6, 2)) == OVERDUE and item.note == "最近一次检验不合格"


def test_never_inspected_is_due_from_the_first_day(world, elevator):
    item = items_of(world.inside.project, at(3, 2))["定期检验"]
    assert item.due == at(3, 1) and item.last_done is None and item.state(at(3, 2)) == OVERDUE


def test_maintenance_is_due_15_days_after_the_last_visit(world, elevator):
    visit = maintain(world, elevator, at(3, 10, 9))
    item = items_of(world.inside.project, at(3, 12))["维护保养"]
    assert (item.due, item.last_done) == (visit.occurred_at + 15 * DAY, visit.occurred_at)
    assert item.state(at(3, 21)) == OK and item.state(at(3, 22, 9)) == SOON
    assert item.state(at(3, 25, 9, 1)) == OVERDUE


def test_the_label_photo_is_due_a_year_after_the_last_complete_one(world, elevator):
    photo = photograph(world, elevator, at(3, 10, 9))
    photograph(world, elevator, at(3, 11, 9), operating_labels_ok=False, note="救援电话缺失")
    item = items_of(world.inside.project, at(3, 12))["标识检查（照片）"]
    assert (item.due, item.last_done) == (at(3, 10, 9, year=2027), photo.occurred_at)


def test_a_stopped_elevator_has_no_dues_and_the_overview_takes_them_in(world, elevator):
    stopped = new_elevator(world.inside.project, "2号梯")
    stopped.active = False
    stopped.save()
    items = overview_items(world.inside.project, at(3, 2))
    assert {item.asset for item in items if item.clause == "4.2"} == {"1号梯"}
    assert len([item for item in items if item.clause == "4.2"]) == 3


def test_the_dues_take_the_same_queries_with_more_elevators(world, elevator, django_assert_num_queries):
    project = world.inside.project
    maintain(world, elevator, at(3, 10, 9))
    with django_assert_num_queries(10):  # the elevators with their last records, and nine parameters
        dues_elevators.due_items(project, at(3, 12))
    for n in range(2, 6):
        other = new_elevator(project, f"{n}号梯")
        inspect(world, other, at(3, 1, 9))
        maintain(world, other, at(3, 10, 9))
        photograph(world, other, at(3, 10, 10))
    with django_assert_num_queries(10):
        items = dues_elevators.due_items(project, at(3, 12))
    assert len(items) == 15
