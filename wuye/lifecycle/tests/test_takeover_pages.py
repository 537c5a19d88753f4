"""The takeover pages: who gets 200/403/404 on each (the URL matrix names this module), the moves as
buttons, bad input refused in Chinese with nothing written, the register's filters, export and queries."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from wuye.lifecycle.choices_takeover import ArchiveCategory, FixParty, InspectionArea
from wuye.lifecycle.choices_takeover import TakeoverStatus as S
from wuye.lifecycle.models import DocumentHandover, InspectionItem, Takeover, TakeoverMove, TakeoverProblem
from wuye.lifecycle.tests import takeover_factories as t
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
READERS = {"admin", "manager", "staff", "developer", "committee", "regulator", "regulator_bt"}
WRITERS = {"admin", "manager"}
HANDOVER = {"admin", "manager", "developer"}
OUTSIDE_READERS = {"admin", "regulator"}  # the province's regulator sees every league


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def records(world):
    inside = t.takeover(world)
    outside = t.takeover(world, side="outside")
    for record in (inside, outside):
        t.problem(record, FixParty.COMPANY, timezone.localdate())
    return {"inside": inside, "outside": outside}


def want(role, side, kind):
    readers = READERS if side == "inside" else OUTSIDE_READERS
    if role == "owner" and side == "inside":  # the summary: the takeover's page, none of its records
        return {"summary": 200, "read": 404}.get(kind, 403)
    if role not in readers:
        return 404
    if kind in ("read", "summary"):
        return 200
    allowed = {"edit": WRITERS, "handover": HANDOVER}[kind]
    return 200 if role in allowed and (side == "inside" or role == "admin") else 403


PAGES = [("takeover-detail", "summary"), ("takeover-problems", "read"), ("takeover-checklist", "edit")]
PAGES += [("takeover-documents", "handover")]


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_as_the_table_says(client, world, records, role, side):
    client.force_login(world.users[role])
    record = records[side]
    wrong = []
    for name, kind in PAGES:
        status = client.get(reverse(name, args=[record.pk])).status_code
        if status != want(role, side, kind):
            wrong.append(f"{name}: {status}, expected {want(role, side, kind)}")
    for name, args, kind in [
        ("takeover-move", [record.pk, S.CANCELLED], "edit"),
        ("takeover-problem-fix", [record.problems.get().pk], "read"),
    ]:
        status = client.post(reverse(name, args=args), {"note": ""}).status_code
        expected = want(role, side, kind)
        expected = {200: 302 if role in WRITERS and (side == "inside" or role == "admin") else 403}.get(
            expected, expected
        )
        if status != expected:
            wrong.append(f"{name}: {status}, expected {expected}")
    listed = client.get(reverse("takeover-list")).context["page_obj"].object_list
    if (record in listed) != (want(role, side, "summary") != 404):
        wrong.append("takeover-list")
    create = client.get(reverse("takeover-create")).status_code
    if create != (200 if role in WRITERS else 403):
        wrong.append(f"takeover-create: {create}")
    assert not wrong, f"{role} on the {side} side: " + "; ".join(wrong)
    assert Takeover.objects.filter(status=S.CANCELLED).count() == 0  # cancelling needs a reason
    assert not TakeoverProblem.objects.filter(fixed_on__isnull=False).exists()  # fixing needs a day


def test_the_company_registers_a_takeover_on_its_contract(client, world):
    client.force_login(world.users["manager"])
    response = client.post(
        reverse("takeover-create"),
        {"contract": world.inside.contract.pk, "taken_over_on": "2026-01-01"},
    )
    record = Takeover.objects.get()
    assert response.status_code == 302 and response.url == record.get_absolute_url()
    assert record.project == world.inside.project and record.enterprise == world.inside.enterprise
    response = client.post(
        reverse("takeover-create"), {"contract": world.outside.contract.pk, "taken_over_on": ""}
    )
    assert response.status_code == 200 and Takeover.objects.count() == 1
    assert "contract" in response.context["form"].errors


def test_the_moves_are_buttons_and_a_refused_one_writes_nothing(client, world):
    record = t.takeover(world)
    client.force_login(world.users["manager"])
    page = client.get(record.get_absolute_url()).content.decode()
    assert reverse("takeover-move", args=[record.pk, S.INSPECTING]) in page
    assert reverse("takeover-move", args=[record.pk, S.FILED]) not in page
    future = (timezone.localdate() + DAY).isoformat()
    response = client.post(
        reverse("takeover-move", args=[record.pk, S.INSPECTING]), {"day": future}, follow=True
    )
    assert "日期不能晚于今天。" in response.content.decode()
    assert not TakeoverMove.objects.exists() and Takeover.objects.get().status == S.REGISTERED
    response = client.post(
        reverse("takeover-move", args=[record.pk, S.FILED]), {"day": "2026-01-01"}, follow=True
    )
    assert "接管不能从" in response.content.decode() and not TakeoverMove.objects.exists()
    today = timezone.localdate().isoformat()
    client.post(reverse("takeover-move", args=[record.pk, S.INSPECTING]), {"day": today})
    client.post(
        reverse("takeover-move", args=[record.pk, S.AGREED]),
        {"day": today, "finished_on": today, "agreement_file": SimpleUploadedFile("a.pdf", b"%PDF-1.4")},
    )
    assert Takeover.objects.get().status == S.AGREED and TakeoverMove.objects.count() == 2


def test_a_checklist_line_on_a_phone(client, world):
    record = t.takeover(world)
    client.force_login(world.users["manager"])
    url = reverse("takeover-checklist", args=[record.pk])
    page = client.get(url, {"item": "shared_building_parts:roof"})
    assert page.status_code == 200 and "屋顶" in page.content.decode()
    data = {"choice": "shared_building_parts:roof", "area": InspectionArea.BUILDING_PARTS, "item": "roof"}
    data |= {"result": "problem", "problem": "", "inspected_on": timezone.localdate().isoformat()}
    response = client.post(url, data)
    assert response.status_code == 200 and "查验结果为有问题时须描述问题。" in response.content.decode()
    assert not InspectionItem.objects.exists()
    response = client.post(url, data | {"problem": "防水层开裂"})
    assert response.status_code == 302 and InspectionItem.objects.get().problem == "防水层开裂"


def test_the_developer_records_a_handover(client, world):
    record = t.takeover(world)
    client.force_login(world.users["developer"])
    url = reverse("takeover-documents", args=[record.pk])
    data = {"category": ArchiveCategory.COMPLETION_SITE_PLAN, "handed_by": "张工", "received_by": "李经理"}
    future = (timezone.localdate() + DAY).isoformat()
    response = client.post(url, data | {"handed_over_on": future})
    assert "日期不能晚于今天。" in response.content.decode() and not DocumentHandover.objects.exists()
    response = client.post(url, data | {"handed_over_on": timezone.localdate().isoformat()})
    assert response.status_code == 302 and DocumentHandover.objects.count() == 1


def test_problems_filter_overdue_and_are_fixed(client, world):
    record = t.takeover(world)
    today = timezone.localdate()
    late = t.problem(record, FixParty.DEVELOPER, today - DAY, description="井盖缺失")
    t.problem(record, FixParty.COMPANY, today + DAY, description="门禁未装")
    client.force_login(world.users["manager"])
    url = reverse("takeover-problems", args=[record.pk])
    shown = client.get(url, {"overdue": "true"}).context["page_obj"].object_list
    assert list(shown) == [late]
    client.post(
        url, {"description": "路灯不亮", "fixer": "company", "found_on": today.isoformat(), "due_on": ""}
    )
    assert TakeoverProblem.objects.count() == 2
    client.post(reverse("takeover-problem-fix", args=[late.pk]), {"fixed_on": (today + DAY).isoformat()})
    assert TakeoverProblem.objects.get(pk=late.pk).fixed_on is None
    client.post(reverse("takeover-problem-fix", args=[late.pk]), {"fixed_on": today.isoformat()})
    assert TakeoverProblem.objects.get(pk=late.pk).fixed_on == today


def test_the_register_filters_and_exports_in_few_queries(client, world, django_assert_max_num_queries):
    for day in range(1, 6):
        t.takeover(world, taken_over_on=datetime.date(2025, 3, day), filed_on=datetime.date(2025, 3, 20))
    t.takeover(world, side="outside")
    client.force_login(world.users["regulator"])
    with django_assert_max_num_queries(12):
        page = client.get(reverse("takeover-list"))
    assert len(page.context["page_obj"].object_list) == 6
    assert (
        len(client.get(reverse("takeover-list"), {"division": "150200"}).context["page_obj"].object_list) == 5
    )
    assert len(client.get(reverse("takeover-list"), {"unfiled": "true"}).context["page_obj"].object_list) == 1
    assert len(client.get(reverse("takeover-list"), {"q": "呼市"}).context["page_obj"].object_list) == 1
    export = client.get(reverse("takeover-list"), {"export": "xlsx", "unfiled": "false"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    assert sheet.max_row >= 6 and "包头花园" in [cell.value for cell in sheet["A"]]


def test_a_takeovers_pages_take_few_queries(client, world, django_assert_max_num_queries):
    record = t.takeover(world)
    t.inspected(record, datetime.date(2025, 3, 1), status=S.INSPECTING)
    t.documents(record, datetime.date(2025, 2, 1))
    for day in range(1, 8):
        t.problem(record, FixParty.COMPANY, datetime.date(2025, 4, day))
    client.force_login(world.users["manager"])
    with django_assert_max_num_queries(20):
        assert client.get(record.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(reverse("takeover-problems", args=[record.pk])).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(reverse("takeover-checklist", args=[record.pk])).status_code == 200


def test_owners_read_the_summary_only(client, world):
    record = t.takeover(world)
    t.documents(record, datetime.date(2025, 2, 1))
    client.force_login(world.users["owner"])
    page = client.get(record.get_absolute_url()).content.decode()
    assert record.get_status_display() in page and 'data-testid="documents"' not in page
    assert reverse("takeover-problems", args=[record.pk]) not in page
