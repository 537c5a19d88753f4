"""Owners joining: one-time invitation codes per household, printed on a building's sheet and redeemed on
the public join page; join requests the project's committee confirms or refuses against the register.

Either way the owner ends up as a ``Membership`` (role owner) on the household and in the owner register
(``Owner``) with his account. An owner may hold several households, a household several owners.
"""

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from wuye.accounts.choices import Role
from wuye.accounts.models import (
    InvitationCode,
    JoinRequest,
    JoinRequestEvent,
    JoinRequestStatus,
    Membership,
    User,
)
from wuye.core.scoping import scope_of
from wuye.estates.models import Household, Owner
from wuye.estates.permissions import can_record_duties

# No 0/O, 1/I/L: a code is typed from paper. 31 symbols × 12 ≈ 59 bits: guessing one is hopeless.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12
# Guessing is also slowed: this many wrong codes from one address in the window, then a pause.
FAILURE_LIMIT = 10
FAILURE_WINDOW = 15 * 60  # seconds


def new_code(rng=None) -> str:
    """A fresh code from the system's secure source (``rng``: a seeded one, for the demo's only)."""
    pick = rng.choice if rng is not None else secrets.choice
    raw = "".join(pick(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def normalise(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def code_hash(code: str) -> str:
    """A keyed hash (with the site's secret), so a copy of the table does not give the codes away."""
    return salted_hmac("wuye.invitation-code", normalise(code), algorithm="sha256").hexdigest()


def can_issue_codes(user, project_id: int) -> bool:
    """The project's staff, the serving enterprise's managers and the project's committee print the sheets."""
    return can_record_duties(user, project_id) or project_id in scope_of(user).committee_project_ids


@dataclass
class IssuedCode:
    household: Household
    code: str


@transaction.atomic
def issue_codes(user, households, *, rng=None) -> list[IssuedCode]:
    """A fresh code for each household (of one building); the household's unused codes are revoked."""
    households = list(households)
    for project_id in {household.project_id for household in households}:
        if not can_issue_codes(user, project_id):
            raise PermissionDenied
    now = timezone.now()
    InvitationCode.objects.filter(
        household__in=households, used_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    issued, rows = [], []
    for household in households:
        code = new_code(rng)
        issued.append(IssuedCode(household, code))
        rows.append(
            InvitationCode(household=household, code_hash=code_hash(code), hint=code[-4:], issued_by=user)
        )
    InvitationCode.objects.bulk_create(rows)
    return issued


@transaction.atomic
def revoke_code(user, invitation: InvitationCode) -> None:
    if not can_issue_codes(user, invitation.household.project_id):
        raise PermissionDenied
    done = InvitationCode.objects.filter(
        pk=invitation.pk, used_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    if not done:
        raise ValidationError(_("该邀请码已使用或已作废。"))


# -- redeeming -------------------------------------------------------------------------------------------


def failure_key(client: str) -> str:
    return f"join-code-failures:{client}"


def too_many_failures(client: str) -> bool:
    return cache.get(failure_key(client), 0) >= FAILURE_LIMIT


def count_failure(client: str) -> None:
    key = failure_key(client)
    cache.add(key, 0, FAILURE_WINDOW)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, FAILURE_WINDOW)


def find_code(code: str, client: str) -> InvitationCode:
    """The open code typed, or a ValidationError saying why not (each miss is counted against ``client``)."""
    if too_many_failures(client):
        raise ValidationError(
            _("邀请码输错次数过多，请 %(minutes)d 分钟后再试。") % {"minutes": FAILURE_WINDOW // 60},
            code="locked",
        )
    invitation = (
        InvitationCode.objects.select_related("household__building", "household__project")
        .filter(code_hash=code_hash(code))
        .first()
    )
    if invitation is None:
        count_failure(client)
        raise ValidationError(_("邀请码不正确，请核对纸条上的邀请码。"), code="unknown")
    if invitation.used_at:
        raise ValidationError(
            _("该邀请码已经使用过，每个邀请码只能用一次。如需再绑定，请联系物业或业主委员会。"), code="used"
        )
    if invitation.revoked_at:
        raise ValidationError(_("该邀请码已作废，请使用最新发放的邀请码。"), code="revoked")
    return invitation


def bind_owner(user, household, *, name: str, phone: str) -> None:
    """Make ``user`` an owner of ``household``: a membership and a place in the owner register."""
    Membership.objects.get_or_create(
        user=user, role=Role.OWNER, household=household, defaults={"active": True}
    )
    owner = Owner.objects.filter(user=user).first()
    if owner is None:
        # The register may list him already (by the company, without an account): same household and phone.
        owner = (
            Owner.objects.filter(households=household, phone=phone, user__isnull=True).first()
            if phone
            else None
        )
    if owner is None:
        owner = Owner(name=name, phone=phone, user=user)
        owner._change_reason = "owner joined"
        owner.save()
    elif owner.user_id is None:
        Owner.objects.filter(pk=owner.pk).update(user=user)
    owner.households.add(household)


@transaction.atomic
def redeem_code(
    code: str, *, client: str, user=None, name="", phone="", username="", password="", email=""
) -> User:
    """Use a code: a new owner account (anonymous) or one more household for the signed-in ``user``.

    The code is claimed with a conditional UPDATE, so two people typing the same code at once cannot
    both use it; any refusal leaves nothing written.
    """
    invitation = find_code(code, client)
    if user is None:
        user = create_account(username=username, password=password, name=name, phone=phone, email=email)
    else:
        name, phone = name or user.full_name or user.username, phone or user.phone
    claimed = InvitationCode.objects.filter(
        pk=invitation.pk, used_at__isnull=True, revoked_at__isnull=True
    ).update(used_at=timezone.now(), used_by=user)
    if not claimed:
        raise ValidationError(_("该邀请码刚刚已被使用。"), code="used")
    bind_owner(user, invitation.household, name=name, phone=phone)
    return user


def create_account(*, username: str, password: str, name: str, phone: str, email: str = "") -> User:
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("该用户名已被使用，请换一个。")})
    user = User(username=username, full_name=name.strip(), phone=phone.strip(), email=email.strip())
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password1": error.messages}) from None
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    return user


# -- join requests ------------------------------------------------------------------------------------------

# The moves a join request may make (after django-oscar's set_status): anything else is refused.
TRANSITIONS = {
    JoinRequestStatus.PENDING: {JoinRequestStatus.CONFIRMED, JoinRequestStatus.REFUSED},
    JoinRequestStatus.CONFIRMED: set(),
    JoinRequestStatus.REFUSED: set(),
}


@transaction.atomic
def request_to_join(user, household, *, name: str, phone: str) -> JoinRequest:
    if JoinRequest.objects.filter(user=user, household=household, status=JoinRequestStatus.PENDING).exists():
        raise ValidationError(_("您已提交过该房屋的申请，请等待业主委员会核实。"))
    if Membership.objects.filter(user=user, role=Role.OWNER, household=household, active=True).exists():
        raise ValidationError(_("您已是该房屋的业主，无需再申请。"))
    join = JoinRequest(user=user, household=household, name=name.strip(), phone=phone.strip())
    join.full_clean()
    join.save()
    return join


def can_decide(user, join: JoinRequest) -> bool:
    """The committee of the household's project decides (operators too): ``JoinRequest.scope_q``."""
    return JoinRequest.objects.writable_by(user).filter(pk=join.pk).exists()


@transaction.atomic
def set_status(user, join: JoinRequest, new_status: str, *, reason: str = "") -> JoinRequest:
    """Move a request through the transition table; an illegal move is refused and writes nothing."""
    join = JoinRequest.objects.select_for_update().select_related("household").get(pk=join.pk)
    if not can_decide(user, join):
        raise PermissionDenied
    if new_status not in TRANSITIONS[join.status]:
        raise ValidationError(
            _("该申请当前为“%(old)s”，不能改为“%(new)s”。")
            % {"old": JoinRequestStatus(join.status).label, "new": JoinRequestStatus(new_status).label}
        )
    if new_status == JoinRequestStatus.REFUSED and not reason.strip():
        raise ValidationError({"reason": _("请说明不通过的原因，申请人会看到。")})
    JoinRequestEvent.objects.create(request=join, old_status=join.status, new_status=new_status, by=user)
    join.status, join.decided_at, join.decided_by, join.reason = (
        new_status,
        timezone.now(),
        user,
        reason.strip(),
    )
    join.save(update_fields=["status", "decided_at", "decided_by", "reason"])
    if new_status == JoinRequestStatus.CONFIRMED:
        bind_owner(join.user, join.household, name=join.name, phone=join.phone)
    return join


def client_address(request) -> str:
    """Who is guessing: the address the request came from (behind the proxy, its forwarded one)."""
    if getattr(settings, "USE_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "unknown")
