"""The committee's comments and escalations, a complaint's outcome, and the photo rule: who may, and
refusals that write nothing."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from wuye.servicedesk import actions_tickets as actions
from wuye.servicedesk.models import Ticket, TicketEvent
from wuye.servicedesk.photos import PHOTO_MAX_BYTES, validate_photo
from wuye.testing import factories as f

pytestmark = pytest.mark.django_db
T0 = timezone.make_aware(datetime.datetime(2026, 3, 2, 9, 0))


@pytest.fixture
def ticket(world):
    return f.ticket(world.users["staff"], household=world.inside.household, received_at=T0, now=T0)


@pytest.fixture
def complaint(world):
    return f.ticket(
        world.users["staff"],
        household=world.inside.household,
        kind="complaint",
        urgency="",
        complaint_category="misconduct",
        received_at=T0,
        now=T0,
    )


@pytest.mark.parametrize("use_case", [actions.comment_ticket, actions.escalate_ticket])
def test_the_committee_comments_and_escalates_without_moving_the_ticket(world, ticket, use_case):
    event = use_case(world.users["committee"], ticket, "请物业说明处理进度")
    assert event.from_status == "" and event.to_status == ""
    assert Ticket.objects.get(pk=ticket.pk).status == "received"


@pytest.mark.parametrize("role", ["staff", "manager", "owner", "regulator", "developer", "stranger"])
@pytest.mark.parametrize("use_case", [actions.comment_ticket, actions.escalate_ticket])
def test_only_the_projects_committee_comments_or_escalates(world, ticket, role, use_case):
    with pytest.raises(PermissionDenied):
        use_case(world.users[role], ticket, "意见")
    assert TicketEvent.objects.filter(ticket=ticket).count() == 1


def test_an_empty_comment_is_refused(world, ticket):
    with pytest.raises(ValidationError, match="请填写内容"):
        actions.comment_ticket(world.users["committee"], ticket, "  ")
    assert TicketEvent.objects.filter(ticket=ticket).count() == 1


def test_the_outcome_is_for_complaints_only_and_needs_a_note(world, ticket, complaint):
    staff = world.users["staff"]
    with pytest.raises(ValidationError, match="只有投诉"):
        actions.record_outcome(staff, ticket, substantiated=True, note="x")
    with pytest.raises(ValidationError, match="核实情况"):
        actions.record_outcome(staff, complaint, substantiated=True, note=" ")
    assert Ticket.objects.get(pk=complaint.pk).substantiated is None


@pytest.mark.parametrize("role", ["owner", "committee", "developer", "stranger"])
def test_only_the_company_or_a_regulator_records_an_outcome(world, complaint, role):
    with pytest.raises(PermissionDenied):
        actions.record_outcome(world.users[role], complaint, substantiated=True, note="属实")
    assert Ticket.objects.get(pk=complaint.pk).substantiated is None


def test_the_outcome_is_recorded_with_its_event(world, complaint):
    event = actions.record_outcome(
        world.users["manager"], complaint, substantiated=False, note="经查不属实", now=T0
    )
    complaint.refresh_from_db()
    assert complaint.substantiated is False and complaint.outcome_at == T0
    assert event.note.startswith("不属实")


def image(kind="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(buffer, kind)
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["PNG", "JPEG", "WEBP"])
def test_photos_of_the_three_kinds_pass_whatever_their_name(kind):
    validate_photo(SimpleUploadedFile("photo.txt", image(kind)))


@pytest.mark.parametrize(
    "name,content",
    [("photo.jpg", b"GIF89a not really"), ("photo.png", b"<svg></svg>"), ("photo.webp", b"")],
)
def test_what_is_not_an_image_is_refused_whatever_its_name(name, content):
    with pytest.raises(ValidationError, match="JPG、PNG 或 WebP"):
        validate_photo(SimpleUploadedFile(name, content or b"\x00"))


def test_a_gif_is_refused_even_as_a_real_image():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, "GIF")
    with pytest.raises(ValidationError):
        validate_photo(SimpleUploadedFile("photo.jpg", buffer.getvalue()))


def test_a_photo_over_5_mb_is_refused():
    big = SimpleUploadedFile("photo.png", image() + b"\x00" * PHOTO_MAX_BYTES)
    with pytest.raises(ValidationError, match="5 MB"):
        validate_photo(big)


def test_reception_completes_a_record_and_the_event_keeps_what_was_there(world):
    staff = world.users["staff"]
    bare = f.ticket(
        staff, project=world.inside.project, household=None, contact_phone="", received_at=T0, now=T0
    )
    event = actions.amend_ticket(staff, bare, household=world.inside.household, contact_phone="13900000002")
    bare.refresh_from_db()
    assert bare.household == world.inside.household and bare.contact_phone == "13900000002"
    assert event.kind == "amend" and "联系电话" in event.note


def test_amending_is_for_the_handlers_only_and_validated(world, ticket):
    with pytest.raises(PermissionDenied):
        actions.amend_ticket(world.users["committee"], ticket, contact_phone="13900000002")
    with pytest.raises(ValidationError):
        actions.amend_ticket(world.users["staff"], ticket, contact_phone="123")
    with pytest.raises(ValidationError, match="只能补正"):
        actions.amend_ticket(world.users["staff"], ticket, description="改内容")
    ticket.refresh_from_db()
    assert ticket.contact_phone == "13800000001"
    assert TicketEvent.objects.filter(ticket=ticket).count() == 1
