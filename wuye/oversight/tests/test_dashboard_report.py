"""The division monthly report: the dashboard in print, a PDF whose extracted text holds the division's
Chinese name and its grade counts; regulators only, their own division and below."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from wuye.compliance.scores import compute_scores
from wuye.compliance.tests.review_helpers import make_finding
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db

REGULATORS = {"regulator", "regulator_bt", "admin"}


def pdf_text(response) -> str:
    reader = PdfReader(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def month(world):
    now = timezone.now()
    make_finding(world, check_id="2.1.sudden_withdrawal", found_at=now - datetime.timedelta(days=1))
    compute_scores(now)
    return f"{timezone.localdate(now):%Y-%m}"


def test_the_report_names_the_division_and_its_grade_counts(client, world, month, cjk_font):
    client.force_login(world.users["regulator_bt"])
    response = client.get(reverse("oversight-division-report"), {"division": "150200", "month": month})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response)
    assert "包头市" in text and "呼和浩特" not in text
    assert "包头花园" in text
    grades = response_grades(text, "昆都仑区")
    assert grades == ["0", "0", "0", "1", "1"]  # A B C D and the projects of its county


def response_grades(text: str, name: str) -> list[str]:
    """The grade row of a sub-division in the extracted text: its name, then A B C D and the total."""
    line = next(line for line in text.splitlines() if line.startswith(name))
    return line.split()[1:6]


def test_asking_for_another_division_is_404_and_a_bad_month_too(client, world, month):
    client.force_login(world.users["regulator_bt"])
    url = reverse("oversight-division-report")
    assert client.get(url, {"division": "150100", "month": month}).status_code == 404
    assert client.get(url, {"division": "150200", "month": "2026-13"}).status_code == 404


@pytest.mark.parametrize("role", [role for role in ROLES if role not in REGULATORS])
def test_other_roles_are_refused(client, world, role):
    client.force_login(world.users[role])
    assert client.get(reverse("oversight-division-report")).status_code == 403


@pytest.mark.parametrize("role", ["regulator", "admin"])
def test_the_region_regulator_and_the_admin_get_every_division(client, world, month, role, cjk_font):
    client.force_login(world.users[role])
    url = reverse("oversight-division-report")
    for code, name in (("150200", "包头市"), ("150100", "呼和浩特")):
        response = client.get(url, {"division": code, "month": month})
        assert response.status_code == 200 and name in pdf_text(response)
