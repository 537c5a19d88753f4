"""The enterprise pages: list with search, filters, sorting, pages and CSV; detail; the forms."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wuye.enterprises.models import Enterprise, Licence
from wuye.testing import factories as f
from wuye.testing.identifiers import credit_code

pytestmark = pytest.mark.django_db

LIST = "/enterprises/"


def get(client, user, url, **extra):
    client.force_login(user)
    return client.get(url, **extra)


# The list


def test_list_shows_what_the_user_may_see(client, world):
    response = get(client, world.users["regulator_bt"], LIST)
    html = response.content.decode()
    assert response.status_code == 200
    assert "物业服务企业" in html
    assert world.inside.enterprise.name in html
    assert world.outside.enterprise.name not in html


def test_list_searches_by_name_or_credit_code(client, world):
    user = world.users["regulator"]
    by_name = get(client, user, LIST, data={"q": "呼市"}).content.decode()
    assert world.outside.enterprise.name in by_name and world.inside.enterprise.name not in by_name
    code = world.inside.enterprise.credit_code
    by_code = get(client, user, LIST, data={"q": code[:12].lower()}).content.decode()
    assert world.inside.enterprise.name in by_code and world.outside.enterprise.name not in by_code


def test_list_filters_by_division_league_or_county(client, world):
    user = world.users["regulator"]
    for code in ("150200", "150203"):
        html = get(client, user, LIST, data={"division": code}).content.decode()
        assert world.inside.enterprise.name in html and world.outside.enterprise.name not in html


def test_list_filters_enterprises_with_an_expired_licence(client, world):
    f.LicenceFactory(enterprise=world.outside.enterprise, valid_to=datetime.date(2020, 1, 1))
    user = world.users["regulator"]
    expired = get(client, user, LIST, data={"expired": "true"}).content.decode()
    assert world.outside.enterprise.name in expired and world.inside.enterprise.name not in expired
    valid = get(client, user, LIST, data={"expired": "false"}).content.decode()
    assert world.inside.enterprise.name in valid and world.outside.enterprise.name not in valid


def test_list_sorts_by_a_column_both_ways(client, world):
    user = world.users["regulator"]
    a, b = world.inside.enterprise.name, world.outside.enterprise.name
    up = get(client, user, LIST, data={"o": "credit_code"}).content.decode()
    down = get(client, user, LIST, data={"o": "-credit_code"}).content.decode()
    first_up = a if up.index(a) < up.index(b) else b
    first_down = a if down.index(a) < down.index(b) else b
    assert first_up != first_down
    assert "o=-credit_code" in up  # the header now offers the other direction


def test_list_paginates_and_keeps_the_query_in_page_links(client, world):
    for n in range(25):
        f.EnterpriseFactory(name=f"分页物业{n:02d}")
    user = world.users["regulator"]
    page1 = get(client, user, LIST, data={"q": "分页"}).content.decode()
    assert "共 25 条" in page1 and "第 1 / 2 页" in page1
    assert "?q=%E5%88%86%E9%A1%B5&amp;page=2" in page1
    page2 = get(client, user, LIST, data={"q": "分页", "page": 2}).content.decode()
    assert "分页物业24" in page2 and "分页物业00" not in page2


def test_htmx_search_returns_only_the_results_fragment(client, world):
    response = get(
        client,
        world.users["regulator"],
        LIST,
        data={"q": "包头"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="results",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "<table" in html
    assert world.inside.enterprise.name in html
    assert "HX-Request" in response["Vary"]


def test_list_exports_the_filtered_list_as_csv_with_bom(client, world):
    response = get(client, world.users["regulator"], LIST, data={"division": "150200", "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("企业名称,统一社会信用代码")
    assert world.inside.enterprise.credit_code in text
    assert world.outside.enterprise.credit_code not in text


def test_csv_export_neutralises_formulas(client, world):
    f.EnterpriseFactory(name="=HYPERLINK(1)")
    body = b"".join(get(client, world.users["regulator"], LIST, data={"export": "csv"}).streaming_content)
    assert "'=HYPERLINK(1)" in body.decode("utf-8-sig")


def test_stranger_gets_an_empty_list(client, world):
    html = get(client, world.users["stranger"], LIST).content.decode()
    assert "没有符合条件的企业" in html


def test_list_queries_do_not_grow_with_rows(client, world, django_assert_max_num_queries):
    user = world.users["regulator"]
    client.force_login(user)

    def add(count):
        for _n in range(count):
            enterprise = f.EnterpriseFactory()
            f.LicenceFactory(enterprise=enterprise, valid_to=datetime.date(2020, 1, 1))
            f.ServicePeriodFactory(enterprise=enterprise)

    add(3)  # with the two of the world: 5 rows
    with CaptureQueriesContext(connection) as five:
        assert client.get(LIST, {"per_page": 50}).status_code == 200
    add(20)  # 25 rows
    with django_assert_max_num_queries(len(five)):
        response = client.get(LIST, {"per_page": 50})
    assert response.content.decode().count('href="/enterprises/') >= 25
    assert len(five) <= 12


# The detail page


def test_detail_shows_the_registry_record(client, world):
    inside = world.inside
    response = get(
        client, world.users["regulator_bt"], reverse("enterprise-detail", args=[inside.enterprise.pk])
    )
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        inside.enterprise.credit_code,
        inside.enterprise.registered_area,
        inside.enterprise.legal_representative,
        inside.enterprise.address,
        inside.enterprise.service_phone,
        inside.licence.number,
        inside.staff.name,
        inside.staff.id_number_masked,
        inside.certificate.number,
        inside.project.name,
        inside.contract.number,
        "变更记录",
    ):
        assert text in html, text


def test_detail_never_shows_the_full_id_number(client, world):
    staff = world.inside.staff
    html = get(
        client, world.users["manager"], reverse("enterprise-detail", args=[staff.enterprise_id])
    ).content
    assert staff.reveal_id_number().encode() not in html


def test_detail_outside_scope_is_404(client, world):
    url = reverse("enterprise-detail", args=[world.outside.enterprise.pk])
    for role in ("regulator_bt", "manager", "staff", "owner", "stranger"):
        assert get(client, world.users[role], url).status_code == 404, role


def test_edit_buttons_only_for_writers(client, world):
    url = reverse("enterprise-detail", args=[world.inside.enterprise.pk])
    edit = reverse("enterprise-update", args=[world.inside.enterprise.pk])
    add_licence = reverse("licence-create", args=[world.inside.enterprise.pk])
    manager = get(client, world.users["manager"], url).content.decode()
    assert edit in manager and add_licence in manager
    committee = get(client, world.users["committee"], url).content.decode()
    assert edit not in committee and add_licence not in committee
    regulator = get(client, world.users["regulator_bt"], url).content.decode()
    assert edit in regulator and add_licence not in regulator  # licences are the enterprise's own to keep


def test_history_shows_who_changed_what(client, world):
    enterprise = world.inside.enterprise
    manager = world.users["manager"]
    client.force_login(manager)
    data = {
        "name": enterprise.name,
        "credit_code": enterprise.credit_code,
        "legal_representative": "新法人",
        "address": enterprise.address,
        "service_phone": enterprise.service_phone,
    }
    assert client.post(reverse("enterprise-update", args=[enterprise.pk]), data).status_code == 302
    html = client.get(reverse("enterprise-detail", args=[enterprise.pk])).content.decode()
    assert "法定代表人" in html and "张三" in html and "新法人" in html and str(manager) in html


# The forms


def enterprise_data(**overrides):
    data = {
        "name": "新登记物业服务有限公司",
        "credit_code": credit_code(777, area="150204"),
        "legal_representative": "王五",
        "address": "包头市青山区1号",
        "service_phone": "0472-7654321",
    }
    data.update(overrides)
    return data


def test_regulator_registers_an_enterprise(client, world):
    client.force_login(world.users["regulator_bt"])
    page = client.get(reverse("enterprise-create"))
    assert page.status_code == 200 and "统一社会信用代码" in page.content.decode()
    response = client.post(reverse("enterprise-create"), enterprise_data())
    enterprise = Enterprise.objects.get(name="新登记物业服务有限公司")
    assert response.status_code == 302 and response.url == reverse("enterprise-detail", args=[enterprise.pk])
    assert enterprise.division_id == "150204"


def test_bad_credit_code_is_a_field_error_and_nothing_is_saved(client, world):
    client.force_login(world.users["regulator_bt"])
    good = credit_code(778, area="150204")
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    response = client.post(reverse("enterprise-create"), enterprise_data(credit_code=bad))
    html = response.content.decode()
    assert response.status_code == 200
    assert "校验位" in html and "is-invalid" in html and "invalid-feedback" in html
    assert not Enterprise.objects.filter(name="新登记物业服务有限公司").exists()


def test_duplicate_credit_code_is_refused(client, world):
    client.force_login(world.users["regulator_bt"])
    response = client.post(
        reverse("enterprise-create"), enterprise_data(credit_code=world.inside.enterprise.credit_code)
    )
    assert response.status_code == 200 and "is-invalid" in response.content.decode()
    assert Enterprise.objects.filter(credit_code=world.inside.enterprise.credit_code).count() == 1


def test_enterprise_outside_the_regulators_division_is_refused(client, world):
    client.force_login(world.users["regulator_bt"])
    response = client.post(
        reverse("enterprise-create"), enterprise_data(credit_code=credit_code(779, area="150105"))
    )
    assert response.status_code == 200 and "无权" in response.content.decode()
    assert not Enterprise.objects.filter(name="新登记物业服务有限公司").exists()


@pytest.mark.parametrize("role", ["manager", "staff", "owner", "stranger"])
def test_only_regulators_open_the_registration_form(client, world, role):
    assert get(client, world.users[role], reverse("enterprise-create")).status_code == 403


def test_visible_but_not_writable_update_is_403_and_changes_nothing(client, world):
    enterprise = world.inside.enterprise
    client.force_login(world.users["committee"])
    url = reverse("enterprise-update", args=[enterprise.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, enterprise_data(name="被篡改")).status_code == 403
    enterprise.refresh_from_db()
    assert enterprise.name == "包头物业服务有限公司"


def test_update_outside_scope_is_404(client, world):
    client.force_login(world.users["manager"])
    assert client.get(reverse("enterprise-update", args=[world.outside.enterprise.pk])).status_code == 404


# Licences


def licence_data(**overrides):
    data = {
        "kind": "qualification",
        "number": "ZZ-2026-1",
        "issuer": "包头市住房和城乡建设局",
        "valid_from": "2026-01-01",
        "valid_to": "2028-12-31",
    }
    data.update(overrides)
    return data


def test_manager_adds_and_changes_a_licence(client, world):
    enterprise = world.inside.enterprise
    client.force_login(world.users["manager"])
    form = client.get(reverse("licence-create", args=[enterprise.pk]))
    assert form.status_code == 200 and "证照编号" in form.content.decode()
    response = client.post(reverse("licence-create", args=[enterprise.pk]), licence_data())
    assert response.status_code == 302 and response.url == enterprise.get_absolute_url()
    licence = Licence.objects.get(number="ZZ-2026-1")
    assert licence.enterprise == enterprise
    response = client.post(reverse("licence-update", args=[licence.pk]), licence_data(number="ZZ-2026-2"))
    assert response.status_code == 302
    licence.refresh_from_db()
    assert licence.number == "ZZ-2026-2"


def test_licence_ending_before_it_starts_is_refused(client, world):
    client.force_login(world.users["manager"])
    response = client.post(
        reverse("licence-create", args=[world.inside.enterprise.pk]),
        licence_data(valid_from="2026-06-01", valid_to="2026-01-01"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "有效期止不得早于有效期起" in html and "is-invalid" in html
    assert not Licence.objects.filter(number="ZZ-2026-1").exists()


def test_licence_form_for_visible_but_not_writable_enterprise_is_403(client, world):
    for role in ("regulator_bt", "committee"):
        response = get(
            client, world.users[role], reverse("licence-create", args=[world.inside.enterprise.pk])
        )
        assert response.status_code == 403, role
    assert (
        get(
            client, world.users["manager"], reverse("licence-create", args=[world.outside.enterprise.pk])
        ).status_code
        == 404
    )
    client.force_login(world.users["regulator_bt"])
    url = reverse("licence-update", args=[world.inside.licence.pk])
    assert client.post(url, licence_data(number="X")).status_code == 403
    world.inside.licence.refresh_from_db()
    assert world.inside.licence.number != "X"


def test_detail_queries_do_not_grow_with_staff(client, world, django_assert_max_num_queries):
    enterprise = world.inside.enterprise
    client.force_login(world.users["manager"])

    def add(count):
        for _n in range(count):
            staff = f.StaffFactory(enterprise=enterprise)
            f.PostFactory(staff=staff, project=world.inside.project)
            f.CertificateFactory(staff=staff)
            f.EmploymentFactory(staff=staff)

    url = reverse("enterprise-detail", args=[enterprise.pk])
    add(2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add(15)
    with django_assert_max_num_queries(len(few)):
        client.get(url)


def test_licence_scan_must_be_a_pdf_or_image(client, world, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.users["manager"])
    url = reverse("licence-create", args=[world.inside.enterprise.pk])
    bad = SimpleUploadedFile("virus.exe", b"MZ...", content_type="application/octet-stream")
    html = client.post(url, {**licence_data(), "scan": bad}).content.decode()
    assert "PDF、JPG 或 PNG" in html
    assert not Licence.objects.filter(number="ZZ-2026-1").exists()
    good = SimpleUploadedFile("licence.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    assert client.post(url, {**licence_data(), "scan": good}).status_code == 302
    assert Licence.objects.get(number="ZZ-2026-1").scan.name.endswith(".pdf")
