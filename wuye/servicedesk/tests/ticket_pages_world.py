"""Fixtures of the ticket pages' tests: a ticket of the owner's household on each side, filed by the side's
staff (the outside one by the administrator), and a photo upload that is an image or only named like one."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from wuye.testing import factories as f

T0 = timezone.now() - datetime.timedelta(hours=2)
# Who reads every ticket of the inside project (the region's regulator and the admin read both sides).
DESK_READERS = {"regulator", "regulator_bt", "manager", "staff", "committee", "admin"}
HANDLERS = {"manager", "staff", "admin"}


@pytest.fixture
def tickets(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    inside = f.ticket(world.users["staff"], household=world.inside.household, received_at=T0, now=T0)
    outside = f.ticket(world.users["admin"], household=world.outside.household, received_at=T0, now=T0)
    return {"inside": inside, "outside": outside}


def reads_ticket(role: str, side: str) -> bool:
    if role in ("admin", "regulator"):
        return True
    return side == "inside" and (role in DESK_READERS or role == "owner")


def reads_desk(role: str, side: str) -> bool:
    if role in ("admin", "regulator"):
        return True
    return side == "inside" and role in DESK_READERS


def handles(role: str, side: str) -> bool:
    return role == "admin" or (side == "inside" and role in HANDLERS)


def image_upload(name="leak.jpg", colour="red"):
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), colour).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def fake_image(name="leak.jpg"):
    return SimpleUploadedFile(name, b"%PDF-1.4 this is not an image", content_type="image/jpeg")
