"""Use cases of clauses 4.3 and 4.4: the monthly walk of a project's fire equipment and its passages, the
yearly tests of fire systems and of lightning and flood protection. A record that reports a problem (a
faulty facility, a blocked passage, a failed test) opens a defect with the fix deadline of its check;
the defect is closed by a ``DefectFix`` (``safety.actions.fix_defect``, the page of clause 4.8).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

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
    if not problem_of(record):
        return None
    defect = fire_defect(record, param(*fix_deadline_key(record)))
    defect.save(force_insert=True)
    return defect


def fix_deadline_key(record) -> tuple:
    """The parameter of a record's fix deadline: its check's, in its division, on the (local) day it claims."""
    division = asset_of(record).project.division_id
    return (DEFECT_CHECK[type(record)], "fix_deadline", division, timezone.localdate(record.occurred_at))


def fire_defect(record, fix_deadline) -> Defect:
    """The (unsaved) defect of a stored record that found a problem, due ``fix_deadline`` after it."""
    asset = asset_of(record)
    return Defect(
        project_id=asset.project_id,
        check_id=DEFECT_CHECK[type(record)],
        source=f"{record._meta.label_lower}:{record.pk}",
        subject_name=str(asset),
        description=problem_of(record),
        found_at=record.occurred_at,
        deadline=record.occurred_at + fix_deadline,
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
def record_fire_check_batch(user, checks: list, *, channel: str, now=None) -> list:
    """Append many monthly checks at once (an Excel import), as the walk would record each of them.

    Unlike the walk, each check has its own time and inspector. The equipment must be visible to the
    user and its projects' duties his to record; the checks are chained in one ``bulk_append_evidence``
    and the defects of the faulty ones are created together, their deadlines looked up once per day.
    """
    equipment = {check.equipment_id: check.equipment for check in checks}
    visible = FireEquipment.objects.visible_to(user).filter(pk__in=equipment).values_list("pk", flat=True)
    if set(visible) != set(equipment):
        raise PermissionDenied
    for project_id in {item.project_id for item in equipment.values()}:
        ensure_can_record(user, project_id)
    appended = bulk_append_evidence(checks, user=user, channel=channel, now=now)
    deadlines, defects = {}, []
    for check in appended:
        check.defect = None
        if problem_of(check):
            key = fix_deadline_key(check)
            if key not in deadlines:
                deadlines[key] = param(*key)
            check.defect = fire_defect(check, deadlines[key])
            defects.append(check.defect)
    if defects:
        bulk_create_with_history(defects, Defect, default_user=user)
    return appended


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
