"""Use cases of clause 4.2: recording an elevator's inspection, maintenance visit, breakdown or label photo.

Every record is evidence about one elevator, written by who records its project's duties (its staff,
the serving enterprise's managers, the operators) through ``append_evidence``: stamped with the
server's time, chained, flagged when back-filled.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from wuye.core.evidence import append_evidence, bulk_append_evidence
from wuye.safety.actions import ensure_can_record
from wuye.safety.models import Breakdown, Elevator, ElevatorInspection, ElevatorLabelCheck, MaintenanceVisit

RECORDS = (ElevatorInspection, MaintenanceVisit, Breakdown, ElevatorLabelCheck)


@transaction.atomic
def record_elevator_evidence(user, record, *, channel: str, now=None):
    """Append an inspection, maintenance visit, breakdown or label check of an elevator the user records.

    404 comes first (an elevator he cannot see is refused as if it did not exist), then 403 (he sees
    it but does not record the project's duties). An elevator out of use takes records too: it is
    repaired, maintained and inspected before it goes back into use.
    """
    if not isinstance(record, RECORDS):
        raise TypeError(f"not an elevator record: {type(record).__name__}")
    elevator = Elevator.objects.visible_to(user).filter(pk=record.elevator_id).first()
    if elevator is None:
        raise PermissionDenied
    ensure_can_record(user, elevator.project_id)
    return append_evidence(record, user=user, channel=channel, now=now)


@transaction.atomic
def record_elevator_records(user, records: list, *, channel: str, now=None) -> list:
    """Append many records of elevators at once (an Excel import), as ``record_elevator_evidence`` would
    one by one: every elevator visible to the user (else 403: the import names none he cannot see) and
    its project's duties his to record; chained in one ``bulk_append_evidence``, back-filled when old."""
    if not all(isinstance(record, RECORDS) for record in records):
        raise TypeError("not elevator records")
    ids = {record.elevator_id for record in records}
    projects = dict(Elevator.objects.visible_to(user).filter(pk__in=ids).values_list("pk", "project_id"))
    if set(projects) != ids:
        raise PermissionDenied
    for project_id in sorted(set(projects.values())):
        ensure_can_record(user, project_id)
    return bulk_append_evidence(records, user=user, channel=channel, now=now)
