"""Enterprise registry use cases: personal data at rest, disclosure log, scope of writes, history."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from wuye.core.actions import save_record
from wuye.enterprises.actions import reveal_id_number, save_staff
from wuye.enterprises.models import Enterprise, IdNumberDisclosure, Licence, Staff
from wuye.testing.identifiers import citizen_id, credit_code

pytestmark = pytest.mark.django_db


def test_id_number_is_stored_encrypted_and_found_by_keyed_hash(world):
    number = citizen_id(4242, area="150203")
    staff = save_staff(
        world.users["manager"],
        Staff(enterprise=world.inside.enterprise, name="李四", phone="13900000001"),
        number,
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM enterprises_staff WHERE id = %s", [staff.pk])
        row = " ".join(str(value) for value in cursor.fetchone())
    assert number not in row
    assert number[6:14] not in row  # not even the birth date
    assert staff.id_number_masked == number[:6] + "********" + number[-4:]
    assert list(Staff.find_by_id_number(number)) == [staff]


def test_same_person_twice_in_one_enterprise_is_refused(world):
    number = citizen_id(4343)
    save_staff(
        world.users["manager"],
        Staff(enterprise=world.inside.enterprise, name="王五", phone="13900000002"),
        number,
    )
    before = Staff.objects.count()
    with pytest.raises(ValidationError) as caught:
        save_staff(
            world.users["manager"],
            Staff(enterprise=world.inside.enterprise, name="王五", phone="13900000002"),
            number,
        )
    assert "id_number" in caught.value.message_dict
    assert Staff.objects.count() == before


def test_invalid_id_number_is_a_field_error_and_nothing_is_saved(world):
    before = Staff.objects.count()
    with pytest.raises(ValidationError) as caught:
        save_staff(
            world.users["manager"],
            Staff(enterprise=world.inside.enterprise, name="赵六", phone="13900000003"),
            "150203199001011230",
        )
    assert "校验位" in " ".join(caught.value.message_dict["id_number"])
    assert Staff.objects.count() == before


@pytest.mark.parametrize("role", ["manager", "regulator_bt", "admin"])
def test_roles_that_need_it_see_the_full_number_and_it_is_logged(world, role):
    staff = world.inside.staff
    number = reveal_id_number(world.users[role], staff, channel="web", ip="127.0.0.1")
    assert number == staff.reveal_id_number() and len(number) == 18
    log = IdNumberDisclosure.objects.get(staff=staff)
    assert (log.user, log.channel, log.ip) == (world.users[role], "web", "127.0.0.1")


@pytest.mark.parametrize("role", ["staff", "committee", "owner", "developer", "stranger"])
def test_other_roles_cannot_see_the_full_number_and_nothing_is_logged(world, role):
    with pytest.raises(PermissionDenied):
        reveal_id_number(world.users[role], world.inside.staff, channel="web")
    assert not IdNumberDisclosure.objects.exists()


def test_manager_cannot_create_a_licence_for_another_enterprise(world):
    licence = Licence(
        enterprise=world.outside.enterprise,
        kind="business",
        number="X1",
        issuer="x",
        valid_from=datetime.date(2024, 1, 1),
    )
    with pytest.raises(PermissionDenied):
        save_record(world.users["manager"], licence)
    assert not Licence.objects.filter(number="X1").exists()


def test_licence_ending_before_it_starts_is_refused(world):
    licence = Licence(
        enterprise=world.inside.enterprise,
        kind="business",
        number="X2",
        issuer="x",
        valid_from=datetime.date(2024, 1, 1),
        valid_to=datetime.date(2023, 1, 1),
    )
    with pytest.raises(ValidationError) as caught:
        save_record(world.users["manager"], licence)
    assert "有效期止不得早于有效期起" in " ".join(caught.value.message_dict["valid_to"])
    assert not Licence.objects.filter(number="X2").exists()


def test_duplicate_credit_code_is_refused(world):
    duplicate = Enterprise(
        name="重复公司",
        credit_code=world.inside.enterprise.credit_code,
        legal_representative="x",
        address="x",
        service_phone="0472-1234567",
    )
    with pytest.raises(ValidationError) as caught:
        save_record(world.users["regulator_bt"], duplicate)
    assert "credit_code" in caught.value.message_dict
    assert Enterprise.objects.filter(credit_code=world.inside.enterprise.credit_code).count() == 1


def test_division_is_derived_from_the_credit_code(world):
    enterprise = save_record(
        world.users["regulator"],
        Enterprise(
            name="鄂尔多斯某物业",
            credit_code=credit_code(77, area="150602"),
            legal_representative="x",
            address="x",
            service_phone="0477-1234567",
        ),
    )
    assert enterprise.division_id == "150602" and enterprise.registered_area == "鄂尔多斯市东胜区"


def test_enterprise_registered_outside_the_region_has_no_division_but_an_area_name(world):
    enterprise = save_record(
        world.users["admin"],
        Enterprise(
            name="北京某物业",
            credit_code=credit_code(78, area="110105"),
            legal_representative="x",
            address="x",
            service_phone="010-12345678",
        ),
    )
    assert enterprise.division is None and enterprise.registered_area == "朝阳区"


def test_regulator_of_another_league_cannot_register_an_enterprise_in_baotou(world):
    before = Enterprise.objects.count()
    with pytest.raises(PermissionDenied):
        save_record(
            world.users["regulator_bt"],
            Enterprise(
                name="呼市某物业",
                credit_code=credit_code(79, area="150105"),
                legal_representative="x",
                address="x",
                service_phone="0471-1234567",
            ),
        )
    assert Enterprise.objects.count() == before


def test_changes_keep_history_with_who_and_what(world):
    enterprise = world.inside.enterprise
    enterprise.address = "包头市昆都仑区新地址8号"
    save_record(world.users["manager"], enterprise)
    latest, previous = enterprise.history.all()[:2]
    assert latest.history_user == world.users["manager"]
    changes = {change.field: (change.old, change.new) for change in latest.diff_against(previous).changes}
    assert changes["address"][1] == "包头市昆都仑区新地址8号"


def wrong_check(code: str) -> str:
    return code[:-1] + ("0" if code[-1] != "0" else "1")


def test_pilot_code_is_refused_until_a_regulator_grants_the_exception(world):
    from wuye.enterprises.actions import grant_pilot_exception

    code = wrong_check(credit_code(880, area="150203"))
    enterprise = Enterprise(
        name="试点物业", credit_code=code, legal_representative="x", address="x", service_phone="0472-1234567"
    )
    with pytest.raises(ValidationError, match="校验位"):
        save_record(world.users["regulator_bt"], enterprise)
    grant_pilot_exception(world.users["regulator_bt"], code, "2014年试点赋码，见包头市市场监管局文件")
    save_record(world.users["regulator_bt"], enterprise)
    assert Enterprise.objects.get(credit_code=code).name == "试点物业"


@pytest.mark.parametrize("role", ["manager", "staff", "owner", "stranger"])
def test_only_regulators_grant_pilot_exceptions(world, role):
    from wuye.enterprises.actions import grant_pilot_exception
    from wuye.enterprises.models import CreditCodeException

    with pytest.raises(PermissionDenied):
        grant_pilot_exception(world.users[role], wrong_check(credit_code(881)), "理由")
    assert not CreditCodeException.objects.exists()


def test_pilot_exception_needs_a_reason_and_a_really_wrong_check_character(world):
    from wuye.enterprises.actions import grant_pilot_exception
    from wuye.enterprises.models import CreditCodeException

    with pytest.raises(ValidationError) as caught:
        grant_pilot_exception(world.users["regulator"], credit_code(882), " ")
    assert set(caught.value.message_dict) == {"credit_code", "reason"}
    with pytest.raises(ValidationError) as caught:
        grant_pilot_exception(world.users["regulator"], "91150203ABC", "理由")
    assert "18位" in " ".join(caught.value.message_dict["credit_code"])
    assert not CreditCodeException.objects.exists()
