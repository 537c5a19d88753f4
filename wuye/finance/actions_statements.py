"""Use cases of the half-year statements (1.6): save a draft with its lines, publish it, start a
correction. Each takes the acting user. A statement's status moves only as ``STATEMENT_MOVES`` allows
(after django-oscar's ``set_status``), each move a ``StatementStatusChange`` row; an illegal move or
figures that do not add up are refused and nothing is written.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.evidence import Channel, append_evidence
from wuye.estates.permissions import can_record_duties
from wuye.finance.accounts_tree import ensure_default_accounts
from wuye.finance.choices_statements import StatementStatus
from wuye.finance.models import Account, Statement, StatementLine, StatementStatusChange
from wuye.finance.validation_statements import problems

STATEMENT_MOVES = {
    (StatementStatus.DRAFT, StatementStatus.PUBLISHED),
    (StatementStatus.PUBLISHED, StatementStatus.SUPERSEDED),
}


def ensure_company(user, project_id: int) -> None:
    """The project's own staff and the serving enterprise's managers (and the operators), else 403."""
    if not can_record_duties(user, project_id):
        raise PermissionDenied


def accounts_for(project_id: int):
    """The accounts a project's statement may use: the default tree and the project's own."""
    ensure_default_accounts()
    return Account.objects.filter(project=None) | Account.objects.filter(project_id=project_id)


@transaction.atomic
def add_project_account(user, project_id: int, parent: Account, code: str, name: str) -> Account:
    """A level-2 account of the project's own under a default level-1 one; its code extends the parent's
    ("4002.91" under "4002") and is used by no default or project account yet."""
    ensure_company(user, project_id)
    code, name = code.strip(), name.strip()
    if parent.parent_id is not None or parent.project_id is not None:
        raise ValidationError({"parent": _("只能在默认的一级科目下增设二级科目。")})
    if not code.startswith(parent.code + ".") or not code[len(parent.code) + 1 :].isdigit():
        raise ValidationError(
            {
                "code": _("二级科目编码须为上级科目编码加“.”和数字，如 %(example)s。")
                % {"example": parent.code + ".91"}
            }
        )
    if accounts_for(project_id).filter(code=code).exists():
        raise ValidationError({"code": _("该科目编码已被使用。")})
    account = Account(
        project_id=project_id,
        parent=parent,
        code=code,
        name=name,
        kind=parent.kind,
        position=parent.position + 90,
    )
    account.full_clean()
    account.save()
    return account


def amounts_of(statement: Statement) -> dict:
    return {line.account: line.amount for line in statement.lines.select_related("account__parent")}


@transaction.atomic
def save_statement(user, statement: Statement, amounts: dict[int, Decimal]) -> Statement:
    """Create or edit a draft with its lines ({account id: amount}); refused unless the figures add up."""
    ensure_company(user, statement.project_id)
    if statement.pk is not None:
        current = Statement.objects.select_for_update().get(pk=statement.pk)
        if current.status != StatementStatus.DRAFT:
            raise ValidationError(_("收支情况表已公布，不能再修改；如需更正，请新建更正版本。"))
    else:
        statement.created_by = user
        clash = Statement.objects.filter(
            project_id=statement.project_id, year=statement.year, half=statement.half
        )
        if clash.exists():
            raise ValidationError(_("该项目本半年度已有收支情况表，请编辑它或新建更正版本。"))
    accounts = accounts_for(statement.project_id).select_related("parent").in_bulk(list(amounts))
    unknown = set(amounts) - set(accounts)
    if unknown:
        raise ValidationError(_("科目不存在或不属于本项目。"))
    lined = {accounts[pk]: amount for pk, amount in amounts.items() if amount is not None}
    found = problems(lined, statement.opening_balance, statement.closing_balance, publishing=False)
    if found:
        raise ValidationError(found)
    statement.full_clean(exclude=["created_by"])
    statement._history_user = user
    statement.save()
    statement.lines.all().delete()
    StatementLine.objects.bulk_create(
        StatementLine(statement=statement, account=account, amount=amount)
        for account, amount in lined.items()
    )
    return statement


def _move(user, statement: Statement, to_status: str, now, channel: str) -> Statement:
    from_status = statement.status
    if (from_status, to_status) not in STATEMENT_MOVES:
        raise ValidationError(
            _("收支情况表不能从“%(from)s”改为“%(to)s”。")
            % {"from": StatementStatus(from_status).label, "to": StatementStatus(to_status).label}
        )
    statement.status = to_status
    if to_status == StatementStatus.PUBLISHED:
        statement.published_at = now
    statement._history_user = user
    statement.save(update_fields=["status", "published_at", "updated_at"])
    change = StatementStatusChange(
        statement=statement,
        project_id=statement.project_id,
        from_status=from_status,
        to_status=to_status,
        occurred_at=now,
    )
    append_evidence(change, user=user, channel=channel, now=now)
    return statement


@transaction.atomic
def publish_statement(user, statement: Statement, *, now=None, channel: str = Channel.WEB) -> Statement:
    """Publish a draft (final); the time is the server's. A correction supersedes the version it corrects."""
    ensure_company(user, statement.project_id)
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    if statement.status == StatementStatus.DRAFT:
        found = problems(
            amounts_of(statement), statement.opening_balance, statement.closing_balance, publishing=True
        )
        if not statement.lines.exists():
            found.insert(0, _("收支情况表还没有填写任何科目。"))
        if found:
            raise ValidationError(found)
    now = now or timezone.now()
    _move(user, statement, StatementStatus.PUBLISHED, now, channel)
    if statement.corrects_id:
        old = Statement.objects.select_for_update().get(pk=statement.corrects_id)
        _move(user, old, StatementStatus.SUPERSEDED, now, channel)
    return statement


@transaction.atomic
def start_correction(user, statement: Statement) -> Statement:
    """A new draft version copying a published statement, pointing to it; the published one stays."""
    ensure_company(user, statement.project_id)
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    if statement.status != StatementStatus.PUBLISHED:
        raise ValidationError(_("只有已公布的收支情况表才能更正。"))
    if statement.corrections.filter(status=StatementStatus.DRAFT).exists():
        raise ValidationError(_("该收支情况表已有一份更正草稿。"))
    latest = (
        Statement.objects.filter(project_id=statement.project_id, year=statement.year, half=statement.half)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    copy = Statement.objects.create(
        project_id=statement.project_id,
        year=statement.year,
        half=statement.half,
        version=latest + 1,
        corrects=statement,
        opening_balance=statement.opening_balance,
        closing_balance=statement.closing_balance,
        parking_to_shortfall=statement.parking_to_shortfall,
        note=statement.note,
        created_by=user,
    )
    StatementLine.objects.bulk_create(
        StatementLine(statement=copy, account_id=line.account_id, amount=line.amount)
        for line in statement.lines.all()
    )
    return copy
