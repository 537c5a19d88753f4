"""Incremental evaluation of the rolling duties: after new, late and corrected records, an incremental
run leaves the findings exactly as a fresh full run would, while reading only each changed subject's
window (from its last record before the earliest change)."""

import datetime
import random

import pytest
from django.utils import timezone

from wuye.compliance.engine import evaluate
from wuye.compliance.models import EvaluationRun, Finding, FindingState
from wuye.core.evidence import append_evidence
from wuye.safety.checks import PowerRoundGap
from wuye.safety.models import PatrolRound, PatrolRoute, PowerRoom, PowerRound

pytestmark = pytest.mark.django_db
SUPPLIES = ["1#变压器"]
STATES = {"1#变压器": "running"}
CHECKS = ("4.8.round_gap", "4.1.patrol_gap")


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime(2026, 3, day, hour, minute))


def minutes(n):
    return datetime.timedelta(minutes=n)


@pytest.fixture
def places(world):
    """Two power rooms (one per side) and a patrol route, all in service from 1 March 2026."""
    day = datetime.date(2026, 3, 1)
    rooms = [
        PowerRoom.objects.create(
            project=side.project, name="1号配电室", supplies=SUPPLIES, in_service_from=day
        )
        for side in (world.inside, world.outside)
    ]
    route = PatrolRoute.objects.create(project=world.inside.project, name="全区夜巡", in_service_from=day)
    return rooms, route


def power_round(world, room, when, *, received=None, corrects=None):
    record = PowerRound(
        power_room=room, occurred_at=when, inspector="王师傅", supply_states=STATES, corrects=corrects
    )
    return append_evidence(
        record, user=world.users["admin"], channel="phone", now=received or when + minutes(1)
    )


def patrol_round(route, started, completed):
    return PatrolRound.objects.create(
        route=route, occurred_at=started, completed_at=completed, points_total=3, points_done=3
    )


def findings_in_force():
    """What a finding says, without when the engine first saw it (an incremental run saw it earlier)."""
    rows = Finding.objects.filter(check_id__in=CHECKS).exclude(state=FindingState.WITHDRAWN)
    return sorted(
        rows.values_list("key", "state", "period_start", "period_end", "evidence", "message", "closed_at")
    )


def fresh_full_run(as_of):
    Finding.objects.all().delete()
    EvaluationRun.objects.all().delete()
    evaluate(as_of, full=True)
    return findings_in_force()


def test_an_incremental_run_after_late_and_corrected_records_equals_a_fresh_full_run(world, places):
    (room_a, room_b), route = places
    # Room A misses 05:00 (a gap 04:00 → 06:00); room B keeps every hour; the route misses 04:00.
    for hour in (0, 1, 2, 3, 4, 6):
        power_round(world, room_a, at(1, hour))
    b_rounds = {hour: power_round(world, room_b, at(1, hour)) for hour in range(7)}
    for hour in (0, 2, 5):
        patrol_round(route, at(1, hour), at(1, hour, 10))
    evaluate(at(1, 6, 30), full=True)
    before = findings_in_force()
    assert [key.split("|")[1] for key, *_ in before] == [f"patrolroute:{route.pk}", f"powerroom:{room_a.pk}"]

    # Late: the 05:00 round of room A entered at 06:40 (within the back-fill limit): it splits the gap.
    power_round(world, room_a, at(1, 5), received=at(1, 6, 40))
    # A correction: room B's 04:00 round was really at 04:50, so 03:00 → 04:50 is now a gap.
    power_round(world, room_b, at(1, 4, 50), received=at(1, 6, 45), corrects=b_rounds[4])
    # One more hour: room A goes on, room B does not (an open gap from 06:00).
    power_round(world, room_a, at(1, 7))
    # A round begun at 03:50 completed only at 06:45: the route's gap 02:00 → 05:00 is split.
    patrol_round(route, at(1, 3, 50), at(1, 6, 45))

    run = evaluate(at(1, 7, 30))
    incremental = findings_in_force()

    assert run.full is False
    assert incremental != before
    assert incremental == fresh_full_run(at(1, 7, 30))
    keys = {key.split("|")[1]: key for key, *_ in incremental}
    assert set(keys) == {f"powerroom:{room_b.pk}"}  # the correction's gap and the open gap
    assert sorted(state for key, state, *_ in incremental) == ["closed", "open"]


def test_an_incremental_run_reads_and_reconciles_only_the_changed_windows(world, places):
    (room_a, room_b), route = places
    for hour in (0, 1, 4, 5, 6):  # a gap 01:00 → 04:00, long before what changes
        power_round(world, room_a, at(1, hour))
    for hour in range(7):
        power_round(world, room_b, at(1, hour))
    evaluate(at(1, 6, 30), full=True)
    old = Finding.objects.get(check_id="4.8.round_gap")
    # Stored in a state a recomputation would undo: only a run that looked there would touch it.
    Finding.objects.filter(pk=old.pk).update(message="untouched")
    power_round(world, room_a, at(1, 7))

    drafts, windows = PowerRoundGap().run_since(at(1, 7, 30), since_last_run())
    evaluate(at(1, 7, 30))

    # Room A's window begins at its last round before the new one; room B did not change.
    assert windows == {f"powerroom:{room_a.pk}": at(1, 6)}
    # Nothing changed in room A's window; room B's open gap is looked at every time.
    assert [(d.subject, d.period_end) for d in drafts] == [(f"powerroom:{room_b.pk}", None)]
    assert Finding.objects.get(pk=old.pk).message == "untouched"


def since_last_run():
    from wuye.compliance.engine import since_last

    return since_last(EvaluationRun.objects.order_by("-started_at").first())


def test_a_change_before_a_subjects_first_record_opens_its_whole_history(world, places):
    (room_a, _), route = places
    power_round(world, room_a, at(1, 3))  # 00:00 → 03:00 without a round: a leading gap
    evaluate(at(1, 3, 30), full=True)
    power_round(world, room_a, at(1, 1), received=at(1, 3, 40))  # late, before the first round

    drafts, windows = PowerRoundGap().run_since(at(1, 4), since_last_run())
    evaluate(at(1, 4))

    assert windows == {f"powerroom:{room_a.pk}": None}
    assert findings_in_force() == fresh_full_run(at(1, 4))


@pytest.mark.parametrize("seed", range(6))
def test_random_records_incremental_equals_full(world, places, seed):
    """Random rounds over a day, then a random mix of new, late, back-filled and corrected ones."""
    (room_a, room_b), route = places
    rng = random.Random(seed)
    rounds = {room_a: [], room_b: []}

    def add_rounds(room, start, end):
        moment = start
        while moment < end:
            moment += minutes(rng.choice([40, 55, 60, 70, 80, 95, 130]))
            if moment < end:  # received a little before (a phone clock ahead) or after the claimed time
                received = moment + minutes(rng.randint(-4, 20))
                rounds[room].append(power_round(world, room, moment, received=received))

    def add_patrols(start, end):
        moment = start
        while moment < end:
            moment += minutes(rng.choice([90, 110, 130, 150, 170]))
            if moment < end:
                patrol_round(route, moment, moment + minutes(rng.randint(5, 40)))

    for room in rounds:
        add_rounds(room, at(1, 0), at(1, 20))
    add_patrols(at(1, 0), at(1, 20))
    as_of = at(1, 20)
    evaluate(as_of, full=True)
    for _step in range(3):
        later = as_of + datetime.timedelta(hours=2)
        for room in rounds:
            add_rounds(room, as_of, later)
            # Late rounds, some within the back-fill limit (they count), some beyond it (they do not).
            for _ in range(rng.randint(0, 2)):
                when = as_of - minutes(rng.randint(10, 600))
                power_round(world, room, when, received=later - minutes(rng.randint(0, 20)))
            if rng.random() < 0.6:
                wrong = rng.choice(rounds[room])
                when = min(wrong.occurred_at + minutes(rng.randint(-30, 50)), later)
                power_round(world, room, when, received=later, corrects=wrong)
        add_patrols(as_of, later)
        if rng.random() < 0.5:  # a round begun long ago, completed now
            patrol_round(route, as_of - minutes(rng.randint(30, 300)), later - minutes(5))
        as_of = later
        evaluate(as_of)
    incremental = findings_in_force()
    assert incremental == fresh_full_run(as_of)
