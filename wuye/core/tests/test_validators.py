"""Credit code and citizen ID validation: property-based against the GB checksums, and each failure named."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.cn import ric, uscc

from wuye.core.validators import (
    CREDIT_CODE_ALPHABET,
    mask_citizen_id,
    validate_citizen_id,
    validate_credit_code,
    validate_phone,
)
from wuye.testing.identifiers import AREAS, citizen_id, credit_code

serials = st.integers(min_value=0, max_value=999_999_999)
areas = st.sampled_from(AREAS)


def failure_code(func, value, **kwargs):
    with pytest.raises(ValidationError) as caught:
        func(value, **kwargs)
    return caught.value.code


@given(serials, areas)
def test_every_generated_credit_code_is_accepted_and_normalised(serial, area):
    code = credit_code(serial, area=area)
    assert validate_credit_code(" " + code.lower() + " ") == code


@given(serials, areas, st.integers(min_value=0, max_value=30))
def test_any_other_check_character_is_refused(serial, area, shift):
    code = credit_code(serial, area=area)
    wrong = CREDIT_CODE_ALPHABET[(CREDIT_CODE_ALPHABET.index(code[-1]) + 1 + shift % 30) % 31]
    assert failure_code(validate_credit_code, code[:-1] + wrong) == "checksum"


@given(serials, areas, st.integers(min_value=0, max_value=16), st.sampled_from(CREDIT_CODE_ALPHABET))
def test_a_single_changed_character_is_caught(serial, area, position, replacement):
    # The GB 32100 check character catches every single-character substitution.
    code = credit_code(serial, area=area)
    changed = code[:position] + replacement + code[position + 1 :]
    if changed == code:
        return
    with pytest.raises(ValidationError):
        validate_credit_code(changed)


def test_credit_code_failures_say_which_rule():
    good = credit_code(7, area="150203")
    assert failure_code(validate_credit_code, good[:-1]) == "length"
    assert failure_code(validate_credit_code, good[:-2] + "I" + good[-1]) == "format"
    body = "91" + "990000" + "000000007"
    assert failure_code(validate_credit_code, body + uscc.calc_check_digit(body)) == "area"
    with pytest.raises(ValidationError, match="校验位"):
        validate_credit_code(good[:-1] + ("0" if good[-1] != "0" else "1"))


def test_pilot_exception_accepts_only_a_wrong_check_character():
    good = credit_code(8, area="150203")
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    assert validate_credit_code(wrong, pilot_exception=True) == wrong
    assert failure_code(validate_credit_code, wrong[:-2], pilot_exception=True) == "length"


def test_codes_from_other_provinces_are_accepted():
    body = "91" + "110105" + "123456789"  # 北京市朝阳区
    assert validate_credit_code(body + uscc.calc_check_digit(body))


@settings(max_examples=200)
@given(
    st.integers(min_value=0, max_value=10**6),
    areas,
    st.dates(datetime.date(1984, 1, 1), datetime.date(2008, 12, 31)),
)
def test_every_generated_citizen_id_is_accepted(serial, area, birth):
    number = citizen_id(serial, area=area, birth=birth)
    assert validate_citizen_id(number) == number
    assert ric.is_valid(number)


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=16), st.integers(1, 9))
def test_citizen_id_single_digit_change_is_caught(serial, position, delta):
    number = citizen_id(serial)
    changed = number[:position] + str((int(number[position]) + delta) % 10) + number[position + 1 :]
    with pytest.raises(ValidationError):
        validate_citizen_id(changed)


def test_citizen_id_failures_say_which_rule():
    good = citizen_id(3, area="150203", birth=datetime.date(1990, 5, 17))
    assert failure_code(validate_citizen_id, good[:-1]) == "length"
    assert failure_code(validate_citizen_id, "15020319900517A12X") == "format"
    bad_date = "150203" + "19901332" + "123"
    assert failure_code(validate_citizen_id, bad_date + ric.calc_check_digit(bad_date + "0")) == "birth_date"
    future = "150203" + "20991231" + "123"
    assert failure_code(validate_citizen_id, future + ric.calc_check_digit(future + "0")) == "birth_date"
    unknown_area = "990000" + "19900517" + "123"
    assert (
        failure_code(validate_citizen_id, unknown_area + ric.calc_check_digit(unknown_area + "0")) == "area"
    )
    wrong_check = good[:-1] + ("0" if good[-1] != "0" else "1")
    assert failure_code(validate_citizen_id, wrong_check) == "checksum"


def test_mask_keeps_area_and_last_four():
    assert mask_citizen_id("150102199001011234") == "150102********1234"


@pytest.mark.parametrize("phone", ["13912345678", "+8613912345678", "0472-5123456", "04725123456", "12345"])
def test_phone_numbers_accepted(phone):
    assert validate_phone(phone)


@pytest.mark.parametrize("phone", ["1391234567", "12912345678", "abc", "0472-12"])
def test_phone_numbers_refused(phone):
    with pytest.raises(ValidationError, match="电话号码格式不正确"):
        validate_phone(phone)
