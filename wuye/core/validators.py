"""Checksummed identifiers of GB 32100 (credit code), GB 11643 (citizen ID) and phone numbers.

Each function returns the normalised value or raises ValidationError saying which rule failed
(format, area code, birth date, check character), so the form, the API and the import show the same.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from stdnum import numdb
from stdnum.cn import ric, uscc

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
MOBILE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")
LANDLINE = re.compile(r"^(?:0\d{2,3}-?)?\d{7,8}(?:-\d{1,6})?$")


def area_name(code: str) -> str | None:
    """Name of a GB/T 2260 area code anywhere in China (stdnum's table), or None if unknown."""
    info = {k: v for _part, props in numdb.get("cn/loc").info(code) for k, v in props.items()}
    if "county" not in info:
        return None
    county = info["county"].split(",")[-1]
    return county.split("]")[-1]


def normalise_credit_code(value: str) -> str:
    return re.sub(r"\s+", "", value or "").upper()


def validate_credit_code(value: str, *, pilot_exception: bool = False) -> str:
    code = normalise_credit_code(value)
    if len(code) != 18:
        raise ValidationError(
            _("统一社会信用代码应为18位，当前为%(length)d位。"), code="length", params={"length": len(code)}
        )
    bad = sorted({c for c in code if c not in CREDIT_CODE_ALPHABET})
    if bad:
        raise ValidationError(
            _("统一社会信用代码含有不允许的字符：%(chars)s（不使用 I、O、Z、S、V）。"),
            code="format",
            params={"chars": pgettext("list separator", "、").join(bad)},
        )
    if area_name(code[2:8]) is None:
        raise ValidationError(
            _("统一社会信用代码第3–8位“%(area)s”不是有效的行政区划代码。"),
            code="area",
            params={"area": code[2:8]},
        )
    if uscc.calc_check_digit(code[:-1]) != code[-1] and not pilot_exception:
        raise ValidationError(
            _("统一社会信用代码校验位（第18位）不正确，请核对。早期试点代码需由监管部门登记例外。"),
            code="checksum",
        )
    return code


def validate_citizen_id(value: str) -> str:
    number = re.sub(r"\s+", "", value or "").upper()
    if len(number) != 18:
        raise ValidationError(
            _("身份证号码应为18位，当前为%(length)d位。"), code="length", params={"length": len(number)}
        )
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise ValidationError(_("身份证号码格式不正确：前17位应为数字，末位为数字或X。"), code="format")
    try:
        birth = ric.get_birth_date(number)
    except Exception:
        birth = None
    if birth is None or birth > timezone.localdate() or birth < datetime.date(1900, 1, 1):
        raise ValidationError(
            _("身份证号码中的出生日期“%(date)s”无效。"), code="birth_date", params={"date": number[6:14]}
        )
    if area_name(number[:6]) is None:
        raise ValidationError(
            _("身份证号码前6位“%(area)s”不是有效的行政区划代码。"), code="area", params={"area": number[:6]}
        )
    try:
        ric.get_birth_place(number)
    except Exception:
        raise ValidationError(
            _("身份证号码前6位“%(area)s”在出生年份%(year)s尚未设立，请核对。"),
            code="area",
            params={"area": number[:6], "year": number[6:10]},
        )
    if ric.calc_check_digit(number) != number[-1]:
        raise ValidationError(_("身份证号码校验位（第18位）不正确，请核对。"), code="checksum")
    return number


def mask_citizen_id(number: str) -> str:
    """150102********1234: the area stays readable, the birth date and sequence do not."""
    return number[:6] + "*" * 8 + number[-4:]


def validate_phone(value: str) -> str:
    phone = re.sub(r"[\s()]", "", value or "")
    if MOBILE.match(phone) or LANDLINE.match(phone) or phone == "12345":
        return phone
    raise ValidationError(
        _("电话号码格式不正确：手机号为11位（1开头），固定电话如 0471-1234567。"), code="format"
    )
