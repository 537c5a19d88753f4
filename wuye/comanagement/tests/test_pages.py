"""Every comanagement page, walked with every role against a project inside and one outside its scope (the
URL matrix in core/tests/test_url_matrix.py names these pages as walked here); then the pages at work.

Written out by hand: the project's readers (and its owners) read the registers; the company (staff, the
serving enterprise's manager, operators) adds and moves (others who read: 403); the unseen is 404. The
regulator's events list answers every signed-in role within its scope; only regulators record events.
"""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from wuye.comanagement.choices_events import EventKind
from wuye.comanagement.models import CaseMove, ConstructionCase, Pet, RegulatorEvent
from wuye.comanagement.tests.helpers import case, event, local, notice, pet
from wuye.testing.expectations import can_read
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db
COMPANY = {"inside": {"manager", "staff", "admin"}, "outside": {"admin"}}
REGULATORS = {"regulator", "regulator_bt", "admin"}


def expected(kind, role, side):
    reads = can_read(role, "project", side)
    if kind == "read":
        return 200 if reads else 404
    if not reads:
        return 404
    return 200 if role in COMPANY[side] else 403


PAGES = {
    "construction-list": ("read", "project"),
    "construction-create": ("company", "project"),
    "construction-move": ("company", "case"),
    "animals-list": ("read", "project"),
    "animal-notice-create": ("company", "project"),
    "pet-create": ("company", "project"),
    "unauthorised-animal-create": ("company", "project"),
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def objects(world):
    made = {}
    for name in ("inside", "outside"):
        side = getattr(world, name)
        made[name] = {"project": side.project, "case": case(side, local(2025, 6, 1, 9))}
    return made


@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_by_role_and_scope(client, world, objects, role):
    client.force_login(world.users[role])
    for name, (kind, target) in PAGES.items():
        for side in ("inside", "outside"):
            url = reverse(name, args=[objects[side][target].pk])
            assert client.get(url).status_code == expected(kind, role, side), (name, side)
    assert client.get(reverse("regulatorevent-list")).status_code == 200
    wanted = 200 if role in REGULATORS else 403
    assert client.get(reverse("regulatorevent-create")).status_code == wanted


@pytest.mark.parametrize("role", ["committee", "owner", "regulator_bt", "developer"])
def test_readers_cannot_post_and_nothing_is_written(client, world, objects, role):
    client.force_login(world.users[role])
    project = world.inside.project
    data = {"household": world.inside.household.pk, "what": "加建", "found_at": "2025-06-01T09:00"}
    assert client.post(reverse("construction-create", args=[project.pk]), data).status_code in (403, 404)
    pet_data = {"household": world.inside.household.pk, "kind": "dog", "recorded_on": "2025-06-01"}
    assert client.post(reverse("pet-create", args=[project.pk]), pet_data).status_code in (403, 404)
    assert ConstructionCase.objects.count() == 2 and not Pet.objects.exists()


def test_a_case_for_a_household_outside_the_project_is_refused_in_place(client, world):
    client.force_login(world.users["staff"])
    url = reverse("construction-create", args=[world.inside.project.pk])
    data = {"household": world.outside.household.pk, "what": "加建", "found_at": "2025-06-01T09:00"}
    response = client.post(url, data)
    assert response.status_code == 200 and "该房屋不属于本项目，不能登记。" in response.content.decode()
    assert not ConstructionCase.objects.exists()
    data["household"] = world.inside.household.pk
    assert client.post(url, data).status_code == 302
    [opened] = ConstructionCase.objects.all()
    assert opened.status == "found" and opened.moves.count() == 1


def test_a_case_is_moved_through_the_form(client, world):
    opened = case(world.inside, local(2025, 6, 1, 9))
    client.force_login(world.users["staff"])
    url = reverse("construction-move", args=[opened.pk])
    response = client.post(url, {"new": "warned", "at": "2025-06-01T10:00"})
    assert "劝阻警告须附书面警告。" in response.content.decode()
    assert CaseMove.objects.count() == 0
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("warning.pdf", b"%PDF-1.4", content_type="application/pdf")
    assert (
        client.post(url, {"new": "warned", "at": "2025-06-01T10:00", "warning_file": upload}).status_code
        == 302
    )
    opened.refresh_from_db()
    assert opened.status == "warned" and opened.warned_at == local(2025, 6, 1, 10)


def test_the_case_register_searches_filters_pages_and_exports_in_pinned_queries(
    client, world, django_assert_max_num_queries
):
    side = world.inside
    for n in range(25):
        case(side, local(2025, 5, 1) + datetime.timedelta(hours=n), what=f"加建{n:02d}")
    client.force_login(world.users["committee"])
    url = reverse("construction-list", args=[side.project.pk])
    with django_assert_max_num_queries(14):
        page = client.get(url).content.decode()
    assert page.count('data-testid="construction-case"') == 20
    assert client.get(url, {"page": 2}).content.decode().count('data-testid="construction-case"') == 5
    assert client.get(url, {"q": "加建07"}).content.decode().count('data-testid="construction-case"') == 1
    assert (
        client.get(url, {"status": "closed"}).content.decode().count('data-testid="construction-case"') == 0
    )
    sheet = load_workbook(io.BytesIO(b"".join(client.get(url, {"export": "xlsx"}).streaming_content))).active
    assert sheet.max_row >= 26


def test_the_animals_page_lists_pets_notices_and_filters_in_pinned_queries(
    client, world, django_assert_max_num_queries
):
    side = world.inside
    for n in range(22):
        pet(
            side,
            datetime.date(2025, 1, 1),
            licence_number=f"L{n:03d}" if n else "",
            rabies_vaccinated_on=None,
        )
    notice(side, datetime.date(2025, 3, 1))
    client.force_login(world.users["staff"])
    url = reverse("animals-list", args=[side.project.pk])
    with django_assert_max_num_queries(16):
        page = client.get(url).content.decode()
    assert page.count('data-testid="pet"') == 20 and "不得饲养家禽家畜" in page
    assert client.get(url, {"unregistered": "true"}).content.decode().count('data-testid="pet"') == 1
    assert client.get(url, {"q": "L005"}).content.decode().count('data-testid="pet"') == 1
    sheet = load_workbook(io.BytesIO(b"".join(client.get(url, {"export": "xlsx"}).streaming_content))).active
    assert sheet.max_row >= 23


def test_the_project_card_counts_in_pinned_queries(client, world):
    side = world.inside
    case(side, local(2025, 6, 1, 9))
    pet(side, datetime.date(2025, 1, 1))
    client.force_login(world.users["manager"])
    url = side.project.get_absolute_url()
    with CaptureQueriesContext(connection) as few:
        page = client.get(url).content.decode()
    assert 'data-testid="comanagement-card"' in page
    assert "私搭乱建 1 件（未结案 1 件）；登记宠物 1 只（犬只未登记 1 只）。" in page
    for n in range(5):
        case(side, local(2025, 6, 2 + n, 9))
        pet(side, datetime.date(2025, 1, 2 + n))
    with CaptureQueriesContext(connection) as many:
        assert "私搭乱建 6 件" in client.get(url).content.decode()
    assert len(many) == len(few)


def test_the_events_list_and_record_form(client, world, django_assert_max_num_queries):
    for n in range(21):
        event(world.inside, on=datetime.date(2025, 1, 1) + datetime.timedelta(days=n))
    event(world.outside, EventKind.NEGATIVE_PRESS)
    client.force_login(world.users["manager"])
    url = reverse("regulatorevent-list")
    with django_assert_max_num_queries(12):
        page = client.get(url).content.decode()
    assert page.count('data-testid="regulator-event"') == 20 and "记录监管事件" not in page
    assert client.get(url, {"kind": "press"}).content.decode().count('data-testid="regulator-event"') == 0
    client.force_login(world.users["regulator"])
    assert client.get(url, {"kind": "press"}).content.decode().count('data-testid="regulator-event"') == 1
    data = {
        "enterprise": world.inside.enterprise.pk,
        "project": world.inside.project.pk,
        "kind": "malicious",
        "occurred_on": "2025-06-01",
        "source": "公安通报",
        "description": "保安与业主冲突致伤",
    }
    assert client.post(reverse("regulatorevent-create"), data).status_code == 302
    recorded = RegulatorEvent.objects.get(kind="malicious")
    assert recorded.recorded_by == world.users["regulator"]
    client.force_login(world.users["manager"])
    assert client.post(reverse("regulatorevent-create"), data).status_code == 403
    assert RegulatorEvent.objects.filter(kind="malicious").count() == 1
