"""The fee pages with every role: inside 200 (or 403 where the role only reads), outside 404; denied
posts write nothing; the bill list's queries are pinned."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from wuye.finance.actions_fees import issue_bill
from wuye.finance.models import Bill, Payment
from wuye.testing import factories as f

JAN = datetime.date(2025, 1, 1)
WRITERS = {"manager", "admin", "regulator", "regulator_bt"}
PROJECT_READERS = {
    "manager",
    "staff",
    "developer",
    "committee",
    "owner",
    "admin",
    "regulator",
    "regulator_bt",
}
# Bills and payments are the household's, like the owner register: not the developer's to read.
HOUSEHOLD_READERS = PROJECT_READERS - {"developer"}


@pytest.fixture
def fees(world):
    sides = {}
    for name in ("inside", "outside"):
        side = getattr(world, name)
        f.FeeStandardFactory(project=side.project)
        issue_bill(world.users["admin"], side.household, JAN)
        sides[name] = f.payment(world.users["admin"], side.household, "100.00")
    return sides


def pages(side, payment):
    project, household = side.project.pk, side.household.pk
    return {
        "fee-standards": (reverse("fee-standards", args=[project]), PROJECT_READERS, None),
        "project-bills": (reverse("project-bills", args=[project]), PROJECT_READERS, None),
        "fee-standard-create": (reverse("fee-standard-create", args=[project]), PROJECT_READERS, WRITERS),
        "bills-generate": (reverse("bills-generate", args=[project]), PROJECT_READERS, WRITERS),
        "fee-notice-create": (reverse("fee-notice-create", args=[project]), PROJECT_READERS, WRITERS),
        "household-account": (reverse("household-account", args=[household]), HOUSEHOLD_READERS, None),
        "payment-create": (reverse("payment-create", args=[household]), HOUSEHOLD_READERS, WRITERS),
        "payment-receipt": (reverse("payment-receipt", args=[payment.pk]), HOUSEHOLD_READERS, None),
    }


@pytest.mark.parametrize("role", ["manager", "staff", "developer", "committee", "owner", "stranger", "admin"])
def test_every_page_inside_and_outside(client, world, fees, role):
    client.force_login(world.users[role])
    for name, (url, readers, writers) in pages(world.inside, fees["inside"]).items():
        expected = 404 if role not in readers else 403 if writers and role not in writers else 200
        assert client.get(url).status_code == expected, (name, role)
    for name, (url, _readers, _writers) in pages(world.outside, fees["outside"]).items():
        expected = 200 if role == "admin" else 404
        assert client.get(url).status_code == expected, (name, role)


def test_anonymous_is_sent_to_login(client, world, fees):
    response = client.get(reverse("project-bills", args=[world.inside.project.pk]))
    assert response.status_code == 302


def test_generate_bills_page_bills_every_household(client, world, fees):
    client.force_login(world.users["manager"])
    url = reverse("bills-generate", args=[world.inside.project.pk])
    response = client.post(url, {"period_start": "2025-02-01", "months": 1, "property_kind": "residential"})
    assert response.status_code == 302
    assert (
        Bill.objects.filter(project=world.inside.project, period_start=datetime.date(2025, 2, 1)).count() == 2
    )


def test_generate_bills_refused_for_the_committee_writes_nothing(client, world, fees):
    client.force_login(world.users["committee"])
    url = reverse("bills-generate", args=[world.inside.project.pk])
    before = Bill.objects.count()
    assert (
        client.post(
            url, {"period_start": "2025-02-01", "months": 1, "property_kind": "residential"}
        ).status_code
        == 403
    )
    assert Bill.objects.count() == before


def test_a_negative_payment_shows_a_chinese_error(client, world, fees):
    client.force_login(world.users["manager"])
    before = Payment.objects.count()
    url = reverse("payment-create", args=[world.inside.household.pk])
    response = client.post(url, {"amount": "-1", "method": "cash", "occurred_at": "2025-01-05T10:00"})
    assert response.status_code == 200
    assert "缴费金额必须大于0。" in response.content.decode()
    assert Payment.objects.count() == before


def test_payment_page_records_and_shows_the_receipt(client, world, fees):
    client.force_login(world.users["manager"])
    url = reverse("payment-create", args=[world.inside.household.pk])
    response = client.post(
        url,
        {"amount": "66.60", "method": "wechat", "receipt_number": "R-77", "occurred_at": "2025-01-05T10:00"},
    )
    assert response.status_code == 302
    receipt = client.get(response["Location"]).content.decode()
    assert "R-77" in receipt and "66.60" in receipt


def test_owner_sees_his_balance(client, world, fees):
    client.force_login(world.users["owner"])
    page = client.get(reverse("my-fees")).content.decode()
    line = Bill.objects.get(household=world.inside.household).lines.get().amount
    assert f"欠费{line - Decimal('100.00')}元" in page
    assert "呼市" not in page


def test_bill_list_filters_and_query_count(client, world, fees, django_assert_max_num_queries):
    issue_bill(world.users["admin"], world.inside.neighbour, JAN)
    client.force_login(world.users["manager"])
    url = reverse("project-bills", args=[world.inside.project.pk])
    with django_assert_max_num_queries(8):
        page = client.get(url, {"month": "2025-01", "unpaid": "on"}).content.decode()
    # The household paid 100 against its bill; the neighbour paid nothing and owes.
    assert str(world.inside.neighbour) in page
    assert client.get(url, {"month": "2024-12"}).content.decode().count("/account/") == 0


def test_the_project_page_links_the_fee_pages(client, world, fees):
    client.force_login(world.users["manager"])
    page = client.get(reverse("project-detail", args=[world.inside.project.pk])).content.decode()
    for name in ("fee-standards", "project-bills", "bills-generate"):
        assert reverse(name, args=[world.inside.project.pk]) in page


def test_the_standards_page_shows_a_late_change_by_the_checks_deadline(client, world, fees):
    f.FeeStandardFactory(
        project=world.inside.project,
        rate=Decimal("2.00"),
        effective_from=datetime.date(2025, 3, 1),
        published_on=datetime.date(2025, 2, 2),
    )
    client.force_login(world.users["committee"])
    page = client.get(reverse("fee-standards", args=[world.inside.project.pk])).content.decode()
    assert "调价应于2025-02-01前公示" in page
    assert "公示过晚" in page


@pytest.mark.parametrize(
    ("name", "ceiling"), [("household-account", 7), ("my-fees", 5), ("fee-standards", 11)]
)
def test_query_counts_are_pinned(client, world, fees, django_assert_max_num_queries, name, ceiling):
    for month in (2, 3, 4):
        issue_bill(world.users["admin"], world.inside.household, datetime.date(2025, month, 1))
    client.force_login(world.users["owner"])
    args = (
        []
        if name == "my-fees"
        else [world.inside.project.pk if name == "fee-standards" else world.inside.household.pk]
    )
    with django_assert_max_num_queries(ceiling):
        assert client.get(reverse(name, args=args)).status_code == 200


def test_the_owner_downloads_his_receipt_not_a_neighbours(client, world, fees):
    client.force_login(world.users["owner"])
    response = client.get(reverse("payment-receipt", args=[fees["inside"].pk]), {"download": "1"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    neighbour = f.payment(world.users["admin"], world.inside.neighbour, "10.00")
    assert client.get(reverse("payment-receipt", args=[neighbour.pk]), {"download": "1"}).status_code == 404


@pytest.mark.parametrize("role", ["manager", "staff", "owner", "committee", "regulator", "stranger", "admin"])
def test_the_enterprise_documents_pages_follow_the_table(client, world, role):
    from wuye.testing.expectations import can_read, can_write

    client.force_login(world.users[role])
    for side in ("inside", "outside"):
        enterprise = getattr(world, side).enterprise
        readable, writable = can_read(role, "enterprise", side), can_write(role, "enterprise", side)
        page = reverse("enterprise-finance-documents", args=[enterprise.pk])
        assert client.get(page).status_code == (200 if readable else 404), (role, side)
        for kind in ("rules", "tax"):
            url = reverse("enterprise-finance-document-create", args=[enterprise.pk, kind])
            expected = 200 if writable else 403 if readable else 404
            assert client.get(url).status_code == expected, (role, side, kind)


def test_the_manager_uploads_financial_rules_and_a_refused_upload_writes_nothing(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from wuye.finance.models import FinancialRules

    enterprise = world.inside.enterprise
    url = reverse("enterprise-finance-document-create", args=[enterprise.pk, "rules"])
    body = {"title": "财务管理制度（2025版）", "occurred_at": "2025-01-05T10:00"}
    client.force_login(world.users["staff"])
    assert (
        client.post(url, {**body, "attachment": SimpleUploadedFile("r.pdf", b"%PDF-1.4")}).status_code == 403
    )
    assert not FinancialRules.objects.exists()
    client.force_login(world.users["manager"])
    response = client.post(url, {**body, "attachment": SimpleUploadedFile("r.pdf", b"%PDF-1.4")})
    assert response.status_code == 302
    assert FinancialRules.objects.get().enterprise == enterprise
    assert client.get(url.replace("/rules/", "/nothing/")).status_code == 404
