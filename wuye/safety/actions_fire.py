"""Use cases of clauses 4.3 and 4.4: the monthly walk of a project's fire equipment and its passages, the
yearly tests of fire systems and of lightning and flood protection. A record that reports a problem (a
faulty facility, a blocked passage, a failed test) opens a defect with the fix deadline of its check;
the defect is closed by a ``DefectFix`` (``safety.actions.fix_defect``, the page of clause 4.8).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from wuye.compliance.parameters import param
from wuye.core.evidence import append_evidence, bulk_append_evidence
from wuye.safety.actions import ensure_can_record
from wuye.safety.choices_fire import CheckResult, PassageOutcome, TestResult
from wuye.safety.models import (
    Defect,
    FireEquipment,
    FireEquipmentCheck,
    FirePassage,
    FirePassageCheck,
    FireSystemTest,
    FloodCheck,
    LightningTest,
)

# The check that owns the problems a record reports (its fix deadline, its findings).
DEFECT_CHECK = {
    FireEquipmentCheck: "4.3.equipment_repaired",
    FireSystemTest: "4.3.equipment_repaired",
    FirePassageCheck: "4.3.passage_cleared",
    LightningTest: "4.4.defect_fixed",
    FloodCheck: "4.4.defect_fixed",
}
FIRE_DEFECT_CHECKS = tuple(dict.fromkeys(DEFECT_CHECK.values()))


def asset_of(record):
    """The asset a record is about (equipment, passage, protection)."""
    for name in ("equipment", "passage", "protection"):
        if hasattr(type(record), name):
            return getattr(record, name)
    raise TypeError(f"{type(record).__name__} is not a record of clause 4.3 or 4.4")


def problem_of(record) -> str:
    """What the record found wrong, or "" when it found nothing."""
    if isinstance(record, FireEquipmentCheck):
        return record.problem.strip() if record.result == CheckResult.FAULTY else ""
    if isinstance(record, FirePassageCheck):
        return record.note.strip() if record.outcome == PassageOutcome.BLOCKED else ""
    return record.problems.strip() if record.result == TestResult.FAILED else ""


def open_fire_defect(record) -> Defect | None:
    """The defect a stored record's problem opens, due by the fix deadline of its check (none if all is well)."""
    problem = problem_of(record)
    if not problem:
        return None
    asset = asset_of(record)
    check_id = DEFECT_CHECK[type(record)]
    division = asset.project.division_id
    deadline = record.occurred_at + param(
        check_id, "fix_deadline", division, timezone.localdate(record.occurred_at)
    )
    return Defect.objects.create(
        project_id=asset.project_id,
        check_id=check_id,
        source=f"{record._meta.label_lower}:{record.pk}",
        subject_name=str(asset),
        description=problem,
        found_at=record.occurred_at,
        deadline=deadline,
    )


def _walk(user, project, model, record_model, link: str, rows, *, occurred_at, inspector, channel, now):
    """Records of several assets of one project at one walk: ``rows`` are (asset, fields) pairs."""
    now = now or timezone.now()
    ensure_can_record(user, project.pk)
    wanted = {asset.pk for asset, _fields in rows}
    assets = model.objects.visible_to(user).filter(project=project, pk__in=wanted).select_related("project")
    assets = {asset.pk: asset for asset in assets}
    if set(assets) != wanted:
        raise PermissionDenied
    records = [
        record_model(
            **{link: assets[asset.pk]}, occurred_at=occurred_at or now, inspector=inspector.strip(), **fields
        )
        for asset, fields in rows
    ]
    bulk_append_evidence(records, user=user, channel=channel, now=now)
    for record in records:
        record.defect = open_fire_defect(record)
    return records


@transaction.atomic
def record_fire_checks(user, project, rows, *, inspector, channel, occurred_at=None, now=None) -> list:
    """The monthly check of several fire facilities of a project, walked at once.

    ``rows``: (equipment, {"result", "problem", "attachment"}) pairs. Each faulty one opens a defect under
    4.3.equipment_repaired.
    """
    return _walk(
        user,
        project,
        FireEquipment,
        FireEquipmentCheck,
        "equipment",
        rows,
        occurred_at=occurred_at,
        inspector=inspector,
        channel=channel,
        now=now,
    )


@transaction.atomic
def record_passage_checks(user, project, rows, *, inspector, channel, occurred_at=None, now=None) -> list:
    """A check of several fire passages of a project: (passage, {"outcome", "note", "attachment"}) pairs.

    Each blocked one opens a defect under 4.3.passage_cleared (to be cleared within 24 h by default).
    """
    return _walk(
        user,
        project,
        FirePassage,
        FirePassageCheck,
        "passage",
        rows,
        occurred_at=occurred_at,
        inspector=inspector,
        channel=channel,
        now=now,
    )


@transaction.atomic
def record_test(user, record, *, channel, now=None):
    """A yearly full test of a fire system, a lightning test or a flood check; a failed one opens a defect."""
    asset = asset_of(record)
    if not type(asset).objects.visible_to(user).filter(pk=asset.pk).exists():
        raise PermissionDenied
    ensure_can_record(user, asset.project_id)
    append_evidence(record, user=user, channel=channel, now=now)
    record.defect = open_fire_defect(record)
    return record
