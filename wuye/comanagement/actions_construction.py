"""Use cases of illegal construction cases (5.1): open a case, move it (warn, report, answer, close).
A case moves only as ``choices_construction.TRANSITIONS`` allows; each move is a CaseMove row. Refused
input writes nothing."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.comanagement.choices_construction import TRANSITIONS, CaseStatus
from wuye.comanagement.models import CaseMove, ConstructionCase
from wuye.estates.permissions import can_record_duties

# What each move stamps on the case: the field holding its moment.
MOMENT_OF = {
    CaseStatus.FOUND: "found_at",
    CaseStatus.WARNED: "warned_at",
    CaseStatus.REPORTED: "reported_at",
    CaseStatus.ANSWERED: "answered_at",
}


def ensure_company(user, project_id: int) -> None:
    if not can_record_duties(user, project_id):
        raise PermissionDenied


@transaction.atomic
def open_case(user, case: ConstructionCase) -> ConstructionCase:
    """A new case (status found) with its first move; a household outside the project is refused."""
    ensure_company(user, case.project_id)
    case.status = CaseStatus.FOUND
    case.full_clean()
    case.save()
    CaseMove.objects.create(case=case, old="", new=CaseStatus.FOUND, at=case.found_at, by=user)
    return case


@transaction.atomic
def move_case(user, case: ConstructionCase, new: str, *, at=None, **fields) -> ConstructionCase:
    """Move the case to ``new`` at ``at`` (default now), setting ``fields`` (the warning's file, the
    authority, the answer, the outcome)."""
    ensure_company(user, case.project_id)
    case = ConstructionCase.objects.select_for_update().get(pk=case.pk)
    if new not in TRANSITIONS.get(case.status, set()):
        raise ValidationError(
            _("案件当前状态为“%(old)s”，不能改为“%(new)s”。")
            % {"old": case.get_status_display(), "new": CaseStatus(new).label}
        )
    at = at or timezone.now()
    for name, value in fields.items():
        setattr(case, name, value)
    if new in MOMENT_OF:
        setattr(case, MOMENT_OF[new], at)
    if new == CaseStatus.CLOSED and not case.outcome:
        raise ValidationError({"outcome": _("结案须填写处理结果。")})
    old = case.status
    case.status = new
    case.full_clean()
    case.save()
    CaseMove.objects.create(case=case, old=old, new=new, at=at, by=user)
    return case
