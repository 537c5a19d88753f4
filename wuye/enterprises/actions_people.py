"""Writes of the people part: wages, terminations and their review, policy documents, training.

Each checks the writer's scope in the database (``writable_by``; out of scope: PermissionDenied), runs in
one transaction and validates the whole row first, so a refused write changes nothing.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from wuye.core.evidence import append_evidence
from wuye.core.scoping import scope_of
from wuye.enterprises.choices import EmploymentStatus, EndReason
from wuye.enterprises.models import (
    Employment,
    Enterprise,
    PolicyDocument,
    Staff,
    Termination,
    TerminationReason,
    TrainingAttendance,
    TrainingSession,
    WagePayment,
)
from wuye.enterprises.models_people import ReviewOutcome

# How a termination's category reads in the employment's own (older, coarser) end reason.
END_REASONS = {
    TerminationReason.AGREED: EndReason.AGREED,
    TerminationReason.EMPLOYEE_NOTICE: EndReason.RESIGNED,
    TerminationReason.EMPLOYER_FAULT: EndReason.RESIGNED,
    TerminationReason.FOR_CAUSE: EndReason.DISMISSED_FOR_CAUSE,
    TerminationReason.WITH_NOTICE: EndReason.DISMISSED_WITH_NOTICE,
    TerminationReason.REDUNDANCY: EndReason.REDUNDANCY,
    TerminationReason.EXPIRED: EndReason.CONTRACT_EXPIRED,
    TerminationReason.RETIRED: EndReason.RETIRED,
    TerminationReason.OTHER_LAWFUL: EndReason.OTHER,
    TerminationReason.NONE: EndReason.OTHER,
}


def writable_employment(user, employment_id) -> Employment:
    employment = Employment.objects.writable_by(user).select_related("staff").filter(pk=employment_id).first()
    if employment is None:
        raise PermissionDenied
    return employment


def record_wage(user, wage: WagePayment) -> WagePayment:
    """Enter one month's wages of an employee of the user's enterprise."""
    writable_employment(user, wage.employment_id)
    with transaction.atomic():
        wage.full_clean()
        wage.save()
    return wage


def record_termination(user, termination: Termination) -> Termination:
    """Record how an employment ended; the employment is ended the same day with the matching reason."""
    employment = writable_employment(user, termination.employment_id)
    with transaction.atomic():
        termination.full_clean()
        termination.save()
        employment.status = EmploymentStatus.ENDED
        employment.ended_on = termination.date
        employment.end_reason = END_REASONS[termination.reason]
        employment.full_clean()
        employment.save()
    return termination


def may_review(user, termination: Termination) -> bool:
    """Regulators over the enterprise review terminations (an administrator too)."""
    scope = scope_of(user)
    if scope.everything:
        return True
    if not scope.division_codes:
        return False
    return Enterprise.objects.filter(
        Enterprise.regulator_q(scope), pk=termination.employment.staff.enterprise_id
    ).exists()


def review_termination(user, termination: Termination, outcome: str, note: str = "") -> Termination:
    if not may_review(user, termination):
        raise PermissionDenied
    if outcome not in ReviewOutcome.values:
        raise ValueError(outcome)
    with transaction.atomic():
        Termination.objects.filter(pk=termination.pk).update(
            outcome=outcome, review_note=note, reviewed_by=user, reviewed_at=timezone.now()
        )
    termination.refresh_from_db()
    return termination


def file_policy(user, policy: PolicyDocument, *, channel: str, now=None) -> PolicyDocument:
    """Append a policy document of the user's enterprise (evidence: append-only)."""
    scope = scope_of(user)
    if not scope.everything and policy.enterprise_id not in scope.enterprise_ids:
        raise PermissionDenied
    with transaction.atomic():
        return append_evidence(policy, user=user, channel=channel, now=now)


def record_training(user, session: TrainingSession, staff_ids) -> TrainingSession:
    """A training with the employees who attended: all of them the enterprise's, or nothing is saved."""
    scope = scope_of(user)
    if not scope.everything and session.enterprise_id not in scope.enterprise_ids:
        raise PermissionDenied
    staff_ids = list(dict.fromkeys(staff_ids))
    with transaction.atomic():
        session.full_clean()
        session.save()
        set_attendance(session, staff_ids)
    return session


def set_attendance(session: TrainingSession, staff_ids) -> None:
    """Replace a session's attendance; every employee must be the session's enterprise's."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    staff_ids = list(dict.fromkeys(int(pk) for pk in staff_ids))
    found = set(
        Staff.objects.filter(pk__in=staff_ids, enterprise_id=session.enterprise_id).values_list(
            "pk", flat=True
        )
    )
    if len(found) != len(staff_ids):
        raise ValidationError({"attendees": _("只能登记本企业的员工。")})
    with transaction.atomic():
        TrainingAttendance.objects.filter(session=session).exclude(staff_id__in=staff_ids).delete()
        present = set(TrainingAttendance.objects.filter(session=session).values_list("staff_id", flat=True))
        TrainingAttendance.objects.bulk_create(
            [TrainingAttendance(session=session, staff_id=pk) for pk in staff_ids if pk not in present]
        )
