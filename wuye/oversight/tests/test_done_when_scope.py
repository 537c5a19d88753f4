"""Issue 9's first done-when, walked across every oversight page at once: the regulator of 包头市 sees only
its division in every chart, list, export and report; the region's regulator sees all.

The personas' two sides (wuye/testing/personas.py): 包头 (150203, inside 包头市) and 呼市 (150105, 呼和浩特市).
Both are scored, both have a licence about to lapse (a deadline) and a finding under an order, so every
list has a row of each side to show or to hide. A page, a workbook or a PDF is searched as text.
"""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from wuye.compliance.engine import evaluate

pytestmark = pytest.mark.django_db

OUTSIDE_MARK = "呼市"  # the 呼和浩特 side's enterprise, project and staff names all carry it
INSIDE_MARK = "包头"

# (url name, query) of every list, chart and export a regulator reads; each lists both sides to the region.
LISTS = [
    ("oversight-dashboard", ""),
    ("oversight-ranking", ""),
    ("oversight-ranking", "?export=xlsx"),
    ("oversight-project-ranking", ""),
    ("oversight-project-ranking", "?export=xlsx"),
    ("oversight-deadlines", "?within=60"),
    ("oversight-deadlines", "?within=60&export=xlsx"),
    ("oversight-audit", ""),
    ("oversight-audit", "?export=xlsx"),
    ("oversight-audit-evidence", ""),
]


def text_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response["Content-Type"]
    if "spreadsheetml" in kind:
        book = load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(
            str(cell)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
        )
    if kind == "application/pdf":
        from pypdf import PdfReader

        return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).replace(" ", "")
    return content.decode()


@pytest.fixture
def scored(world):
    """Both sides with a licence lapsing in three weeks, then an evaluation: snapshots and division figures."""
    soon = timezone.localdate() + datetime.timedelta(days=21)
    for side in (world.inside, world.outside):
        side.licence.valid_until = soon
        side.licence.save()
    evaluate(timezone.now(), full=True)
    return world


@pytest.mark.parametrize(("name", "query"), LISTS)
def test_the_baotou_regulator_sees_only_baotou_and_the_region_sees_both(client, scored, name, query):
    url = reverse(name) + query
    client.force_login(scored.users["regulator_bt"])
    response = client.get(url)
    assert response.status_code == 200, url
    mine = text_of(response)
    assert OUTSIDE_MARK not in mine and "呼和浩特" not in mine, url
    client.force_login(scored.users["regulator"])
    response = client.get(url)
    assert response.status_code == 200, url
    everything = text_of(response)
    if name == "oversight-dashboard":  # the region's dashboard names its leagues and cities, not estates
        assert "呼和浩特市" in everything and "包头市" in everything
    else:
        assert OUTSIDE_MARK in everything and INSIDE_MARK in everything, url


def test_reports_of_the_other_division_are_not_found_and_the_region_gets_them(client, scored, cjk_font):
    outside_report = reverse("oversight-credit-report", args=[scored.outside.enterprise.pk])
    other_division = reverse("oversight-division-report") + "?division=150100"
    client.force_login(scored.users["regulator_bt"])
    assert client.get(outside_report).status_code == 404
    assert client.get(other_division).status_code == 404
    own = client.get(reverse("oversight-division-report"))
    assert own.status_code == 200
    text = text_of(own)
    assert "包头市" in text and "呼和浩特" not in text
    client.force_login(scored.users["regulator"])
    report = client.get(outside_report)
    assert report.status_code == 200
    assert scored.outside.enterprise.name in text_of(report)
    assert "呼和浩特市" in text_of(client.get(other_division))


def test_the_api_lists_only_the_division(client, scored):
    client.force_login(scored.users["regulator_bt"])
    response = client.get("/api/credit-rankings/")
    assert response.status_code == 200
    names = response.content.decode()
    assert INSIDE_MARK in names and OUTSIDE_MARK not in names
    client.force_login(scored.users["regulator"])
    assert OUTSIDE_MARK in client.get("/api/credit-rankings/").content.decode()
