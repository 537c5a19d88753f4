"""Use cases of the takeover workflow (2.1–2.3). Each takes the acting user.

A takeover's status moves only as ``TAKEOVER_MOVES`` allows (after django-oscar's ``set_status``), each
move a ``TakeoverMove`` row (hash-chained evidence, the time the server's). A move not in the table,
a day in the future or days out of order are refused in Chinese and nothing is written.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.compliance.parameters import param
from wuye.core.evidence import Channel, append_evidence
from wuye.core.scoping import scope_of
from wuye.core.uploads import DOCUMENT_EXTENSIONS, check_file
from wuye.estates.models import ServicePeriod
from wuye.lifecycle.choices_takeover import TakeoverStatus, item_name
from wuye.lifecycle.models import DocumentHandover, InspectionItem, Takeover, TakeoverMove, TakeoverProblem

S = TakeoverStatus
TAKEOVER_MOVES = {
    (S.REGISTERED, S.INSPECTING),
    (S.INSPECTING, S.AGREED),
    (S.AGREED, S.FILED),
    (S.REGISTERED, S.CANCELLED),
    (S.INSPECTING, S.CANCELLED),
}
CHECKLIST_CHECK = "2.3.inspection_recorded"


def moves_from(status: str) -> list[str]:
    """The statuses a takeover may move to next, in the table's order of steps."""
    return [to for to in S.values if (status, to) in TAKEOVER_MOVES]


def ensure_writer(user, takeover: Takeover) -> None:
    """The incoming enterprise's managers (and the operators), else 403."""
    if not Takeover.objects.writable_by(user).filter(pk=takeover.pk).exists():
        raise PermissionDenied


def can_record_handover(user, takeover: Takeover) -> bool:
    """The developer's own users record its handover; the incoming enterprise may record it for it."""
    if takeover.project.developer_id in scope_of(user).developer_ids:
        return True
    return Takeover.objects.writable_by(user).filter(pk=takeover.pk).exists()


def not_in_future(day, field: str) -> None:
    if day is None:
        raise ValidationError({field: _("请填写日期。")})
    if day > timezone.localdate():
        raise ValidationError({field: _("日期不能晚于今天。")})


@transaction.atomic
def register_takeover(user, takeover: Takeover) -> Takeover:
    """A new takeover on a registered service contract, by the enterprise the contract names as Party B."""
    # Validated first: the model holds the project and the enterprise to the contract's, so the scope
    # check below is of the contract's Party B, whatever the caller set.
    takeover.created_by = user
    takeover.full_clean(exclude=["created_by"])
    scope = scope_of(user)
    if not scope.everything and takeover.enterprise_id not in scope.enterprise_ids:
        raise PermissionDenied
    if Takeover.objects.filter(contract_id=takeover.contract_id).exclude(status=S.CANCELLED).exists():
        raise ValidationError({"contract": _("该合同已有一项接管在办理。")})
    takeover._history_user = user
    takeover.save()
    return takeover


def _check_step(takeover: Takeover, to_status: str, day, finished_on, agreement_file, filing_number, note):
    """What each step needs; the days in order and none in the future."""
    if to_status == S.INSPECTING:
        not_in_future(day, "day")
        takeover.inspection_started_on = day
    elif to_status == S.AGREED:
        not_in_future(finished_on, "finished_on")
        not_in_future(day, "day")
        if finished_on < takeover.inspection_started_on:
            raise ValidationError({"finished_on": _("查验完成日期不得早于查验开始日期。")})
        if finished_on > day:
            raise ValidationError({"finished_on": _("查验完成日期不得晚于查验协议签订日期。")})
        takeover.inspection_finished_on, takeover.agreement_signed_on = finished_on, day
        takeover.agreement_file = agreement_file
        check_file(takeover, required=True, extensions=DOCUMENT_EXTENSIONS, field="agreement_file")
    elif to_status == S.FILED:
        not_in_future(day, "day")
        if day < takeover.agreement_signed_on:
            raise ValidationError({"day": _("备案日期不得早于查验协议签订日期。")})
        if not (filing_number or "").strip():
            raise ValidationError({"filing_number": _("请填写备案编号。")})
        takeover.filed_on, takeover.filing_number = day, filing_number.strip()
        if takeover.service_period_id is None:  # the period the takeover began, once it is registered
            takeover.service_period = (
                ServicePeriod.objects.filter(
                    project_id=takeover.project_id, enterprise_id=takeover.enterprise_id
                )
                .filter(start__lte=day)
                .order_by("-start")
                .first()
            )
    elif to_status == S.CANCELLED and not (note or "").strip():
        raise ValidationError({"note": _("撤销须说明原因。")})


@transaction.atomic
def move_takeover(
    user,
    takeover: Takeover,
    to_status: str,
    *,
    day=None,
    finished_on=None,
    agreement_file=None,
    filing_number: str = "",
    note: str = "",
    now=None,
    channel: str = Channel.WEB,
) -> Takeover:
    """Move a takeover one step as the table allows, with what the step records; a move row is written."""
    ensure_writer(user, takeover)
    takeover = Takeover.objects.select_for_update().get(pk=takeover.pk)
    from_status = takeover.status
    if (from_status, to_status) not in TAKEOVER_MOVES:
        raise ValidationError(
            _("接管不能从“%(from)s”改为“%(to)s”。")
            % {"from": S(from_status).label, "to": S(to_status).label if to_status in S.values else to_status}
        )
    _check_step(takeover, to_status, day, finished_on, agreement_file, filing_number, note)
    takeover.status = to_status
    takeover._history_user = user
    takeover.save()
    now = now or timezone.now()
    append_evidence(
        TakeoverMove(
            takeover=takeover,
            project_id=takeover.project_id,
            from_status=from_status,
            to_status=to_status,
            note=note.strip(),
            occurred_at=now,
        ),
        user=user,
        channel=channel,
        now=now,
    )
    return takeover


def checklist(takeover: Takeover, today=None) -> dict[str, list[str]]:
    """The catalogue's three lists for the project's division: {area: [item codes]}."""
    from wuye.lifecycle.choices_takeover import InspectionArea

    today = today or timezone.localdate()
    division = takeover.project.division_id
    return {area: list(param(CHECKLIST_CHECK, area, division, today)) for area in InspectionArea.values}


def _open_takeover(takeover: Takeover) -> None:
    if takeover.status == S.CANCELLED:
        raise ValidationError(_("该接管已撤销。"))


@transaction.atomic
def save_item(user, item: InspectionItem) -> InspectionItem:
    """Record or correct one checklist line; the item must be on the catalogue's list of its area."""
    ensure_writer(user, item.takeover)
    _open_takeover(item.takeover)
    listed = checklist(item.takeover).get(item.area, [])
    if item.item not in listed:
        raise ValidationError(
            {"item": _("“%(item)s”不在该类别的查验清单中。") % {"item": item_name(item.item)}}
        )
    if (
        item.takeover.agreement_signed_on
        and item.inspected_on
        and item.inspected_on > item.takeover.agreement_signed_on
    ):
        raise ValidationError({"inspected_on": _("查验日期不得晚于查验协议签订日期。")})
    item.full_clean()
    item._history_user = user
    item.save()
    return item


@transaction.atomic
def save_handover(user, handover: DocumentHandover) -> DocumentHandover:
    """Record one Art. 29 category handed over (by the developer's users or the incoming enterprise)."""
    if not can_record_handover(user, handover.takeover):
        raise PermissionDenied
    _open_takeover(handover.takeover)
    handover.full_clean()
    handover._history_user = user
    handover.save()
    return handover


@transaction.atomic
def save_problem(user, problem: TakeoverProblem) -> TakeoverProblem:
    """Record a problem found, who fixes it and by when, or its fixing."""
    ensure_writer(user, problem.takeover)
    _open_takeover(problem.takeover)
    problem.full_clean()
    problem._history_user = user
    problem.save()
    return problem
