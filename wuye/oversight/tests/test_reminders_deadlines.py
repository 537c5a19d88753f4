"""Each reminder is due exactly when its check starts finding the miss: the day before the due moment the
enterprise is reminded and the check finds nothing; the day after, the check finds the miss."""

import datetime

from django.utils import timezone

from wuye.compliance.duties import start_of_day
from wuye.compliance.models import ParameterOverride
from wuye.compliance.registry import registered_checks
from wuye.lifecycle.tests.exit_factories import exit_of
from wuye.oversight.reminders import DeadlineKind, due_for_reminder, upcoming
from wuye.safety.models import Elevator, WaterTank
from wuye.safety.tests.elevator_records import inspect
from wuye.safety.tests.test_water_checks import test_at as water_test_at

DAY = datetime.timedelta(days=1)


def at(year, month, day, hour=0, minute=0):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def drafts(check_id, as_of, subject):
    return [d for d in registered_checks()[check_id]().run(as_of, None) if d.subject == subject]


def reminded(now, subject):
    """The due moment of the reminder of ``subject`` whose time has come at ``now`` (None: not reminded)."""
    return {row.subject: row.due for row in due_for_reminder(now)}.get(subject)


def test_a_licence_is_reminded_the_day_before_it_lapses_and_found_the_day_after(world):
    licence = world.inside.licence
    licence.valid_to = datetime.date(2027, 6, 30)
    licence.save()
    due, subject = at(2027, 7, 1), f"enterprise:{world.inside.enterprise.pk}"
    assert reminded(due - DAY, f"licence:{licence.pk}") == due
    assert reminded(due - 31 * DAY, f"licence:{licence.pk}") is None  # 30 days ahead (expiry_warning)
    assert drafts("1.1.licence_valid", due - DAY, subject) == []
    (finding,) = drafts("1.1.licence_valid", due + DAY, subject)
    assert finding.period_start == due


def test_an_elevator_inspection_is_reminded_a_month_ahead_and_found_after_its_certificate_lapses(world):
    elevator = Elevator.objects.create(
        project=world.inside.project,
        building=world.inside.building,
        name="1号梯",
        registration_code="梯11蒙B01234(26)",
        maker="通力电梯有限公司",
        in_service_from=datetime.date(2026, 3, 1),
    )
    inspect(world, elevator, at(2026, 3, 1, 9), valid_until=datetime.date(2027, 2, 28))
    due, subject = at(2027, 3, 1), f"elevator:{elevator.pk}"
    assert reminded(due - DAY, subject) == due
    assert reminded(at(2027, 1, 31), subject) is None  # a month ahead: from 1 February
    assert reminded(at(2027, 2, 1), subject) == due
    assert drafts("4.2.inspection_valid", due - DAY, subject) == []
    (finding,) = drafts("4.2.inspection_valid", due + DAY, subject)
    assert finding.period_start == due


def roof_tank(world):
    return WaterTank.objects.create(
        project=world.inside.project,
        name="1号屋顶水箱",
        kind="roof",
        capacity=10,
        in_service_from=datetime.date(2026, 9, 1),
    )


def test_a_water_test_is_reminded_before_six_months_pass_and_found_after(world):
    tank = roof_tank(world)
    water_test_at(world, tank, at(2026, 9, 10, 10))
    due, subject = at(2027, 3, 10, 10), f"watertank:{tank.pk}"
    assert reminded(due - DAY, subject) == due
    assert drafts("4.6.water_test", due, subject) == []  # exactly six months still passes
    (finding,) = drafts("4.6.water_test", due + DAY, subject)
    assert finding.period_start == at(2026, 9, 10, 10)  # the gap since the last test


def test_a_half_year_statement_is_reminded_before_its_deadline_and_found_after(world):
    project = world.inside.project
    due, subject = at(2027, 7, 31), f"project:{project.pk}"  # H1 2027 + 30 days
    assert reminded(due - DAY, f"project:{project.pk}:2027-01") == due
    assert reminded(due - 16 * DAY, f"project:{project.pk}:2027-01") is None  # 15 days ahead
    half = start_of_day(datetime.date(2027, 1, 1))
    assert [d for d in drafts("1.6.statement_published", due - DAY, subject) if d.period_start == half] == []
    assert [d for d in drafts("1.6.statement_published", due + DAY, subject) if d.period_start == half]


def test_an_owner_survey_is_reminded_before_the_half_year_ends_and_found_after(world):
    project = world.inside.project
    due, subject = at(2027, 7, 1), f"project:{project.pk}"  # H1 2027, due when it ends
    assert reminded(due - DAY, f"project:{project.pk}:2027-01") == due
    half = start_of_day(datetime.date(2027, 1, 1))
    assert [d for d in drafts("3.7.survey_held", due - DAY, subject) if d.period_start == half] == []
    assert [d for d in drafts("3.7.survey_held", due + DAY, subject) if d.period_start == half]


def test_an_exit_notice_is_reminded_before_the_contract_end_less_the_notice_period(world):
    contract = world.inside.contract
    contract.end = datetime.date(2027, 12, 31)
    contract.save()
    due = at(2027, 10, 3)  # a notice on 2 October is 90 days ahead: the last day that passes
    assert reminded(due - DAY, f"contract:{contract.pk}") == due
    in_time = exit_of(world, world.inside.period, notice_on=(due - DAY).date(), planned_end=contract.end,
                      contract=contract)  # fmt: skip
    assert drafts("2.1.exit_notice", due + DAY, f"exit:{in_time.pk}") == []
    assert reminded(due - DAY, f"contract:{contract.pk}") is None  # filed: nothing to remind
    in_time.notice_on = due.date()
    in_time.save()
    (finding,) = drafts("2.1.exit_notice", due + DAY, f"exit:{in_time.pk}")
    assert finding.period_start == due


def test_a_lead_time_changed_for_a_division_changes_its_reminders_only(world):
    for side in (world.inside, world.outside):
        side.licence.valid_to = datetime.date(2027, 6, 30)
        side.licence.save()
    ParameterOverride.objects.create(
        check_id="1.1.licence_valid",
        name="expiry_warning",
        division_id="150200",
        valid_from=datetime.date(2026, 1, 1),
        value=60,
        reason="包头市提前两个月提醒",
        set_by=world.users["regulator_bt"],
    )
    now = at(2027, 5, 15)  # 47 days ahead
    subjects = {row.subject for row in due_for_reminder(now)}
    assert f"licence:{world.inside.licence.pk}" in subjects
    assert f"licence:{world.outside.licence.pk}" not in subjects


def test_the_deadlines_of_a_user_are_those_of_his_scope(world):
    for side in (world.inside, world.outside):
        side.licence.valid_to = datetime.date(2027, 6, 30)
        side.licence.save()
    now, until = at(2027, 6, 1), at(2027, 8, 1)
    kinds = [DeadlineKind.LICENCE, DeadlineKind.STATEMENT]
    names = {user: {(r.kind, r.enterprise_name) for r in upcoming(now, until, world.users[user], kinds)}
             for user in ("regulator", "regulator_bt", "manager")}  # fmt: skip
    inside, outside = world.inside.enterprise.name, world.outside.enterprise.name
    assert names["regulator"] == {(k, n) for k in kinds for n in (inside, outside)}
    assert names["regulator_bt"] == names["manager"] == {(k, inside) for k in kinds}


def test_a_back_filled_water_test_does_not_move_the_reminder_where_back_fills_do_not_count(world):
    tank = roof_tank(world)
    water_test_at(world, tank, at(2026, 9, 10, 10))
    water_test_at(world, tank, at(2026, 11, 10, 10), now=at(2027, 2, 1))  # recorded months late
    subject = f"watertank:{tank.pk}"
    assert reminded(at(2027, 5, 9, 10), subject) == at(2027, 5, 10, 10)  # the back-fill counts by default
    ParameterOverride.objects.create(
        check_id="4.6.water_test",
        name="backfill_fulfils",
        division_id="150200",
        valid_from=datetime.date(2026, 1, 1),
        value=False,
        reason="包头市补录不计",
        set_by=world.users["regulator_bt"],
    )
    due = at(2027, 3, 10, 10)  # six months after the test recorded in time
    assert reminded(due - DAY, subject) == due
    assert drafts("4.6.water_test", due, subject) == []
    assert len(drafts("4.6.water_test", due + DAY, subject)) == 1


def test_a_manager_no_longer_serving_a_project_is_not_shown_its_duties(world):
    from wuye.testing import factories as f

    former = f.ProjectFactory(name="曾服务小区", division_code="150203")
    f.ServicePeriodFactory(
        project=former, enterprise=world.inside.enterprise, start=datetime.date(2021, 1, 1),
        end=datetime.date(2026, 12, 31),
    )  # fmt: skip
    f.ServicePeriodFactory(
        project=former, enterprise=world.outside.enterprise, start=datetime.date(2027, 1, 1)
    )
    now, until = at(2027, 7, 1), at(2027, 8, 1)
    names = {user: {r.project_name for r in upcoming(now, until, world.users[user], [DeadlineKind.STATEMENT])}
             for user in ("manager", "staff", "regulator_bt")}  # fmt: skip
    assert names["manager"] == names["staff"] == {world.inside.project.name}
    assert names["regulator_bt"] == {world.inside.project.name, former.name}
