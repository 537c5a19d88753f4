"""Helpers of the clause 4.2 tests: fixed days in 2026, records made through the action, evaluation
of the elevator checks alone."""

import datetime

from django.utils import timezone

from wuye.compliance.engine import evaluate
from wuye.compliance.models import Finding
from wuye.safety.actions_elevators import record_elevator_evidence
from wuye.safety.models import Breakdown, ElevatorInspection, ElevatorLabelCheck, MaintenanceVisit
from wuye.safety.tests.world import label_photo

MINUTE = datetime.timedelta(minutes=1)
DAY = datetime.timedelta(days=1)
STARTED = datetime.date(2026, 3, 1)
ELEVATOR_CHECKS = {
    "4.2.registered",
    "4.2.inspection_valid",
    "4.2.used_after_failure",
    "4.2.maintenance_gap",
    "4.2.rescue_arrival",
    "4.2.labels_current",
}


def at(month, day, hour=0, minute=0, year=2026):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def record(world, obj, *, now=None, user="staff"):
    return record_elevator_evidence(
        world.users[user], obj, channel="phone", now=now or obj.occurred_at + MINUTE
    )


def inspect(world, elevator, when, result="pass", valid_until=None, **kwargs):
    if result != "fail" and valid_until is None:
        valid_until = timezone.localtime(when).date().replace(year=timezone.localtime(when).year + 1)
    inspection = ElevatorInspection(
        elevator=elevator,
        occurred_at=when,
        inspection_body="内蒙古自治区特种设备检验研究院",
        result=result,
        valid_until=valid_until if result != "fail" else None,
    )
    return record(world, inspection, **kwargs)


def maintain(world, elevator, when, **kwargs):
    visit = MaintenanceVisit(
        elevator=elevator,
        occurred_at=when,
        technician="李师傅",
        technician_certificate="T150203198001010011",
        items="半月保养项目",
    )
    return record(world, visit, **kwargs)


def photograph(world, elevator, when, **values):
    check = ElevatorLabelCheck(elevator=elevator, occurred_at=when, attachment=label_photo(), **values)
    return record(world, check)


def breakdown(world, elevator, called, minutes, trapped=1, user="staff"):
    return record(
        world,
        Breakdown(
            elevator=elevator,
            occurred_at=called,
            arrived_at=called + minutes * MINUTE,
            released_at=called + (minutes + 5) * MINUTE if trapped else None,
            people_trapped=trapped,
            cause="门锁回路故障",
        ),
        now=called + (minutes + 30) * MINUTE,
        user=user,
    )


def findings(check_id):
    return Finding.objects.filter(check_id=check_id).order_by("period_start")


def run(as_of):
    evaluate(as_of, full=True, checks=ELEVATOR_CHECKS, scores=False)
