"""The Django admin for operators: Chinese, every registry model listed, ID numbers only masked."""

import pytest
from django.contrib import admin
from django.urls import reverse

from wuye.enterprises.models import IdNumberDisclosure

pytestmark = pytest.mark.django_db

MODELS = [
    "accounts.user",
    "accounts.membership",
    "enterprises.enterprise",
    "enterprises.licence",
    "enterprises.staff",
    "enterprises.certificate",
    "enterprises.employment",
    "enterprises.post",
    "enterprises.creditcodeexception",
    "enterprises.idnumberdisclosure",
    "estates.developer",
    "estates.project",
    "estates.building",
    "estates.household",
    "estates.owner",
    "estates.ownerscommittee",
    "estates.committeemember",
    "estates.servicecontract",
    "estates.serviceperiod",
]


@pytest.fixture
def operator(client, world):
    client.force_login(world.users["admin"])
    return client


def test_admin_is_chinese_with_our_header(operator):
    html = operator.get(reverse("admin:index")).content.decode()
    assert "物业监督 管理后台" in html and "物业服务企业" in html


@pytest.mark.parametrize("label", MODELS)
def test_every_registry_model_has_a_changelist(operator, world, label):
    app, model = label.split(".")
    response = operator.get(reverse(f"admin:{app}_{model}_changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("label", [m for m in MODELS if m != "enterprises.idnumberdisclosure"])
def test_every_registry_model_has_an_add_form(operator, world, label):
    app, model = label.split(".")
    assert operator.get(reverse(f"admin:{app}_{model}_add")).status_code == 200


def test_staff_admin_shows_only_the_masked_id(operator, world):
    staff = world.inside.staff
    for url in (
        reverse("admin:enterprises_staff_changelist"),
        reverse("admin:enterprises_staff_change", args=[staff.pk]),
        reverse("admin:enterprises_staff_history", args=[staff.pk]),
    ):
        html = operator.get(url).content.decode()
        assert staff.reveal_id_number() not in html, url
        assert staff.id_number_encrypted not in html, url
        assert staff.id_number_hash not in html, url
    assert (
        staff.id_number_masked in operator.get(reverse("admin:enterprises_staff_changelist")).content.decode()
    )


def test_disclosure_log_is_read_only(operator):
    model_admin = admin.site._registry[IdNumberDisclosure]
    assert model_admin.has_add_permission(None) is False
    assert model_admin.has_delete_permission(None) is False
    assert operator.get(reverse("admin:enterprises_idnumberdisclosure_add")).status_code == 403


def test_admin_adds_staff_through_the_id_number_field(operator, world):
    from wuye.enterprises.models import Staff
    from wuye.testing.identifiers import citizen_id

    number = citizen_id(6262, area="150203")
    response = operator.post(
        reverse("admin:enterprises_staff_add"),
        {
            "enterprise": world.inside.enterprise.pk,
            "name": "后台员工",
            "id_number": number,
            "phone": "13900006262",
        },
    )
    assert response.status_code == 302
    staff = Staff.objects.get(name="后台员工")
    assert staff.reveal_id_number() == number and staff.id_number_masked.endswith(number[-4:])


def test_user_admin_shows_memberships_inline(operator, world):
    html = operator.get(
        reverse("admin:accounts_user_change", args=[world.users["manager"].pk])
    ).content.decode()
    assert "角色授权" in html
