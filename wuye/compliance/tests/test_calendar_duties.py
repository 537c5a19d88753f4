"""The calendar shape of periodic duties, on power rounds as stand-in records (buckets in Asia/Shanghai)."""

import datetime

import pytest
from django.utils import timezone

from wuye.compliance.duties import bucket_of, calendar_misses
from wuye.safety.actions import record_power_round
from wuye.safety.models import PowerRoom, PowerRound

pytestmark = pytest.mark.django_db
DAY3 = datetime.timedelta(days=3)


def local(y, m, d, h=0, mi=0):
    return timezone.make_aware(datetime.datetime(y, m, d, h, mi))


@pytest.fixture
def room(world):
    return PowerRoom.objects.create(
        project=world.inside.project,
        name="1号配电室",
        supplies=["1#变压器"],
        in_service_from=datetime.date(2026, 1, 10),
    )


def record(world, room, when):
    power_round = PowerRound(
        power_room=room, occurred_at=when, inspector="王", supply_states={"1#变压器": "running"}
    )
    return record_power_round(
        world.users["staff"], power_round, channel="web", now=when + datetime.timedelta(minutes=1)
    )


def misses(room, months, as_of, due_after=DAY3):
    records = PowerRound.objects.filter(power_room=room)
    rooms = PowerRoom.objects.filter(pk=room.pk)
    return [
        (m.bucket_start.date(), m.due)
        for m in calendar_misses(rooms, records, "power_room_id", "in_service_from", months, due_after, as_of)
    ]


def test_buckets_start_in_january():
    assert [bucket_of(datetime.date(2026, m, 5), 3) for m in (1, 3, 4, 12)] == [
        datetime.date(2026, 1, 1),
        datetime.date(2026, 1, 1),
        datetime.date(2026, 4, 1),
        datetime.date(2026, 10, 1),
    ]
    assert bucket_of(datetime.date(2026, 7, 1), 6) == datetime.date(2026, 7, 1)


def test_a_month_is_missed_only_once_its_deadline_has_passed(world, room):
    record(world, room, local(2026, 1, 20))
    # February without a record: it ends at midnight into 1 March; due three days later, 4 March 00:00.
    assert misses(room, 1, local(2026, 3, 3, 23, 59)) == []
    assert misses(room, 1, local(2026, 3, 4, 0, 1)) == [(datetime.date(2026, 2, 1), local(2026, 3, 4))]


def test_a_record_late_on_the_last_night_of_the_month_counts_in_beijing_time(world, room):
    record(world, room, local(2026, 1, 31, 23, 30))  # 15:30 UTC: still January in Asia/Shanghai
    assert misses(room, 1, local(2026, 2, 10)) == []
    record(world, room, local(2026, 3, 1, 0, 30))  # 16:30 UTC on 28 February: March here
    assert misses(room, 1, local(2026, 4, 10)) == [(datetime.date(2026, 2, 1), local(2026, 3, 4))]


def test_quarterly_buckets(world, room):
    record(world, room, local(2026, 2, 1))
    assert misses(room, 3, local(2026, 7, 7), due_after=datetime.timedelta(days=7)) == []
    assert misses(room, 3, local(2026, 7, 8, 0, 1), due_after=datetime.timedelta(days=7)) == [
        (datetime.date(2026, 4, 1), local(2026, 7, 8))
    ]
