"""The ticket checks: one miss, one finding, under one clause; each deadline exactly at its boundary."""

import datetime

import pytest
from django.utils import timezone

from wuye.compliance.engine import evaluate
from wuye.compliance.models import Finding
from wuye.compliance.registry import registered_checks
from wuye.servicedesk import actions_tickets as actions
from wuye.servicedesk.choices_tickets import TicketStatus as S
from wuye.testing import factories as f

pytestmark = pytest.mark.django_db
T0 = timezone.make_aware(datetime.datetime(2026, 3, 2, 9, 0))
SECOND = datetime.timedelta(seconds=1)
MINUTE = datetime.timedelta(minutes=1)
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


def drafts(check_id, as_of):
    return list(registered_checks()[check_id]().run(as_of, None))


def file(world, kind="repair", urgency="ordinary", household="household", **fields):
    fields.setdefault("complaint_category", "attitude" if kind == "complaint" else "")
    return f.ticket(
        world.users["staff"],
        household=getattr(world.inside, household) if household else None,
        project=world.inside.project,
        kind=kind,
        urgency=urgency if kind == "repair" else "",
        received_at=fields.pop("received_at", T0),
        now=fields.pop("now", T0),
        **fields,
    )


def walk(world, ticket, *statuses, start):
    staff = world.users["staff"]
    for i, status in enumerate(statuses):
        when = start + i * SECOND
        if status == S.ON_SITE:
            actions.arrive(staff, ticket, now=when)
        else:
            actions.move_ticket(staff, ticket, status, handler=staff, now=when)


# -- deadlines -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind,urgency,check,limit",
    [
        ("repair", "ordinary", "3.3.ticket_answered", 24 * HOUR),
        ("help", "", "3.3.ticket_answered", 24 * HOUR),
        ("inquiry", "", "1.2.inquiry_answered", 24 * HOUR),
        ("complaint", "", "1.2.inquiry_answered", 24 * HOUR),
        ("repair", "urgent", "3.3.urgent_repair_on_site", 30 * MINUTE),
        ("repair", "ordinary", "3.3.ticket_completed", 72 * HOUR),
        ("suggestion", "", "6.R.ticket_closed", 30 * DAY),
    ],
)
def test_an_open_ticket_is_late_one_second_after_its_deadline(world, kind, urgency, check, limit):
    ticket = file(world, kind, urgency)
    assert drafts(check, T0 + limit) == []
    [draft] = drafts(check, T0 + limit + SECOND)
    assert draft.subject == f"ticket:{ticket.pk}"
    assert (draft.period_start, draft.period_end) == (T0 + limit, None)
    assert "仍未" in draft.message


def test_an_inquiry_answered_late_is_a_closed_finding_under_1_2_only(world):
    ticket = file(world, "inquiry")
    walk(world, ticket, S.ACCEPTED, start=T0 + 30 * HOUR)
    [draft] = drafts("1.2.inquiry_answered", T0 + 40 * HOUR)
    assert (draft.period_start, draft.period_end) == (T0 + 24 * HOUR, T0 + 30 * HOUR)
    assert "晚了6小时" in draft.message
    assert len(draft.evidence) == 2
    assert drafts("3.3.ticket_answered", T0 + 40 * HOUR) == []


def test_answered_exactly_at_the_deadline_is_no_finding(world):
    ticket = file(world)
    walk(world, ticket, S.ACCEPTED, start=T0 + 24 * HOUR)
    assert drafts("3.3.ticket_answered", T0 + 100 * HOUR) == []
    late = file(world, household="neighbour")
    walk(world, late, S.ACCEPTED, start=T0 + 24 * HOUR + SECOND)
    assert [d.subject for d in drafts("3.3.ticket_answered", T0 + 100 * HOUR)] == [f"ticket:{late.pk}"]


def test_urgent_on_site_boundary(world):
    on_time, late = file(world, urgency="urgent"), file(world, urgency="urgent", household="neighbour")
    walk(world, on_time, S.ACCEPTED, S.ASSIGNED, S.ON_SITE, start=T0 + 30 * MINUTE - 2 * SECOND)
    walk(world, late, S.ACCEPTED, S.ASSIGNED, S.ON_SITE, start=T0 + 30 * MINUTE - SECOND)
    [draft] = drafts("3.3.urgent_repair_on_site", T0 + DAY)
    assert draft.subject == f"ticket:{late.pk}" and draft.period_end == T0 + 30 * MINUTE + SECOND


def test_follow_up_within_seven_days_of_completion(world):
    ticket = file(world)
    walk(world, ticket, S.ACCEPTED, S.ASSIGNED, S.ON_SITE, S.DONE, start=T0 + HOUR)
    done = T0 + HOUR + 3 * SECOND
    assert drafts("3.3.follow_up", done + 7 * DAY) == []
    [draft] = drafts("3.3.follow_up", done + 7 * DAY + SECOND)
    assert draft.period_start == done + 7 * DAY and draft.period_end is None
    actions.record_follow_up(world.users["owner"], ticket, rating="satisfied", now=done + 8 * DAY)
    [draft] = drafts("3.3.follow_up", done + 9 * DAY)
    assert draft.period_end == done + 8 * DAY


def test_a_ticket_withdrawn_in_time_owes_nothing(world):
    ticket = file(world)
    actions.move_ticket(world.users["owner"], ticket, S.WITHDRAWN, now=T0 + HOUR)
    for check in ("3.3.ticket_answered", "3.3.ticket_completed"):
        assert drafts(check, T0 + 30 * DAY) == []


def test_findings_are_stable_across_evaluations(world):
    file(world)
    checks = {"3.3.ticket_answered", "3.3.ticket_completed"}
    evaluate(T0 + 5 * DAY, full=True, checks=checks, scores=False)
    first = set(Finding.objects.values_list("check_id", "subject", "period_start"))
    evaluate(T0 + 6 * DAY, full=True, checks=checks, scores=False)
    assert set(Finding.objects.values_list("check_id", "subject", "period_start")) == first
    assert len(first) == 2


# -- 6.R fields, 6.W appointments, 3.2 misconduct, 3.1 attitude and ratings --------------------------------


def test_a_reception_record_missing_fields_is_one_finding_naming_them(world):
    incomplete = file(world, household=None, contact_phone="")
    file(world, household="neighbour")  # complete
    [draft] = drafts("6.R.ticket_fields_complete", T0 + HOUR)
    assert draft.subject == f"ticket:{incomplete.pk}"
    assert "房号" in draft.message and "联系人及电话" in draft.message


def test_an_inquiry_without_a_household_is_complete(world):
    file(world, "inquiry", household=None)
    assert drafts("6.R.ticket_fields_complete", T0 + HOUR) == []


@pytest.fixture
def appointed(world):
    ticket = file(world)
    walk(world, ticket, S.ACCEPTED, S.ASSIGNED, start=T0 + MINUTE)
    actions.make_appointment(world.users["staff"], ticket, T0 + 2 * HOUR, T0 + 3 * HOUR, now=T0 + 2 * MINUTE)
    return ticket


def test_arriving_exactly_at_the_end_of_the_tolerance_keeps_the_appointment(world, appointed):
    actions.arrive(world.users["staff"], appointed, now=T0 + 3 * HOUR + 15 * MINUTE)
    assert drafts("6.W.appointment_kept", T0 + DAY) == []


def test_arriving_one_second_later_breaks_it(world, appointed):
    actions.arrive(world.users["staff"], appointed, now=T0 + 3 * HOUR + 15 * MINUTE + SECOND)
    [draft] = drafts("6.W.appointment_kept", T0 + DAY)
    assert draft.period_end == T0 + 3 * HOUR + 15 * MINUTE + SECOND


def test_a_worker_who_never_came_is_an_open_finding(world, appointed):
    assert drafts("6.W.appointment_kept", T0 + 3 * HOUR + 15 * MINUTE) == []
    [draft] = drafts("6.W.appointment_kept", T0 + 3 * HOUR + 15 * MINUTE + SECOND)
    assert draft.period_end is None and "仍未到达" in draft.message


def test_each_substantiated_misconduct_complaint_is_a_finding(world):
    staff = world.users["staff"]
    true = file(world, "complaint", complaint_category="misconduct")
    false = file(world, "complaint", complaint_category="misconduct", household="neighbour")
    actions.record_outcome(staff, true, substantiated=True, note="监控显示属实", now=T0 + DAY)
    actions.record_outcome(staff, false, substantiated=False, note="经查不属实", now=T0 + DAY)
    [draft] = drafts("3.2.misconduct_substantiated", T0 + 2 * DAY)
    assert draft.subject == f"ticket:{true.pk}" and len(draft.evidence) == 2


def test_a_regulators_ruling_stands_against_the_company(world):
    ticket = file(world, "complaint", complaint_category="misconduct")
    actions.record_outcome(
        world.users["regulator_bt"], ticket, substantiated=True, note="核查属实", now=T0 + DAY
    )
    with pytest.raises(Exception, match="监管部门已作出核实结论"):
        actions.record_outcome(
            world.users["staff"], ticket, substantiated=False, note="不属实", now=T0 + 2 * DAY
        )
    ticket.refresh_from_db()
    assert ticket.substantiated is True


@pytest.mark.parametrize("count,found", [(4, False), (5, True)])
def test_attitude_complaints_over_ten_per_thousand_households(world, count, found):
    # 400 households: 4 complaints are 10 per 1,000 (at the limit), 5 are 12.5.
    for i in range(count):
        file(world, "complaint", household=None, received_at=T0 + i * HOUR, now=T0 + i * HOUR)
    subjects = [d.subject for d in drafts("3.1.attitude_complaints", T0 + DAY)]
    assert subjects == ([f"project:{world.inside.project.pk}"] if found else [])


@pytest.mark.parametrize("bad,found", [(1, False), (2, True)])
def test_satisfaction_below_eighty_percent_is_a_finding(world, bad, found):
    owner = world.users["owner"]
    ratings = (
        ["satisfied", "satisfied", "basic"] + ["dissatisfied"] * bad + (["satisfied"] if bad == 1 else [])
    )
    for i, rating in enumerate(ratings):
        ticket = file(world, received_at=T0 + i * MINUTE, now=T0 + i * MINUTE)
        walk(world, ticket, S.ACCEPTED, S.ASSIGNED, S.ON_SITE, S.DONE, start=T0 + HOUR + i * MINUTE)
        actions.record_follow_up(owner, ticket, rating=rating, now=T0 + 2 * HOUR + i * MINUTE)
    found_subjects = [d.subject for d in drafts("3.1.attitude_complaints", T0 + DAY)]
    assert found_subjects == ([f"ratings:{world.inside.project.pk}"] if found else [])


def test_a_completed_record_closes_its_6r_finding(world):
    incomplete = file(world, household=None, contact_phone="")
    evaluate(T0 + HOUR, full=True, checks={"6.R.ticket_fields_complete"}, scores=False)
    assert Finding.objects.get(subject=f"ticket:{incomplete.pk}").state == "open"
    actions.amend_ticket(
        world.users["staff"],
        incomplete,
        household=world.inside.household,
        contact_phone="13900000002",
        now=T0 + DAY,
    )
    evaluate(T0 + 2 * DAY, full=True, checks={"6.R.ticket_fields_complete"}, scores=False)
    finding = Finding.objects.get(subject=f"ticket:{incomplete.pk}")
    assert finding.state == "closed" and finding.period_end == T0 + 2 * DAY
