"""Use cases of the parameters page: a regulator overrides a check's parameter or points for its division
(or one below it) from a date, or cancels an override not yet in force. Append-only: a correction is a
newer override. Each change queues a full re-evaluation, so findings and scores follow."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.compliance.models import ParameterOverride
from wuye.core.scoping import scope_of
from wuye.core.web import keeps_registry


def may_set_parameters(user) -> bool:
    """Regulators (and operators); the rest get 403."""
    return keeps_registry(user)  # the same people: those bound to divisions


def queue_reevaluation() -> None:
    from wuye.oversight.tasks_parameters import full_reevaluation

    transaction.on_commit(full_reevaluation)


@transaction.atomic
def add_override(user, override: ParameterOverride) -> ParameterOverride:
    """Refused (403) for anyone but a regulator, and for a division outside his own; from today on only."""
    if not may_set_parameters(user) or not scope_of(user).governs(override.division_id):
        raise PermissionDenied
    if override.valid_from is not None and override.valid_from < timezone.localdate():
        # Back-dating would re-score the past under a rule no one was told of (today: Asia/Shanghai).
        raise ValidationError({"valid_from": _("生效日期不能早于今天。")})
    override.set_by = user
    override.full_clean()
    override.save()
    queue_reevaluation()
    return override


@transaction.atomic
def cancel_override(user, override: ParameterOverride, reason: str) -> ParameterOverride:
    """Only an override not yet in force, and only with a reason; the row stays, marked."""
    if not may_set_parameters(user) or not scope_of(user).governs(override.division_id):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("请填写撤销理由。")})
    if override.cancelled_at is not None:
        raise ValidationError(_("该调整已撤销。"))
    if override.valid_from <= timezone.localdate():
        raise ValidationError(_("已生效的调整不能撤销，请新增一条调整更正。"))
    updated = ParameterOverride.objects.filter(pk=override.pk, cancelled_at__isnull=True).update(
        cancelled_at=timezone.now(), cancelled_by=user, cancel_reason=reason.strip()
    )
    if not updated:  # cancelled meanwhile by someone else
        raise ValidationError(_("该调整已撤销。"))
    override.refresh_from_db()
    queue_reevaluation()
    return override
