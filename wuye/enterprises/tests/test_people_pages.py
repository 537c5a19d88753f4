"""The people pages, walked with every role inside and outside (the URL matrix names them as walked here):
labour pages for the employer and the regulators (others who see the enterprise: 403), policies and
training where the enterprise is seen, writes by its managers; the payroll import all or nothing."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from wuye.core.spreadsheets import ImportContext, ImportRejected, run_import
from wuye.core.spreadsheets.template_book import header_text
from wuye.enterprises.imports_people import PayrollImport
from wuye.enterprises.models import Employment, Termination, TrainingSession, WagePayment
from wuye.enterprises.tests.people_factories import make_people
from wuye.safety.tests.excel import xlsx
from wuye.testing.expectations import can_read
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db
REVIEWERS = {"inside": {"regulator", "regulator_bt", "admin"}, "outside": {"regulator", "admin"}}
WRITERS = {"inside": {"manager", "admin"}, "outside": {"admin"}}


@pytest.fixture
def objects(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return {side: make_people(world, side) for side in ("inside", "outside")}


def expected(kind, role, side):
    seen = can_read(role, "enterprise", side)
    labour = can_read(role, "employment", side)
    if kind == "labour":
        return 200 if labour else 403 if seen else 404
    if kind == "read":
        return 200 if seen else 404
    if kind == "write":
        return 200 if role in WRITERS[side] else 403 if seen else 404
    if kind == "review":
        return 200 if role in REVIEWERS[side] else 403 if labour else 404
    raise AssertionError(kind)


def pages(world, objects, side):
    enterprise = getattr(world, side).enterprise.pk
    return [
        ("labour", reverse("people-wages", args=[enterprise])),
        ("labour", reverse("people-terminations", args=[enterprise])),
        ("read", reverse("people-policies", args=[enterprise])),
        ("read", reverse("people-trainings", args=[enterprise])),
        ("write", reverse("people-wage-create", args=[enterprise])),
        ("write", reverse("people-payroll-import", args=[enterprise])),
        ("write", reverse("people-payroll-template", args=[enterprise])),
        ("write", reverse("people-termination-create", args=[enterprise])),
        ("write", reverse("people-policy-create", args=[enterprise])),
        ("write", reverse("people-training-create", args=[enterprise])),
        ("write", reverse("people-training-update", args=[objects[side]["training"].pk])),
        ("review", reverse("people-termination-review", args=[objects[side]["termination"].pk])),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_by_role_and_scope(client, world, objects, role):
    client.force_login(world.users[role])
    for side in ("inside", "outside"):
        for kind, url in pages(world, objects, side):
            assert client.get(url).status_code == expected(kind, role, side), (role, side, url)


def test_anonymous_is_sent_to_sign_in(client, world, objects):
    for kind, url in pages(world, objects, "inside"):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url


def test_wages_register_filters_exports_and_highlights_unpaid(
    client, world, objects, django_assert_max_num_queries
):
    client.force_login(world.users["manager"])
    url = reverse("people-wages", args=[world.inside.enterprise.pk])
    with django_assert_max_num_queries(20):
        response = client.get(url)
    html = response.content.decode()
    assert "包头员工" in html
    assert "至今未发放" in html  # months since 2023 without wages are highlighted
    assert "late-wages" in html
    assert "包头员工" not in client.get(url, {"month": "2025-04"}).content.decode().split('id="results"')[1]
    assert "月份格式应为" in client.get(url, {"month": "2025-13"}).content.decode()
    export = client.get(url, {"export": "xlsx"})
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxml")


def test_list_pages_do_not_grow_with_rows(client, world, objects, django_assert_max_num_queries):
    for n in range(5):
        session = TrainingSession.objects.create(
            enterprise=world.inside.enterprise,
            held_on=datetime.date(2024, 1, n + 1),
            topic="x",
            hours=1,
            trainer="t",
        )
        session.attendance.create(staff=world.inside.staff)
    client.force_login(world.users["manager"])
    for name in ("people-trainings", "people-policies", "people-terminations"):
        with django_assert_max_num_queries(15):
            assert client.get(reverse(name, args=[world.inside.enterprise.pk])).status_code == 200


def test_a_readers_post_writes_nothing(client, world, objects):
    client.force_login(world.users["regulator"])
    before = WagePayment.objects.count()
    url = reverse("people-wage-create", args=[world.inside.enterprise.pk])
    data = {
        "employment": world.inside.employment.pk,
        "month": "2025-06-01",
        "amount": "1",
        "paid_on": "2025-07-01",
    }
    assert client.post(url, data).status_code == 403
    assert WagePayment.objects.count() == before


def test_the_manager_enters_wages_and_bad_input_is_a_field_error(client, world, objects):
    client.force_login(world.users["manager"])
    url = reverse("people-wage-create", args=[world.inside.enterprise.pk])
    data = {
        "employment": world.inside.employment.pk,
        "month": "2025-06-01",
        "amount": "0",
        "paid_on": "2025-07-01",
        "method": "bank",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and "is-invalid" in response.content.decode()
    assert client.post(url, {**data, "amount": "4100"}).status_code == 302
    assert WagePayment.objects.filter(month=datetime.date(2025, 6, 1)).count() == 1


def test_the_regulator_reviews_a_termination_on_its_page(client, world, objects):
    termination = objects["inside"]["termination"]
    client.force_login(world.users["regulator_bt"])
    url = reverse("people-termination-review", args=[termination.pk])
    assert client.post(url, {"outcome": "lawful", "note": "已核实"}).status_code == 302
    termination.refresh_from_db()
    assert (termination.outcome, termination.review_note) == ("lawful", "已核实")


def test_the_manager_records_a_training_with_attendance(client, world, objects):
    client.force_login(world.users["manager"])
    url = reverse("people-training-create", args=[world.inside.enterprise.pk])
    data = {
        "held_on": "2025-09-01",
        "topic": "急救",
        "hours": "2",
        "trainer": "李",
        "staff": [world.inside.staff.pk],
    }
    assert client.post(url, data).status_code == 302
    session = TrainingSession.objects.get(topic="急救")
    assert list(session.attendees.all()) == [world.inside.staff]
    response = client.post(url, {**data, "topic": "外人", "staff": [world.outside.staff.pk]})
    assert response.status_code == 200
    assert not TrainingSession.objects.filter(topic="外人").exists()


# -- the payroll import --------------------------------------------------------------------------

HEADERS = [header_text(column) for column in PayrollImport.columns]


def run(world, rows, user="manager"):
    context = ImportContext(user=world.users[user], enterprise=world.inside.enterprise)
    return run_import(PayrollImport(), xlsx(HEADERS, rows), context)


def test_a_payroll_is_imported_by_name_and_masked_id(world, objects):
    staff = world.inside.staff
    rows = [
        [staff.name, staff.id_number_masked, "2025-04-01", 4200, "2025-05-10", "银行代发"],
        [staff.name, staff.id_number_masked, "2025-05-01", 4200.5, "2025-06-10", None],
    ]
    saved = run(world, rows)
    assert len(saved) == 2
    wages = WagePayment.objects.filter(employment=world.inside.employment).order_by("month")
    assert [w.amount for w in wages] == [Decimal("4000.00"), Decimal("4200"), Decimal("4200.50")]


def test_a_bad_payroll_names_every_row_and_writes_nothing(world, objects):
    staff = world.inside.staff
    before = WagePayment.objects.count()
    rows = [
        [staff.name, staff.id_number_masked, "2025-04-01", 4200, "2025-05-10", None],
        ["无此人", "150102********1234", "2025-04-01", 4200, "2025-05-10", None],
        [staff.name, staff.id_number_masked, "2025-03-01", 4200, "2025-04-10", None],  # already stored
        [staff.name, staff.id_number_masked, "2025-04-01", 4200, "2025-05-10", None],  # twice
        [staff.name, staff.id_number_masked, "2020-01-01", 4200, "2020-02-10", None],  # before hiring
        [staff.name, staff.id_number_masked, "2025-06-01", 0, "2025-07-10", None],
    ]
    with pytest.raises(ImportRejected) as caught:
        run(world, rows)
    rows_at_fault = {p.row for p in caught.value.problems}
    assert rows_at_fault == {3, 4, 5, 6, 7}
    assert WagePayment.objects.count() == before


def test_only_the_managers_import_a_payroll(world, objects):
    from django.core.exceptions import PermissionDenied

    staff = world.inside.staff
    rows = [[staff.name, staff.id_number_masked, "2025-04-01", 4200, "2025-05-10", None]]
    with pytest.raises((PermissionDenied, ImportRejected)):
        run(world, rows, user="regulator")
    assert not WagePayment.objects.filter(month=datetime.date(2025, 4, 1)).exists()
    assert Employment.objects.count() and Termination.objects.count() == 2
