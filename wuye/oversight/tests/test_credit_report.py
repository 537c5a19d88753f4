"""The enterprise credit report: a PDF whose text carries the enterprise's Chinese name and its grade; for
the regulators over it and its own managers only."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from wuye.oversight.tests.credit_world import published, score, veto_finding
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db
# The status each role gets for the inside enterprise's report (包头) and the outside one's (呼和浩特): a
# reader of the enterprise who may not have its report 403, one who cannot see it 404.
STATUS = {
    "regulator": (200, 200),
    "regulator_bt": (200, 404),
    "admin": (200, 200),
    "manager": (200, 404),
    "staff": (403, 404),
    "developer": (403, 404),
    "committee": (403, 404),
    "owner": (403, 404),
    "stranger": (404, 404),
}


def report(client, enterprise):
    return client.get(reverse("oversight-credit-report", args=[enterprise.pk]))


def text_of(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    return "".join(text.split())  # table cells wrap: compare without line breaks and spaces


def test_the_pdf_text_has_the_chinese_name_the_grade_and_the_list(client, world, cjk_font):
    score(world, inside=("D", "50.00"))
    publication = published(world.users["regulator_bt"], "150200")
    veto_finding(world.inside)
    client.force_login(world.users["regulator_bt"])
    text = text_of(report(client, world.inside.enterprise))
    assert world.inside.enterprise.name in text and "信用报告" in text
    assert "当前等级D得分50" in text and f"已发布等级D({publication.period_start:%Y-%m})" in text
    assert "名单黑名单" in text and "突然撤离" in text


@pytest.mark.parametrize("role", ROLES)
def test_who_gets_which_report(client, world, role, cjk_font):
    client.force_login(world.users[role])
    statuses = tuple(
        report(client, getattr(world, side).enterprise).status_code for side in ("inside", "outside")
    )
    assert statuses == STATUS[role]


def test_a_reader_of_the_enterprise_who_is_not_its_manager_gets_403(client, world):
    client.force_login(world.users["staff"])
    assert report(client, world.inside.enterprise).status_code == 403
