"""Use cases of clauses 4.6 and 4.7: water tests, tank cleanings, water-quality reports and their handling,
pollution incidents and their report to the authority, sewer checks and flushes, septic tank emptying.

Each takes the acting user, refuses (PermissionDenied) who cannot see the subject or does not record the
project's duties, and appends the record through ``append_evidence``. The service desk of a later issue
turns an owner's ticket into a water-quality report with ``open_water_quality_report``.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.compliance.parameters import param
from wuye.core.evidence import append_evidence, bulk_append_evidence
from wuye.safety.actions import ensure_can_record, fix_defect
from wuye.safety.models import (
    Defect,
    DefectFix,
    PollutionIncident,
    PollutionReport,
    SepticEmptying,
    SepticTank,
    SewerCheck,
    SewerFlush,
    TankCleaning,
    WaterQualityReport,
    WaterTank,
    WaterTest,
)
from wuye.safety.models.water import WaterQualityComplaint

ODOUR_CHECK = "4.6.odour_ticket_closed"


def _ensure_sees(user, model, pk) -> None:
    if not model.objects.visible_to(user).filter(pk=pk).exists():
        raise PermissionDenied


def _record_about(user, record, subject_model, subject_pk, project_id, *, channel, now):
    _ensure_sees(user, subject_model, subject_pk)
    ensure_can_record(user, project_id)
    return append_evidence(record, user=user, channel=channel, now=now)


@transaction.atomic
def record_water_test(user, test: WaterTest, *, channel: str, now=None) -> WaterTest:
    """A laboratory's test of a tank's water (the values are held to the limits by 4.6.water_quality)."""
    return _record_about(user, test, WaterTank, test.tank_id, test.tank.project_id, channel=channel, now=now)


@transaction.atomic
def record_water_tests(user, tests: list, *, channel: str, now=None) -> list:
    """Append many water tests at once (an Excel import of lab reports), as ``record_water_test`` would.

    The tanks must be visible to the user and their projects' duties his to record; the tests are
    chained in one ``bulk_append_evidence`` (back-filled when older than the 4.6 limit).
    """
    tanks = {test.tank_id: test.tank for test in tests}
    visible = WaterTank.objects.visible_to(user).filter(pk__in=tanks).values_list("pk", flat=True)
    if set(visible) != set(tanks):
        raise PermissionDenied
    for project_id in {tank.project_id for tank in tanks.values()}:
        ensure_can_record(user, project_id)
    return bulk_append_evidence(tests, user=user, channel=channel, now=now)


@transaction.atomic
def record_tank_cleaning(user, cleaning: TankCleaning, *, channel: str, now=None) -> TankCleaning:
    tank = cleaning.tank
    return _record_about(user, cleaning, WaterTank, tank.pk, tank.project_id, channel=channel, now=now)


# -- water-quality reports -------------------------------------------------------------------------------


def report_source(report: WaterQualityReport) -> str:
    """The ``Defect.source`` of a report: "safety.waterqualityreport:12"."""
    return f"{report._meta.label_lower}:{report.pk}"


@transaction.atomic
def open_water_quality_report(report: WaterQualityReport, *, user, channel: str, now=None) -> Defect:
    """Append an odour or colour report and open its defect, to be closed within ``close_deadline``.

    For the service desk, which has checked already that the owner may file the ticket (``user`` is
    whoever filed it: the report's ``recorded_by``); staff go through ``record_water_quality_report``.
    """
    append_evidence(report, user=user, channel=channel, now=now)
    return open_report_defect(report)


def open_report_defect(report: WaterQualityReport) -> Defect:
    """The defect a stored report opens, due ``close_deadline`` after it was reported (bulk imports too)."""
    project = report.project
    deadline = report.occurred_at + param(
        ODOUR_CHECK, "close_deadline", project.division_id, timezone.localdate(report.occurred_at)
    )
    where = report.tank.name if report.tank_id else _("二次供水")
    return Defect.objects.create(
        project=project,
        check_id=ODOUR_CHECK,
        source=report_source(report),
        subject_name=f"{project.name} {where}",
        description=_("%(complaint)s：%(description)s（%(reporter)s反映）")
        % {
            "complaint": WaterQualityComplaint(report.complaint).label,
            "description": report.description.strip(),
            "reporter": report.reporter,
        },
        found_at=report.occurred_at,
        deadline=deadline,
    )


@transaction.atomic
def record_water_quality_report(user, report: WaterQualityReport, *, channel: str, now=None) -> Defect:
    """Staff record an owner's report (by phone, at the desk): open it as the service desk would."""
    _ensure_sees(user, type(report.project), report.project_id)
    ensure_can_record(user, report.project_id)
    return open_water_quality_report(report, user=user, channel=channel, now=now)


def report_defect(report: WaterQualityReport) -> Defect:
    return Defect.objects.get(check_id=ODOUR_CHECK, source=report_source(report))


@transaction.atomic
def handle_water_quality_report(user, report: WaterQualityReport, fix: DefectFix, *, channel: str, now=None):
    """The report handled (flushed, cleaned, water found normal...): a fix of its defect."""
    _ensure_sees(user, WaterQualityReport, report.pk)
    fix.defect = report_defect(report)
    return fix_defect(user, fix, channel=channel, now=now)


# -- pollution -------------------------------------------------------------------------------------------


@transaction.atomic
def record_pollution_incident(
    user, incident: PollutionIncident, *, report: PollutionReport | None = None, channel: str, now=None
) -> PollutionIncident:
    """A pollution found; ``report``: it was reported to the authority already (entered together)."""
    project = incident.project
    _record_about(user, incident, type(project), project.pk, project.pk, channel=channel, now=now)
    if report is not None:
        report.incident = incident
        append_evidence(report, user=user, channel=channel, now=now)
    return incident


@transaction.atomic
def record_pollution_report(user, report: PollutionReport, *, channel: str, now=None) -> PollutionReport:
    incident = report.incident
    return _record_about(
        user, report, PollutionIncident, incident.pk, incident.project_id, channel=channel, now=now
    )


# -- clause 4.7 ------------------------------------------------------------------------------------------


@transaction.atomic
def record_sewer_check(user, check: SewerCheck, *, channel: str, now=None) -> SewerCheck:
    project = check.project
    return _record_about(user, check, type(project), project.pk, project.pk, channel=channel, now=now)


@transaction.atomic
def record_sewer_flush(user, flush: SewerFlush, *, channel: str, now=None) -> SewerFlush:
    project = flush.project
    return _record_about(user, flush, type(project), project.pk, project.pk, channel=channel, now=now)


@transaction.atomic
def record_septic_emptying(user, emptying: SepticEmptying, *, channel: str, now=None) -> SepticEmptying:
    tank = emptying.septic_tank
    return _record_about(user, emptying, SepticTank, tank.pk, tank.project_id, channel=channel, now=now)
