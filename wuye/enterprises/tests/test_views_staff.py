"""The staff pages: an employee, the full ID number shown once and logged, and the staff forms."""

import pytest
from django.urls import reverse

from wuye.enterprises.models import Certificate, Employment, IdNumberDisclosure, Post, Staff
from wuye.testing.identifiers import citizen_id

pytestmark = pytest.mark.django_db


def detail(staff):
    return reverse("staff-detail", args=[staff.pk])


def test_staff_page_shows_posts_certificates_and_contracts(client, world):
    inside = world.inside
    client.force_login(world.users["manager"])
    response = client.get(detail(inside.staff))
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        inside.staff.name,
        inside.staff.id_number_masked,
        "项目经理",
        inside.project.name,
        inside.certificate.number,
        "劳动合同",
    ):
        assert text in html, text
    assert inside.staff.reveal_id_number() not in html


def test_colleague_sees_the_staff_page_but_not_the_labour_contract(client, world):
    client.force_login(world.users["committee"])
    html = client.get(detail(world.inside.staff)).content.decode()
    assert world.inside.certificate.number in html
    assert "暂无可显示的劳动关系" in html


def test_staff_page_outside_scope_is_404(client, world):
    for role in ("manager", "regulator_bt", "owner", "developer", "stranger"):
        client.force_login(world.users[role])
        assert client.get(detail(world.outside.staff)).status_code == 404, role


@pytest.mark.parametrize(
    "role,shown", [("manager", True), ("regulator_bt", True), ("committee", False), ("staff", False)]
)
def test_show_full_id_button_only_for_roles_that_need_it(client, world, role, shown):
    client.force_login(world.users[role])
    reveal = reverse("staff-reveal-id", args=[world.inside.staff.pk])
    for url in (detail(world.inside.staff), reverse("enterprise-detail", args=[world.inside.enterprise.pk])):
        assert (reveal in client.get(url).content.decode()) is shown, url


def test_full_id_is_shown_once_and_logged(client, world):
    staff, user = world.inside.staff, world.users["manager"]
    client.force_login(user)
    url = reverse("staff-reveal-id", args=[staff.pk])
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 200
    assert staff.reveal_id_number() in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    log = IdNumberDisclosure.objects.get(staff=staff)
    assert log.user == user and log.channel == "web"


def test_reveal_by_htmx_returns_only_the_number(client, world):
    staff = world.inside.staff
    client.force_login(world.users["regulator_bt"])
    response = client.post(
        reverse("staff-reveal-id", args=[staff.pk]), HTTP_HX_REQUEST="true", HTTP_HX_TARGET=f"id-{staff.pk}"
    )
    html = response.content.decode()
    assert staff.reveal_id_number() in html and "<html" not in html


def test_reveal_refused_and_not_logged_for_others(client, world):
    url = reverse("staff-reveal-id", args=[world.inside.staff.pk])
    client.force_login(world.users["committee"])
    assert client.post(url).status_code == 403
    client.force_login(world.users["owner"])
    assert client.post(url).status_code == 404
    assert not IdNumberDisclosure.objects.exists()


def staff_data(**overrides):
    data = {"name": "新员工", "id_number": citizen_id(5151, area="150203"), "phone": "13900005151"}
    data.update(overrides)
    return data


def test_manager_registers_staff_with_an_encrypted_id(client, world):
    enterprise = world.inside.enterprise
    client.force_login(world.users["manager"])
    assert "身份证号" in client.get(reverse("staff-create", args=[enterprise.pk])).content.decode()
    response = client.post(reverse("staff-create", args=[enterprise.pk]), staff_data())
    staff = Staff.objects.get(name="新员工")
    assert response.status_code == 302 and response.url == detail(staff)
    assert staff.enterprise == enterprise
    assert staff.reveal_id_number() == staff_data()["id_number"]
    assert staff_data()["id_number"] not in staff.id_number_encrypted


def test_staff_id_number_is_required_and_checked(client, world):
    client.force_login(world.users["manager"])
    url = reverse("staff-create", args=[world.inside.enterprise.pk])
    missing = client.post(url, staff_data(id_number="")).content.decode()
    assert "is-invalid" in missing
    number = staff_data()["id_number"]
    wrong = number[:-1] + ("1" if number[-1] != "1" else "2")
    html = client.post(url, staff_data(id_number=wrong)).content.decode()
    assert "校验位" in html and "is-invalid" in html
    assert not Staff.objects.filter(name="新员工").exists()


def test_same_person_twice_is_refused_on_the_form(client, world):
    client.force_login(world.users["manager"])
    url = reverse("staff-create", args=[world.inside.enterprise.pk])
    number = world.inside.staff.reveal_id_number()
    html = client.post(url, staff_data(id_number=number)).content.decode()
    assert "已登记过此身份证号" in html
    assert not Staff.objects.filter(name="新员工").exists()


def test_updating_staff_with_an_empty_id_keeps_the_old_number(client, world):
    staff = world.inside.staff
    old = staff.reveal_id_number()
    client.force_login(world.users["manager"])
    page = client.get(reverse("staff-update", args=[staff.pk])).content.decode()
    assert staff.id_number_masked in page and old not in page
    response = client.post(reverse("staff-update", args=[staff.pk]), staff_data(name="改名", id_number=""))
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.name == "改名" and staff.reveal_id_number() == old


def test_staff_update_by_a_regulator_is_403_and_changes_nothing(client, world):
    staff = world.inside.staff
    client.force_login(world.users["regulator_bt"])
    assert client.post(reverse("staff-update", args=[staff.pk]), staff_data(name="改名")).status_code == 403
    staff.refresh_from_db()
    assert staff.name == "包头员工"


def test_manager_adds_post_certificate_and_employment(client, world):
    staff, project = world.inside.staff, world.inside.project
    client.force_login(world.users["manager"])
    for name, data in (
        ("post-create", {"project": project.pk, "kind": "electrician", "start": "2026-01-01"}),
        (
            "certificate-create",
            {"kind": "electrician", "number": "DG-1", "valid_from": "2025-01-01", "valid_to": "2031-01-01"},
        ),
        (
            "employment-create",
            {"start_date": "2026-01-01", "contract_start": "2026-01-01", "status": "active"},
        ),
    ):
        url = reverse(name, args=[staff.pk])
        assert client.get(url).status_code == 200, name
        response = client.post(url, data)
        assert response.status_code == 302 and response.url == detail(staff), name
    assert Post.objects.filter(staff=staff, kind="electrician").exists()
    assert Certificate.objects.filter(staff=staff, number="DG-1").exists()
    assert Employment.objects.filter(staff=staff, start_date="2026-01-01").exists()


def test_post_choices_are_limited_to_visible_projects(client, world):
    client.force_login(world.users["manager"])
    html = client.get(reverse("post-create", args=[world.inside.staff.pk])).content.decode()
    assert world.inside.project.name in html and world.outside.project.name not in html
    response = client.post(
        reverse("post-create", args=[world.inside.staff.pk]),
        {"project": world.outside.project.pk, "kind": "electrician", "start": "2026-01-01"},
    )
    assert response.status_code == 200 and "is-invalid" in response.content.decode()


def test_employment_rules_are_shown_on_the_fields(client, world):
    client.force_login(world.users["manager"])
    response = client.post(
        reverse("employment-create", args=[world.inside.staff.pk]),
        {
            "start_date": "2026-01-01",
            "contract_start": "2026-01-01",
            "contract_end": "2025-01-01",
            "status": "ended",
        },
    )
    html = response.content.decode()
    assert "劳动合同止不得早于劳动合同起" in html and "离职状态须填写离职日期" in html
    assert not Employment.objects.filter(start_date="2026-01-01").exists()


def test_updates_of_staff_records(client, world):
    inside = world.inside
    client.force_login(world.users["manager"])
    response = client.post(
        reverse("certificate-update", args=[inside.certificate.pk]),
        {"kind": "project_manager", "number": "NEW-1", "valid_from": "2023-01-01", "valid_to": "2030-01-01"},
    )
    assert response.status_code == 302
    inside.certificate.refresh_from_db()
    assert inside.certificate.number == "NEW-1"
    assert client.get(reverse("post-update", args=[inside.post.pk])).status_code == 200
    assert client.get(reverse("employment-update", args=[inside.employment.pk])).status_code == 200
    client.force_login(world.users["committee"])
    assert client.get(reverse("certificate-update", args=[inside.certificate.pk])).status_code == 403
    assert client.get(reverse("post-create", args=[inside.staff.pk])).status_code == 403
    assert client.get(reverse("employment-update", args=[inside.employment.pk])).status_code == 404
