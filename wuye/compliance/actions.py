"""Use cases of the compliance engine that people start: appeals against findings and exemptions.

Each takes the acting user (after Saleor), validates, checks who may act, and moves the record
through ``set_status`` so every step leaves a row. The API and the admin call these; they hold no rule.
Refusals: ``PermissionDenied`` when the user's role may not do this at all, ``ValidationError`` with a
field-level Chinese message when the input is wrong; in both cases nothing is written.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.compliance.catalogue import check as catalogue_check
from wuye.compliance.catalogue import load_catalogue
from wuye.compliance.models import Finding, FindingState
from wuye.compliance.review import (
    APPEAL_UPHELD,
    Appeal,
    AppealStatus,
    Exemption,
    ExemptionStatus,
    set_status,
)
from wuye.compliance.scores import compute_scores
from wuye.compliance.wording import moment
from wuye.core.scoping import scope_of


def deadline_days(name: str) -> datetime.timedelta:
    """A platform-wide deadline of the catalogue's defaults (appeal_deadline, appeal_decision_deadline)."""
    return datetime.timedelta(days=int(load_catalogue().default(name).default))


def appeal_deadline(finding: Finding) -> datetime.datetime:
    """The last moment an appeal against ``finding`` may be filed: first found + appeal_deadline days."""
    return finding.first_found_at + deadline_days("appeal_deadline")


def decision_deadline(filed_at: datetime.datetime) -> datetime.datetime:
    """When the regulator's decision on an appeal filed at ``filed_at`` is due."""
    return filed_at + deadline_days("appeal_decision_deadline")


def regulates(user, division_code: str | None) -> bool:
    """A regulator whose division is ``division_code`` or above it (operators are not regulators)."""
    if not division_code:
        return False
    return any(division_code.startswith(prefix) for prefix in scope_of(user).division_prefixes)


def finding_division(finding: Finding) -> str | None:
    if finding.division_id:
        return finding.division_id
    if finding.project_id:
        return finding.project.division_id
    return finding.enterprise.division_id if finding.enterprise_id else None


def refresh_scores(now: datetime.datetime) -> None:
    """The day's snapshots again, so a decision that changes what counts shows in the score at once
    instead of at the next hourly evaluation. In the decision's transaction: both land, or neither."""
    compute_scores(now)


def require(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


# Appeals


def files_appeals(user) -> bool:
    """Whether the user's role files appeals at all: managers of an enterprise."""
    return bool(scope_of(user).enterprise_ids)


def appeal_obstacle(
    user, finding: Finding, now: datetime.datetime, *, pending: bool | None = None
) -> str | None:
    """Why ``user`` may not appeal ``finding`` at ``now``, or None when he may.

    ``pending`` says whether the finding has an undecided appeal, when the caller already knows
    (a page listing many findings); otherwise it is looked up.
    """
    deadline = appeal_deadline(finding)
    if finding.party != "B" or finding.enterprise_id not in scope_of(user).enterprise_ids:
        return _("只能对本企业被记录的问题提出申诉。")
    if finding.state == FindingState.WITHDRAWN:
        return _("该问题已撤销，无需申诉。")
    if now > deadline:
        return _("申诉期已过：该问题于%(found)s发现，申诉截止于%(deadline)s。") % {
            "found": moment(finding.first_found_at),
            "deadline": moment(deadline),
        }
    if pending is None:
        pending = finding.appeals.filter(status=AppealStatus.FILED).exists()
    if pending:
        return _("该问题已有待裁决的申诉。")
    return None


def may_file_appeal(user, finding: Finding, now: datetime.datetime, *, pending: bool | None = None) -> bool:
    """What the appeal button asks: the same rules ``file_appeal`` applies."""
    return files_appeals(user) and appeal_obstacle(user, finding, now, pending=pending) is None


@transaction.atomic
def file_appeal(user, finding: Finding, statement: str, *, now: datetime.datetime | None = None) -> Appeal:
    """A manager of the enterprise a finding is against contests it, within the appeal deadline."""
    now = now or timezone.now()
    if not files_appeals(user):
        raise PermissionDenied(_("只有物业服务企业的管理人员可以提出申诉。"))
    finding = Finding.objects.select_for_update().get(pk=finding.pk)  # one open appeal, even when racing
    errors = {}
    obstacle = appeal_obstacle(user, finding, now)
    if obstacle:
        errors["finding"] = obstacle
    if not (statement or "").strip():
        errors["statement"] = _("请填写申诉理由。")
    if errors:
        raise ValidationError(errors)
    appeal = Appeal(
        finding=finding,
        statement=statement.strip(),
        filed_by=user,
        filed_at=now,
        decide_by=decision_deadline(now),
    )
    return set_status(appeal, AppealStatus.FILED, user, at=now)


@transaction.atomic
def decide_appeal(
    user, appeal: Appeal, uphold: bool, reason: str, *, now: datetime.datetime | None = None
) -> Appeal:
    """The regulator over the finding upholds the appeal (the finding is withdrawn) or rejects it."""
    now = now or timezone.now()
    finding = appeal.finding
    if not regulates(user, finding_division(finding)):
        raise PermissionDenied(_("只有该问题所在地区的监管部门可以裁决申诉。"))
    reason = require(reason, "reason", _("请填写裁决理由。"))
    status = AppealStatus.UPHELD if uphold else AppealStatus.REJECTED
    set_status(appeal, status, user, reason, at=now, decided_by=user, decided_at=now, decision_reason=reason)
    if uphold:
        # Withdrawn findings never count again, and the engine leaves them withdrawn.
        Finding.objects.filter(pk=finding.pk).update(
            state=FindingState.WITHDRAWN, withdrawn_at=now, withdrawn_reason=APPEAL_UPHELD
        )
        refresh_scores(now)
    return appeal


# Exemptions


def exemptible(check_id: str) -> bool:
    """Whether a check may be exempted at all: a known check that is not a veto (一票否决) one."""
    try:
        return not catalogue_check(check_id).veto
    except KeyError:
        return False


def subject_division(exemption: Exemption) -> str | None:
    return exemption.project.division_id if exemption.project_id else exemption.enterprise.division_id


def may_request_exemption(user, project, enterprise, today: datetime.date) -> bool:
    """The manager of the enterprise serving the project now (or of the enterprise itself), or its regulator."""
    from wuye.estates.models import ServicePeriod

    enterprises = scope_of(user).enterprise_ids
    if project is not None:
        serving = ServicePeriod.objects.current(today).filter(project=project, enterprise_id__in=enterprises)
        return serving.exists() or regulates(user, project.division_id)
    return enterprise.pk in enterprises or regulates(user, enterprise.division_id)


def overlapping_exemptions(check_id, project, enterprise, valid_from, expires_on):
    """Requested or approved exemptions of the same check and subject whose validity meets the new one's."""
    pending = Exemption.objects.filter(
        check_id=check_id,
        project=project,
        enterprise=enterprise,
        status__in=[ExemptionStatus.REQUESTED, ExemptionStatus.APPROVED],
        expires_on__gte=valid_from,
    )
    return pending.filter(valid_from__lte=expires_on) if expires_on else pending


@transaction.atomic
def request_exemption(
    user,
    project,
    check_id: str,
    reason: str,
    expires_on: datetime.date | None,
    *,
    enterprise=None,
    valid_from: datetime.date | None = None,
    now: datetime.datetime | None = None,
) -> Exemption:
    """Ask that ``check_id`` not apply to ``project`` (or, for its own checks, ``enterprise``) until a date."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    valid_from = valid_from or today
    if (project is None) == (enterprise is None):
        raise ValidationError({"project": _("请选择豁免的项目（企业自身的检查项则选择企业）。")})
    if not may_request_exemption(user, project, enterprise, today):
        raise PermissionDenied(_("只有服务该项目的企业管理人员或监管部门可以申请豁免。"))
    errors = {}
    try:
        spec = catalogue_check(check_id)
    except KeyError:
        errors["check_id"] = _("规则目录中没有检查项“%(check)s”。") % {"check": check_id}
    else:
        if spec.veto:
            errors["check_id"] = _("一票否决项不能豁免。")
        elif overlapping_exemptions(check_id, project, enterprise, valid_from, expires_on).exists():
            errors["check_id"] = _("该检查项已有待审批或生效中的豁免。")
    if not (reason or "").strip():
        errors["reason"] = _("请填写豁免理由（如：本项目无电梯）。")
    if expires_on is None:
        errors["expires_on"] = _("请填写豁免到期日。")
    elif expires_on <= today:
        errors["expires_on"] = _("到期日须晚于今天。")
    elif expires_on < valid_from:
        errors["expires_on"] = _("到期日不能早于生效日期。")
    if valid_from < today:
        errors["valid_from"] = _("生效日期不能早于今天。")
    if errors:
        raise ValidationError(errors)
    exemption = Exemption(
        check_id=check_id,
        project=project,
        enterprise=enterprise,
        reason=reason.strip(),
        valid_from=valid_from,
        expires_on=expires_on,
        requested_by=user,
        requested_at=now,
    )
    return set_status(exemption, ExemptionStatus.REQUESTED, user, at=now)


def ensure_regulator_of(user, exemption: Exemption) -> None:
    if not regulates(user, subject_division(exemption)):
        raise PermissionDenied(_("只有该项目所在地区的监管部门可以审批或撤销豁免。"))


@transaction.atomic
def decide_exemption(
    user, exemption: Exemption, approve: bool, reason: str, *, now: datetime.datetime | None = None
) -> Exemption:
    """The regulator over the project approves the exemption (in force from valid_from) or rejects it."""
    now = now or timezone.now()
    ensure_regulator_of(user, exemption)
    reason = require(reason, "reason", _("请填写审批意见。"))
    status = ExemptionStatus.APPROVED if approve else ExemptionStatus.REJECTED
    set_status(
        exemption, status, user, reason, at=now, decided_by=user, decided_at=now, decision_reason=reason
    )
    if approve:
        refresh_scores(now)  # an exemption in force from today takes its findings out of the score
    return exemption


@transaction.atomic
def revoke_exemption(
    user, exemption: Exemption, reason: str, *, now: datetime.datetime | None = None
) -> Exemption:
    """The regulator ends an approved exemption early (the elevator was installed after all)."""
    now = now or timezone.now()
    ensure_regulator_of(user, exemption)
    reason = require(reason, "reason", _("请填写撤销理由。"))
    set_status(exemption, ExemptionStatus.REVOKED, user, reason, at=now)
    refresh_scores(now)
    return exemption
