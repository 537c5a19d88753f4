"""Clause 4.8 end to end: rounds are chained evidence; gaps over 1 h + 15 min are findings."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wuye.compliance.engine import evaluate
from wuye.compliance.models import Finding, FindingState
from wuye.core.evidence import AppendOnlyError
from wuye.safety.actions import record_power_round
from wuye.safety.models import PowerRoom, PowerRound

pytestmark = pytest.mark.django_db
SUPPLIES = ["1#变压器", "备用发电机"]


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime(2026, 3, day, hour, minute))


@pytest.fixture
def room(world):
    return PowerRoom.objects.create(
        project=world.inside.project,
        name="1号配电室",
        supplies=SUPPLIES,
        in_service_from=datetime.date(2026, 3, 1),
    )


def round_at(world, room, when, *, now=None, problems="", user="staff"):
    power_round = PowerRound(
        power_room=room,
        occurred_at=when,
        inspector="王师傅",
        supply_states={"1#变压器": "running", "备用发电机": "standby"},
        problems=problems,
    )
    return record_power_round(
        world.users[user], power_round, channel="phone", now=now or when + datetime.timedelta(minutes=1)
    )


def gap_findings():
    return Finding.objects.filter(check_id="4.8.round_gap").order_by("period_start")


def test_rounds_every_hour_and_a_quarter_exactly_pass(world, room):
    start = at(1, 0)
    for i in range(9):  # 00:00, 01:15, ... every 75 minutes: exactly period + grace
        round_at(world, room, start + i * datetime.timedelta(minutes=75))
    evaluate(start + 8 * datetime.timedelta(minutes=75) + datetime.timedelta(minutes=30), full=True)
    assert not gap_findings().exists()


def test_a_gap_one_minute_too_long_is_a_closed_finding_with_its_rounds(world, room):
    first = round_at(world, room, at(1, 0))
    second = round_at(world, room, at(1, 1, 16))
    evaluate(at(1, 1, 30), full=True)
    finding = gap_findings().get()
    assert finding.state == FindingState.CLOSED
    assert (finding.period_start, finding.period_end) == (first.occurred_at, second.occurred_at)
    assert finding.evidence == [f"safety.powerround:{first.pk}", f"safety.powerround:{second.pk}"]
    assert "1小时15分钟" in finding.message and "1号配电室" in finding.message


def test_open_gap_then_closed_by_the_next_round_and_idempotent(world, room):
    round_at(world, room, at(1, 0))
    evaluate(at(1, 3), full=True)
    finding = gap_findings().get()
    assert finding.state == FindingState.OPEN and finding.period_end is None
    evaluate(at(1, 3), full=True)
    assert gap_findings().count() == 1
    round_at(world, room, at(1, 3, 10))
    evaluate(at(1, 3, 30), full=True)
    finding.refresh_from_db()
    assert finding.state == FindingState.CLOSED and finding.period_end == at(1, 3, 10)


def test_backfilled_rounds_do_not_fill_a_gap(world, room):
    round_at(world, room, at(1, 0))
    late = round_at(world, room, at(1, 1), now=at(1, 6))  # entered 5 hours later: back-filled
    round_at(world, room, at(1, 2))
    assert late.backfilled is True
    evaluate(at(1, 2, 30), full=True)
    assert gap_findings().get().period_end == at(1, 2)


def test_gap_across_midnight_and_month_end_in_beijing_time(world, room):
    room.in_service_from = datetime.date(2026, 2, 28)
    room.save()
    before = timezone.make_aware(datetime.datetime(2026, 2, 28, 23, 30))
    round_at(world, room, before)
    round_at(world, room, at(1, 1, 0))
    evaluate(at(1, 1, 30), full=True)
    leading, finding = gap_findings()  # from the day the room went into service, then the night gap
    assert leading.period_end == before and leading.evidence == [
        f"safety.powerround:{PowerRound.objects.earliest('occurred_at').pk}"
    ]
    assert finding.period_start == before
    assert "2月28日 23:30" in finding.message and "3月1日 01:00" in finding.message


def test_round_before_the_room_existed_or_in_the_future_is_refused(world, room):
    with pytest.raises(ValidationError, match="投用日期"):
        round_at(world, room, at(1, 0) - datetime.timedelta(days=2))
    with pytest.raises(ValidationError, match="不能晚于当前时间"):
        round_at(world, room, timezone.now() + datetime.timedelta(hours=1), now=timezone.now())
    assert not PowerRound.objects.exists()


@pytest.mark.parametrize("role", ["regulator", "committee", "owner", "developer"])
def test_only_the_projects_own_people_record_rounds(world, room, role):
    with pytest.raises(PermissionDenied):
        round_at(world, room, at(1, 0), user=role)
    assert not PowerRound.objects.exists()


def test_rounds_are_append_only(world, room):
    power_round = round_at(world, room, at(1, 0))
    power_round.inspector = "别人"
    with pytest.raises(AppendOnlyError):
        power_round.save()
    with pytest.raises(AppendOnlyError):
        PowerRound.objects.filter(pk=power_round.pk).update(inspector="别人")
    with pytest.raises(AppendOnlyError):
        power_round.delete()


def test_a_reported_problem_left_past_its_deadline_is_a_finding(world, room):
    round_at(world, room, at(1, 0), problems="2#柜温度偏高")
    round_at(world, room, at(1, 1))
    evaluate(at(1, 1, 10), full=True)
    assert not Finding.objects.filter(check_id="4.8.defect_fixed").exists()
    evaluate(at(2, 1, 10), full=True)
    finding = Finding.objects.get(check_id="4.8.defect_fixed")
    assert finding.state == FindingState.OPEN and "2#柜温度偏高" in finding.message


def test_a_round_read_back_from_the_database_hashes_as_it_was_written(world, room):
    from decimal import Decimal

    power_round = PowerRound(
        power_room=room,
        occurred_at=at(1, 0),
        inspector="王师傅",
        supply_states={"1#变压器": "running", "备用发电机": "standby"},
        voltage=Decimal("230"),
        current=Decimal("12.5"),
        temperature=Decimal("21"),
    )
    record_power_round(world.users["staff"], power_round, channel="web", now=at(1, 0, 2))
    stored = PowerRound.objects.get(pk=power_round.pk)
    assert stored.compute_hash() == stored.hash == power_round.hash
    assert stored.recorded_at == at(1, 0, 2) and stored.recorded_by == world.users["staff"]


def test_an_incremental_run_still_opens_a_gap_whose_deadline_passed_without_new_rounds(world, room):
    other = PowerRoom.objects.create(
        project=world.outside.project,
        name="2号配电室",
        supplies=SUPPLIES,
        in_service_from=datetime.date(2026, 3, 1),
    )
    round_at(world, room, at(1, 0))
    round_at(world, other, at(1, 0), user="admin")
    evaluate(at(1, 0, 30), full=True)
    assert not gap_findings().exists()
    round_at(world, room, at(1, 1))  # only the inside project has a new round
    run = evaluate(at(1, 2, 0))
    assert run.full is False and run.projects == 1
    opened = gap_findings().get()
    assert opened.subject == f"powerroom:{other.pk}" and opened.state == FindingState.OPEN


def test_a_correction_must_stay_in_its_own_projects_chain(world, room):
    other = PowerRoom.objects.create(
        project=world.outside.project,
        name="2号配电室",
        supplies=SUPPLIES,
        in_service_from=datetime.date(2026, 3, 1),
    )
    theirs = round_at(world, other, at(1, 0), user="admin")
    correction = PowerRound(
        power_room=room,
        occurred_at=at(1, 0, 5),
        inspector="王师傅",
        corrects=theirs,
        supply_states={"1#变压器": "running", "备用发电机": "standby"},
    )
    with pytest.raises(ValidationError, match="只能更正本项目"):
        record_power_round(world.users["staff"], correction, channel="web", now=at(1, 0, 6))
    assert PowerRound.objects.count() == 1


def test_a_correction_replaces_the_corrected_round_in_the_gap_check(world, room):
    round_at(world, room, at(1, 0))
    wrong = round_at(world, room, at(1, 1))
    round_at(world, room, at(1, 2))
    fixed = PowerRound(
        power_room=room,
        occurred_at=at(1, 1, 45),
        inspector="王师傅",
        corrects=wrong,
        supply_states={"1#变压器": "running", "备用发电机": "standby"},
    )
    record_power_round(world.users["staff"], fixed, channel="web", now=at(1, 1, 50))
    evaluate(at(1, 2, 30), full=True)
    # 00:00 → 01:45 is over 1 h 15 min once the 01:00 round is corrected to 01:45.
    assert gap_findings().get().period_end == at(1, 1, 45)
