"""/api/staff/ and the personnel records: the citizen ID number in (write only), masked out, revealed and logged."""

import datetime

import pytest
from rest_framework.test import APIClient

from wuye.enterprises.models import Certificate, Employment, IdNumberDisclosure, Post, Staff
from wuye.testing.identifiers import citizen_id

pytestmark = pytest.mark.django_db

NUMBER = citizen_id(4242, area="150203", birth=datetime.date(1985, 6, 15))


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def staff_payload(world, **overrides):
    return {
        "enterprise": world.inside.enterprise.pk,
        "name": "王五",
        "id_number": NUMBER,
        "phone": "13900001111",
        **overrides,
    }


def test_a_manager_adds_an_employee_whose_id_number_is_stored_encrypted_and_shown_masked(world):
    response = client_for(world.users["manager"]).post("/api/staff/", staff_payload(world), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["id_number_masked"] == NUMBER[:6] + "********" + NUMBER[-4:]
    assert set(body) == {"id", "enterprise", "name", "id_number_masked", "phone"}
    staff = Staff.objects.get(pk=body["id"])
    assert NUMBER not in staff.id_number_encrypted
    assert staff.reveal_id_number() == NUMBER
    assert Staff.find_by_id_number(NUMBER).get() == staff


def test_no_read_shows_the_number_its_ciphertext_or_its_hash(world):
    staff = world.inside.staff
    client = client_for(world.users["manager"])
    for url in ("/api/staff/", f"/api/staff/{staff.pk}/"):
        text = client.get(url).content.decode()
        assert staff.reveal_id_number() not in text
        assert staff.id_number_encrypted not in text
        assert staff.id_number_hash not in text
        assert staff.id_number_masked in text


def test_an_edit_without_an_id_number_keeps_it(world):
    staff = world.inside.staff
    number = staff.reveal_id_number()
    response = client_for(world.users["manager"]).patch(
        f"/api/staff/{staff.pk}/", {"name": "包头员工甲"}, format="json"
    )
    assert response.status_code == 200, response.content
    staff.refresh_from_db()
    assert (staff.name, staff.reveal_id_number()) == ("包头员工甲", number)


def test_an_edit_with_a_new_id_number_replaces_it(world):
    staff = world.inside.staff
    response = client_for(world.users["manager"]).patch(
        f"/api/staff/{staff.pk}/", {"id_number": NUMBER}, format="json"
    )
    assert response.status_code == 200, response.content
    staff.refresh_from_db()
    assert staff.reveal_id_number() == NUMBER
    assert response.json()["id_number_masked"] == staff.id_number_masked


def test_a_new_employee_needs_an_id_number(world):
    payload = staff_payload(world)
    del payload["id_number"]
    response = client_for(world.users["manager"]).post("/api/staff/", payload, format="json")
    assert response.status_code == 400
    assert response.json() == {"id_number": ["请填写身份证号码。"]}


BAD_ID_NUMBERS = [
    (NUMBER[:-1], "身份证号码应为18位，当前为17位。"),
    (NUMBER[:10] + "A" + NUMBER[11:], "身份证号码格式不正确：前17位应为数字，末位为数字或X。"),
    (NUMBER[:6] + "19851350" + NUMBER[14:], "身份证号码中的出生日期“19851350”无效。"),
    ("990000" + NUMBER[6:], "身份证号码前6位“990000”不是有效的行政区划代码。"),
    (NUMBER[:-1] + ("0" if NUMBER[-1] != "0" else "1"), "身份证号码校验位（第18位）不正确，请核对。"),
]


@pytest.mark.parametrize(("number", "message"), BAD_ID_NUMBERS)
def test_a_bad_id_number_is_a_field_error_saying_which_rule_failed(world, number, message):
    before = Staff.objects.count()
    response = client_for(world.users["manager"]).post(
        "/api/staff/", staff_payload(world, id_number=number), format="json"
    )
    assert response.status_code == 400
    assert response.json()["id_number"] == [message]
    assert Staff.objects.count() == before


def test_the_same_person_twice_in_one_enterprise_is_a_field_error(world):
    before = Staff.objects.count()
    payload = staff_payload(world, id_number=world.inside.staff.reveal_id_number())
    response = client_for(world.users["manager"]).post("/api/staff/", payload, format="json")
    assert response.status_code == 400
    assert response.json() == {"id_number": ["该企业已登记过此身份证号的员工。"]}
    assert Staff.objects.count() == before


@pytest.mark.parametrize("role", ["regulator_bt", "staff", "committee"])
def test_roles_that_see_the_enterprise_cannot_add_its_employees(world, role):
    before = Staff.objects.count()
    response = client_for(world.users[role]).post("/api/staff/", staff_payload(world), format="json")
    assert response.status_code == 403
    assert Staff.objects.count() == before


# Revealing the full number


@pytest.mark.parametrize("role", ["manager", "regulator", "regulator_bt", "admin"])
def test_roles_that_need_it_see_the_full_number_and_each_view_is_logged(world, role):
    staff = world.inside.staff
    user = world.users[role]
    response = client_for(user).post(f"/api/staff/{staff.pk}/reveal-id/")
    assert response.status_code == 200
    assert response.json() == {"id_number": staff.reveal_id_number()}
    log = IdNumberDisclosure.objects.get(staff=staff)
    assert (log.user, log.channel, log.ip) == (user, "api", "127.0.0.1")


@pytest.mark.parametrize("role", ["staff", "committee"])
def test_colleagues_see_the_employee_but_not_his_full_number(world, role):
    staff = world.inside.staff
    client = client_for(world.users[role])
    assert client.get(f"/api/staff/{staff.pk}/").status_code == 200
    response = client.post(f"/api/staff/{staff.pk}/reveal-id/")
    assert response.status_code == 403
    assert staff.reveal_id_number() not in response.content.decode()
    assert not IdNumberDisclosure.objects.exists()


@pytest.mark.parametrize(
    ("role", "side"), [("developer", "inside"), ("owner", "inside"), ("manager", "outside")]
)
def test_the_number_of_an_employee_out_of_sight_is_a_404(world, role, side):
    staff = getattr(world, side).staff
    response = client_for(world.users[role]).post(f"/api/staff/{staff.pk}/reveal-id/")
    assert response.status_code == 404
    assert not IdNumberDisclosure.objects.exists()


def test_reveal_is_a_post(world):
    staff = world.inside.staff
    assert client_for(world.users["manager"]).get(f"/api/staff/{staff.pk}/reveal-id/").status_code == 405
    assert APIClient().post(f"/api/staff/{staff.pk}/reveal-id/").status_code in (401, 403)


# Certificates, employments and posts


def test_a_manager_adds_a_certificate_an_employment_and_a_post(world):
    client = client_for(world.users["manager"])
    staff = world.inside.staff.pk
    created = [
        client.post(
            "/api/certificates/",
            {"staff": staff, "kind": "electrician", "number": "T-1", "valid_from": "2024-01-01"},
            format="json",
        ),
        client.post("/api/employments/", {"staff": staff, "start_date": "2024-01-01"}, format="json"),
        client.post(
            "/api/posts/",
            {
                "staff": staff,
                "project": world.inside.project.pk,
                "kind": "electrician",
                "start": "2024-01-01",
            },
            format="json",
        ),
    ]
    assert [r.status_code for r in created] == [201, 201, 201], [r.content for r in created]
    assert Certificate.objects.filter(pk=created[0].json()["id"], number="T-1").exists()
    assert Employment.objects.filter(pk=created[1].json()["id"], status="active").exists()
    post = created[2].json()
    assert (post["staff_name"], post["project_name"]) == ("包头员工", "包头花园")


def test_a_post_at_a_project_out_of_sight_is_refused(world):
    before = Post.objects.count()
    response = client_for(world.users["manager"]).post(
        "/api/posts/",
        {
            "staff": world.inside.staff.pk,
            "project": world.outside.project.pk,
            "kind": "cleaner",
            "start": "2024-01-01",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "project" in response.json()
    assert Post.objects.count() == before


def test_personnel_records_cannot_be_added_by_roles_that_only_read_them(world):
    before = (Certificate.objects.count(), Employment.objects.count())
    staff = world.inside.staff.pk
    certificate = client_for(world.users["committee"]).post(
        "/api/certificates/",
        {"staff": staff, "kind": "electrician", "number": "T-2", "valid_from": "2024-01-01"},
        format="json",
    )
    employment = client_for(world.users["regulator_bt"]).post(
        "/api/employments/", {"staff": staff, "start_date": "2024-01-01"}, format="json"
    )
    assert (certificate.status_code, employment.status_code) == (403, 403)
    assert (Certificate.objects.count(), Employment.objects.count()) == before


def test_an_ended_employment_needs_its_date_and_reason(world):
    before = Employment.objects.count()
    response = client_for(world.users["manager"]).post(
        "/api/employments/",
        {"staff": world.inside.staff.pk, "start_date": "2024-01-01", "status": "ended"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "ended_on": ["离职状态须填写离职日期。"],
        "end_reason": ["离职状态须选择离职原因。"],
    }
    assert Employment.objects.count() == before


def test_personnel_lists_filter_by_enterprise_and_project(world):
    client = client_for(world.users["regulator"])
    enterprise, project = world.inside.enterprise.pk, world.inside.project.pk

    def ids(url):
        response = client.get(url)
        assert response.status_code == 200, response.content
        return {item["id"] for item in response.json()["results"]}

    assert ids(f"/api/staff/?enterprise={enterprise}") == {world.inside.staff.pk}
    assert ids(f"/api/staff/?project={world.outside.project.pk}") == {world.outside.staff.pk}
    assert ids(f"/api/certificates/?enterprise={enterprise}") == {world.inside.certificate.pk}
    assert ids(f"/api/employments/?enterprise={enterprise}") == {world.inside.employment.pk}
    assert ids(f"/api/posts/?project={project}") == {world.inside.post.pk}
    assert ids("/api/staff/?search=呼市") == {world.outside.staff.pk}
