"""bulk_append_evidence: thousands of rounds at once, chained exactly as one-by-one appends would chain them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from wuye.core.canonical import GENESIS
from wuye.core.evidence import EvidenceChain, append_evidence, bulk_append_evidence
from wuye.safety.models import PowerRoom, PowerRound

pytestmark = pytest.mark.django_db
SUPPLIES = ["1#变压器", "备用发电机"]
START = timezone.make_aware(datetime.datetime(2026, 3, 1, 0, 5))


@pytest.fixture
def rooms(world):
    return [
        PowerRoom.objects.create(
            project=world.inside.project,
            name=name,
            supplies=SUPPLIES,
            in_service_from=datetime.date(2026, 3, 1),
        )
        for name in ("1号配电室", "2号配电室")
    ]


def rounds(rooms, hours=30):
    """Rounds of two rooms, hourly, with readings; one night's rounds entered hours late (back-filled)."""
    made, received = [], []
    for hour in range(hours):
        for offset, room in enumerate(rooms):
            occurred = START + datetime.timedelta(hours=hour, minutes=offset * 7)
            late = 20 <= hour <= 23 and offset == 1
            made.append(
                PowerRound(
                    power_room=room,
                    occurred_at=occurred,
                    inspector="王师傅",
                    supply_states={"1#变压器": "running", "备用发电机": "standby"},
                    voltage="400.5",
                    current=f"{200 + hour}.0",
                    problems="",
                )
            )
            received.append(
                START + datetime.timedelta(hours=31) if late else occurred + datetime.timedelta(minutes=3)
            )
    return made, received


def chain_of(key):
    """(seq, prev_hash, hash, backfilled, recorded_at) of a chain, and the head, after checking every link."""
    links, prev = [], GENESIS
    for record in PowerRound.objects.filter(chain=key).order_by("chain_seq"):
        assert record.prev_hash == prev and record.compute_hash() == record.hash, record.chain_seq
        links.append((record.chain_seq, record.prev_hash, record.hash, record.backfilled, record.recorded_at))
        prev = record.hash
    head = EvidenceChain.objects.get(key=key)
    assert (head.length, head.head) == (len(links), prev)
    return links


def one_by_one(world, rooms):
    with transaction.atomic():
        made, received = rounds(rooms)
        for index in sorted(range(len(made)), key=received.__getitem__):
            append_evidence(made[index], user=world.users["staff"], channel="phone", now=received[index])
        links = chain_of(f"project:{world.inside.project.pk}")
        transaction.set_rollback(True)
    return links


def test_a_bulk_chain_is_the_chain_one_by_one_appends_make(world, rooms):
    expected = one_by_one(world, rooms)
    made, received = rounds(rooms)
    bulk_append_evidence(made, user=world.users["staff"], channel="phone", now=received)
    assert chain_of(f"project:{world.inside.project.pk}") == expected
    assert len(expected) == 60
    assert sum(link[3] for link in expected) == 4  # the four rounds entered eight hours late


def test_the_chain_follows_receipt_not_claimed_time(world, rooms):
    made, received = rounds(rooms)
    bulk_append_evidence(made, user=world.users["staff"], channel="phone", now=received)
    stored = PowerRound.objects.filter(chain=f"project:{world.inside.project.pk}").order_by("chain_seq")
    times = list(stored.values_list("recorded_at", flat=True))
    assert times == sorted(times)
    assert list(stored.filter(backfilled=True).values_list("chain_seq", flat=True)) == [57, 58, 59, 60]


def test_a_bulk_append_continues_a_chain_and_one_by_one_continues_it(world, rooms):
    staff = world.users["staff"]
    first = PowerRound(
        power_room=rooms[0],
        occurred_at=START - datetime.timedelta(minutes=4),
        inspector="王师傅",
        supply_states={"1#变压器": "running", "备用发电机": "standby"},
    )
    append_evidence(first, user=staff, channel="web", now=START)
    made, received = rounds(rooms, hours=3)
    bulk_append_evidence(made, user=staff, channel="import", now=received)
    last = PowerRound(
        power_room=rooms[1],
        occurred_at=START + datetime.timedelta(hours=4),
        inspector="王师傅",
        supply_states={"1#变压器": "stopped", "备用发电机": "running"},
    )
    append_evidence(last, user=staff, channel="web", now=START + datetime.timedelta(hours=4, minutes=1))
    links = chain_of(f"project:{world.inside.project.pk}")
    assert [link[0] for link in links] == list(range(1, 9))
    assert links[1][1] == first.hash and links[-1][1] == made[-1].hash


def test_one_bad_record_writes_nothing(world, rooms):
    made, received = rounds(rooms, hours=5)
    made[7].supply_states = {"1#变压器": "running"}  # a supply missing
    with pytest.raises(ValidationError, match="供电回路"):
        bulk_append_evidence(made, user=world.users["staff"], channel="import", now=received)
    assert not PowerRound.objects.exists()
    assert not EvidenceChain.objects.filter(length__gt=0).exists()


def test_a_round_before_its_room_existed_is_refused_in_bulk_too(world, rooms):
    made, received = rounds(rooms, hours=2)
    made[0].occurred_at = START - datetime.timedelta(days=3)
    with pytest.raises(ValidationError, match="投用日期"):
        bulk_append_evidence(made, user=world.users["staff"], channel="import", now=received)
    assert not PowerRound.objects.exists()


def test_receipt_times_are_one_per_record_or_one_for_all(world, rooms):
    made, received = rounds(rooms, hours=2)
    with pytest.raises(ValueError, match="one receipt time per record"):
        bulk_append_evidence(made, user=world.users["staff"], channel="import", now=received[:-1])
    now = START + datetime.timedelta(hours=2)
    bulk_append_evidence(made, user=world.users["staff"], channel="import", now=now)
    assert set(PowerRound.objects.values_list("recorded_at", flat=True)) == {now}


def test_the_clock_stamps_records_sent_without_a_receipt_time(world):
    room = PowerRoom.objects.create(
        project=world.inside.project,
        name="1号配电室",
        supplies=SUPPLIES,
        in_service_from=timezone.localdate() - datetime.timedelta(days=1),
    )
    sent = PowerRound(
        power_room=room,
        occurred_at=timezone.now() - datetime.timedelta(minutes=10),
        inspector="王师傅",
        supply_states={"1#变压器": "running", "备用发电机": "standby"},
        recorded_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),  # whatever came with it
    )
    before = timezone.now()
    bulk_append_evidence([sent], user=world.users["staff"], channel="import")
    assert PowerRound.objects.get().recorded_at >= before
