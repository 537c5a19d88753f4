"""Use cases of the enterprise registry that need more than a plain save."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from stdnum.cn import uscc

from wuye.core.actions import save_record
from wuye.core.scoping import scope_of
from wuye.core.validators import normalise_credit_code, validate_credit_code
from wuye.enterprises.models import CreditCodeException, IdNumberDisclosure, Staff


def save_staff(user, staff: Staff, id_number: str | None = None) -> Staff:
    """Create or change an employee; a new ID number is validated, encrypted and hashed here only."""
    if staff.pk is None and not id_number:
        raise ValidationError({"id_number": _("请填写身份证号码。")})
    if id_number:
        try:
            staff.set_id_number(id_number)
        except ValidationError as error:
            raise ValidationError({"id_number": error.messages})
        clash = Staff.objects.filter(enterprise_id=staff.enterprise_id, id_number_hash=staff.id_number_hash)
        if clash.exclude(pk=staff.pk).exists():
            raise ValidationError({"id_number": _("该企业已登记过此身份证号的员工。")})
    return save_record(user, staff)


def can_reveal_id_number(user, staff: Staff) -> bool:
    scope = scope_of(user)
    if scope.everything:
        return True
    return Staff.objects.filter(Staff.pii_q(scope), pk=staff.pk).exists()


@transaction.atomic
def reveal_id_number(user, staff: Staff, *, channel: str, ip: str | None = None) -> str:
    """The full citizen ID number, for a role that needs it; every disclosure is logged (PIPL)."""
    if not can_reveal_id_number(user, staff):
        raise PermissionDenied
    IdNumberDisclosure.objects.create(staff=staff, user=user, channel=channel, ip=ip)
    return staff.reveal_id_number()


def grant_pilot_exception(user, credit_code: str, reason: str) -> CreditCodeException:
    """A regulator accepts a code whose check character is wrong as a known early pilot code."""
    scope = scope_of(user)
    if not (scope.everything or scope.division_codes):
        raise PermissionDenied
    code = normalise_credit_code(credit_code)
    errors = {}
    try:
        validate_credit_code(code, pilot_exception=True)  # length, characters and area must still hold
    except ValidationError as error:
        errors["credit_code"] = error.messages
    else:
        if uscc.calc_check_digit(code[:-1]) == code[-1]:
            errors["credit_code"] = [_("该代码校验位正确，无需登记例外。")]
        elif CreditCodeException.objects.filter(credit_code=code).exists():
            errors["credit_code"] = [_("该代码已登记为例外。")]
    if not (reason or "").strip():
        errors["reason"] = [_("请写明接受该代码的理由（如早期试点代码的发证文件）。")]
    if errors:
        raise ValidationError(errors)
    return CreditCodeException.objects.create(credit_code=code, reason=reason.strip(), granted_by=user)
