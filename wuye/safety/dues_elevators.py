"""Next due times of clause 4.2 per elevator in use: the inspection (the certificate's validity, amber a
month before it lapses), maintenance (the last visit + 15 days) and the yearly label photo.

``elevator_dues`` serves the project safety overview (``due_items``), the elevator's page and the
project page's card alike: one query for the elevators with their last records, plus the parameters.
"""

import datetime
from collections import defaultdict

from django.db.models import DateField, DateTimeField, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.compliance.duties import months_limit, start_of_day
from wuye.compliance.parameters import param, parameter_spec
from wuye.safety.elevator_rules import INSPECTION, inspection_due, request_before
from wuye.safety.models import Elevator, ElevatorInspection, ElevatorLabelCheck, MaintenanceVisit
from wuye.safety.models.elevators import PASSING, InspectionResult
from wuye.safety.overview import OVERDUE, DueItem

MAINTENANCE = "4.2.maintenance_gap"
LABELS = "4.2.labels_current"
MAINTENANCE_SOON = datetime.timedelta(days=3)


def counted(model, now, fulfils: bool, user=None):
    """The records of a kind up to ``now`` that no correction replaced (and not back-filled, where those
    do not count), for a subquery per elevator; only those ``user`` may see, when given."""
    records = model.objects.visible_to(user) if user is not None else model.objects.all()
    corrected = model.objects.filter(corrects__isnull=False).values("corrects_id")
    records = records.filter(occurred_at__lte=now, elevator=OuterRef("pk")).exclude(pk__in=corrected)
    return records if fulfils else records.filter(backfilled=False)


def with_last_records(elevators, now, fulfils=(True, True, True), user=None):
    """Elevators annotated with what their dues are computed from (subqueries: one query in all):
    ``cover_until`` (the latest certificate's date), ``last_passed_at``, ``last_result``,
    ``last_maintained_at`` and ``last_labelled_at`` (the last photo of complete labels)."""
    inspections, visits, labels = (
        counted(ElevatorInspection, now, fulfils[0], user),
        counted(MaintenanceVisit, now, fulfils[1], user),
        counted(ElevatorLabelCheck, now, fulfils[2], user),
    )
    passing = inspections.filter(result__in=PASSING)
    latest = inspections.order_by("-occurred_at", "-pk")
    complete = labels.filter(inspection_mark_ok=True, operating_labels_ok=True).exclude(attachment="")
    return elevators.annotate(
        cover_until=Subquery(
            passing.order_by("-valid_until").values("valid_until")[:1], output_field=DateField()
        ),
        last_passed_at=Subquery(passing.order_by("-occurred_at").values("occurred_at")[:1]),
        last_result=Subquery(latest.values("result")[:1]),
        last_maintained_at=Subquery(
            visits.order_by("-occurred_at").values("occurred_at")[:1], output_field=DateTimeField()
        ),
        last_labelled_at=Subquery(
            complete.order_by("-occurred_at").values("occurred_at")[:1], output_field=DateTimeField()
        ),
    )


def elevator_dues(elevators, division, now, user=None) -> dict[int, list[DueItem]]:
    """{elevator id: [inspection, maintenance, labels]} of the ``elevators`` (a queryset) of one division;
    counting the records ``user`` may see, when given (a page), else all (the overview)."""
    today = timezone.localdate(now)

    def value(check_id, name):
        return param(check_id, name, division, today)

    fulfils = tuple(value(check, "backfill_fulfils") for check in (INSPECTION, MAINTENANCE, LABELS))
    grace = value(INSPECTION, "grace")
    ask_months = value(INSPECTION, "request_before_expiry")
    maintenance_limit = value(MAINTENANCE, "period") + value(MAINTENANCE, "grace")
    labels_limit = months_limit(
        value(LABELS, "period"), parameter_spec(LABELS, "period").unit, value(LABELS, "grace")
    )
    dues = defaultdict(list)
    for elevator in with_last_records(elevators, now, fulfils, user):
        began = start_of_day(elevator.in_service_from)
        urls = {"asset_url": reverse("elevator-detail", args=[elevator.pk])}
        due = inspection_due(elevator.cover_until, elevator.in_service_from, grace)
        failed = elevator.last_result == InspectionResult.FAIL
        dues[elevator.pk].append(
            DueItem(
                clause="4.2",
                kind=_("电梯"),
                asset=elevator.name,
                duty=_("定期检验"),
                last_done=elevator.last_passed_at,
                due=due,
                soon_before=request_before(due, ask_months),
                record_url=reverse("elevator-inspection-create", args=[elevator.pk]),
                note=_("最近一次检验不合格") if failed else "",
                state_override=OVERDUE if failed else "",
                **urls,
            )
        )
        dues[elevator.pk].append(
            DueItem(
                clause="4.2",
                kind=_("电梯"),
                asset=elevator.name,
                duty=_("维护保养"),
                last_done=elevator.last_maintained_at,
                due=(elevator.last_maintained_at or began) + maintenance_limit,
                soon_before=MAINTENANCE_SOON,
                record_url=reverse("elevator-maintenance-create", args=[elevator.pk]),
                **urls,
            )
        )
        label_due = labels_limit.deadline(elevator.last_labelled_at or began)
        dues[elevator.pk].append(
            DueItem(
                clause="4.2",
                kind=_("电梯"),
                asset=elevator.name,
                duty=_("标识检查（照片）"),
                last_done=elevator.last_labelled_at,
                due=label_due,
                soon_before=request_before(label_due, 1),
                record_url=reverse("elevator-label-create", args=[elevator.pk]),
                **urls,
            )
        )
    return dues


def due_items(project, now):
    elevators = Elevator.objects.filter(project=project, active=True).order_by("name")
    dues = elevator_dues(elevators, project.division_id, now)
    return [item for items in dues.values() for item in items]
