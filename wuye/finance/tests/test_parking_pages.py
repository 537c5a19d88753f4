"""Every parking page, walked with every role against a project inside and one outside its scope (the URL
matrix in core/tests/test_url_matrix.py names these pages as walked here); then the pages at work.

Written out by hand: the project's readers (and its owners) read the register, a space and the rules;
leases and rent are read by the project's readers but the developer, and by the household's owner; the
company (staff, the serving enterprise's manager, operators) adds (others who read: 403); the unseen is 404.
"""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from wuye.finance.models import ParkingLease, ParkingRentPayment, ParkingSpace, ParkingTransfer
from wuye.finance.tests import parking_factories as p
from wuye.testing.expectations import can_read
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db
COMPANY = {"inside": {"manager", "staff", "admin"}, "outside": {"admin"}}


def expected(kind, role, side):
    reads = can_read(role, "project", side)
    if kind == "lease":  # leases and rent: not the developer
        reads = reads and role != "developer"
    if kind == "read":
        return 200 if reads else 404
    if not reads:
        return 404
    return 200 if role in COMPANY[side] else 403


# url name → (kind, object)
PAGES = {
    "parking-spaces": ("read", "project"),
    "parking-space-detail": ("read", "space"),
    "parking-space-create": ("company", "project"),
    "parking-rules-create": ("company", "project"),
    "parking-lease-create": ("company", "space"),
    "parking-transfer-create": ("company", "space"),
    "parking-payment-create": ("lease", "lease"),
}


@pytest.fixture
def objects(world):
    made = {}
    for name in ("inside", "outside"):
        side = getattr(world, name)
        space = p.space(side.project)
        made[name] = {"project": side.project, "space": space, "lease": p.lease(space, side.household)}
        p.rules(side.project)
    return made


@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_by_role_and_scope(client, world, objects, role):
    client.force_login(world.users[role])
    for name, (kind, target) in PAGES.items():
        for side in ("inside", "outside"):
            url = reverse(name, args=[objects[side][target].pk])
            assert client.get(url).status_code == expected(kind, role, side), (name, side)


@pytest.mark.parametrize("role", ["committee", "owner", "regulator_bt", "developer"])
def test_readers_cannot_post_and_nothing_is_written(client, world, objects, role):
    client.force_login(world.users[role])
    space = objects["inside"]["space"]
    before = ParkingSpace.objects.count(), ParkingLease.objects.count(), ParkingTransfer.objects.count()
    for name, target in (("parking-space-create", "project"), ("parking-lease-create", "space")):
        url = reverse(name, args=[objects["inside"][target].pk])
        response = client.post(url, {"number": "X", "level": "above", "ownership": "common"})
        assert response.status_code in (403, 404)
    assert client.post(reverse("parking-transfer-create", args=[space.pk]), {}).status_code in (403, 404)
    after = ParkingSpace.objects.count(), ParkingLease.objects.count(), ParkingTransfer.objects.count()
    assert after == before


def test_anonymous_is_sent_to_log_in(client, objects):
    response = client.get(reverse("parking-spaces", args=[objects["inside"]["project"].pk]))
    assert response.status_code == 302 and "login" in response.url


def test_staff_adds_a_space_lease_payment_and_transfer(client, world):
    client.force_login(world.users["staff"])
    project = world.inside.project
    response = client.post(
        reverse("parking-space-create", args=[project.pk]),
        {"number": "D-07", "level": "above", "location": "东门", "ownership": "common"},
    )
    space = ParkingSpace.objects.get(number="D-07")
    assert response.status_code == 302 and space.project == project
    lease_data = {
        "household": world.inside.household.pk,
        "start": "2025-01-01",
        "end": "2025-12-31",
        "billing_months": "12",
        "rent": "1200.00",
    }
    assert client.post(reverse("parking-lease-create", args=[space.pk]), lease_data).status_code == 302
    lease = ParkingLease.objects.get()
    payment = {
        "paid_on": "2025-01-05",
        "amount": "1200.00",
        "period_start": "2025-01-01",
        "period_end": "2025-12-31",
        "receipt_number": "P001",
    }
    assert client.post(reverse("parking-payment-create", args=[lease.pk]), payment).status_code == 302
    assert ParkingRentPayment.objects.get().months == 12
    transfer = {"transferred_on": "2025-03-01", "kind": "sale", "buyer_name": "张三", "price": "80000"}
    assert client.post(reverse("parking-transfer-create", args=[space.pk]), transfer).status_code == 302
    page = client.get(space.get_absolute_url()).content.decode()
    assert "地上车位不得出售" in page and "P001" in page


def test_a_household_of_another_project_is_a_field_error_and_nothing_is_written(client, world):
    space = p.space(world.inside.project)
    client.force_login(world.users["admin"])  # sees the outside household too
    data = {
        "household": world.outside.household.pk,
        "start": "2025-01-01",
        "end": "2025-12-31",
        "billing_months": "12",
        "rent": "1200.00",
    }
    response = client.post(reverse("parking-lease-create", args=[space.pk]), data)
    assert response.status_code == 200 and "该房屋不属于此车位所在的项目" in response.content.decode()
    assert not ParkingLease.objects.exists()


def test_a_negative_amount_or_a_reversed_period_is_refused(client, world):
    lease = p.lease(p.space(world.inside.project), world.inside.household)
    client.force_login(world.users["staff"])
    data = {
        "paid_on": "2025-01-05",
        "amount": "-1",
        "period_start": "2025-12-31",
        "period_end": "2025-01-01",
        "receipt_number": "P1",
    }
    response = client.post(reverse("parking-payment-create", args=[lease.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200 and "金额必须大于0" in page and "租期止不能早于租期起" in page
    assert not ParkingRentPayment.objects.exists()


def test_an_above_ground_space_of_a_residential_estate_is_common_property(client, world):
    client.force_login(world.users["staff"])
    url = reverse("parking-space-create", args=[world.inside.project.pk])
    response = client.post(url, {"number": "D-08", "level": "above", "ownership": "developer"})
    assert "住宅小区的地上停车位属于全体业主共有" in response.content.decode()
    assert not ParkingSpace.objects.exists()


def test_a_duplicate_number_is_refused(client, world):
    p.space(world.inside.project, "D-01")
    client.force_login(world.users["staff"])
    url = reverse("parking-space-create", args=[world.inside.project.pk])
    response = client.post(url, {"number": "D-01", "level": "above", "ownership": "common"})
    assert response.status_code == 200 and "本项目已有该编号的车位" in response.content.decode()
    assert ParkingSpace.objects.count() == 1


def test_the_register_searches_filters_and_pages_in_pinned_queries(
    client, world, django_assert_max_num_queries
):
    project = world.inside.project
    for n in range(25):
        space = p.space(project, f"D-{n:02d}")
        if n < 3:
            p.lease(space, world.inside.household)
    p.space(project, "B1-001", level="under")
    p.rules(project)
    client.force_login(world.users["committee"])
    url = reverse("parking-spaces", args=[project.pk])
    with django_assert_max_num_queries(15):
        page = client.get(url).content.decode()
    assert page.count('data-testid="parking-space"') == 20 and "地上车位只租不售" in page
    assert client.get(url, {"page": 2}).content.decode().count('data-testid="parking-space"') == 6
    assert client.get(url, {"q": "B1"}).content.decode().count('data-testid="parking-space"') == 1
    assert client.get(url, {"level": "under"}).content.decode().count('data-testid="parking-space"') == 1
    assert client.get(url, {"leased": "true"}).content.decode().count('data-testid="parking-space"') == 3


def test_the_export_is_the_filtered_register(client, world):
    project = world.inside.project
    p.lease(p.space(project, "D-01"), world.inside.household)
    p.space(project, "B1-001", level="under")
    client.force_login(world.users["regulator"])
    response = client.get(reverse("parking-spaces", args=[project.pk]), {"export": "xlsx", "level": "above"})
    sheet = load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    ).active
    rows = list(sheet.values)
    numbers = [row[0] for row in rows[1:] if row and row[0]]
    assert "D-01" in numbers and "B1-001" not in numbers


def test_the_detail_page_in_pinned_queries_and_an_owner_sees_only_his_lease(
    client, world, django_assert_max_num_queries
):
    space = p.space(world.inside.project)
    mine = p.lease(space, world.inside.household, end=datetime.date(2025, 12, 31))
    theirs = p.lease(space, world.inside.neighbour, start=datetime.date(2026, 1, 1))
    for lease in (mine, theirs):
        for year in (2025, 2026):
            p.payment(lease, paid_on=datetime.date(year, 1, 5))
    p.transfer(space)
    client.force_login(world.users["committee"])
    with django_assert_max_num_queries(12):
        page = client.get(space.get_absolute_url()).content.decode()
    assert str(world.inside.neighbour) in page and "转让记录" in page
    client.force_login(world.users["owner"])
    page = client.get(space.get_absolute_url()).content.decode()
    assert str(world.inside.household) in page and str(world.inside.neighbour) not in page
    assert "转让记录" not in page


def test_the_project_page_shows_the_card(client, world):
    p.lease(p.space(world.inside.project), world.inside.household, end=datetime.date(2099, 1, 1))
    p.space(world.inside.project, "B1-001", level="under")
    client.force_login(world.users["committee"])
    page = client.get(world.inside.project.get_absolute_url()).content.decode()
    assert 'data-testid="parking-card"' in page and "地上车位 1 个（出租中 1 个），地下车位 1 个" in page


def test_the_owner_sees_his_own_leases_on_his_fees_page_in_one_more_query(
    client, world, django_assert_max_num_queries
):
    space = p.space(world.inside.project)
    p.payment(p.lease(space, world.inside.household))
    p.lease(p.space(world.inside.project, "D-02"), world.inside.neighbour)
    client.force_login(world.users["owner"])
    with django_assert_max_num_queries(6):
        page = client.get(reverse("my-fees")).content.decode()
    assert page.count('data-testid="my-parking-lease"') == 1 and "已缴车位租金1200.00元" in page


def test_a_transfers_contract_is_served_through_the_scope(client, world, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    space = p.space(world.inside.project, "D-09")
    client.force_login(world.users["staff"])
    data = {"transferred_on": "2025-03-01", "kind": "sale", "buyer_name": "张三", "price": "80000"}
    url = reverse("parking-transfer-create", args=[space.pk])
    bad = client.post(url, data | {"contract": SimpleUploadedFile("a.exe", b"MZ")})
    assert bad.status_code == 200 and not ParkingTransfer.objects.exists()
    assert (
        client.post(url, data | {"contract": SimpleUploadedFile("contract.pdf", b"%PDF-1.4")}).status_code
        == 302
    )
    transfer = ParkingTransfer.objects.get()
    file_url = reverse("scoped-file", args=["finance.parkingtransfer", transfer.pk, "contract"])
    assert file_url in client.get(reverse("parking-space-detail", args=[space.pk])).content.decode()
    assert client.get(file_url).status_code == 200
    for role, expected in (("committee", 200), ("owner", 404), ("stranger", 404)):
        client.force_login(world.users[role])
        assert client.get(file_url).status_code == expected, role
