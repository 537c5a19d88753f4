"""Browser journey in the real Chromium: the region's regulator sees the charts drawn (ECharts, Chinese
locale), clicks 包头市's bar and lands on 包头市's dashboard, then follows a project to its scorecard."""

import datetime

import pytest
from django.utils import timezone

from wuye.compliance.scores import compute_scores
from wuye.compliance.tests.review_helpers import make_finding
from wuye.compliance.tests.test_browser_scorecard import page, sign_in  # noqa: F401 (a fixture)

pytestmark = pytest.mark.browser


def test_the_regulator_drills_down_by_a_click(page, live_world):  # noqa: F811
    make_finding(
        live_world, check_id="2.1.sudden_withdrawal", found_at=timezone.now() - datetime.timedelta(days=1)
    )
    compute_scores(timezone.now())
    sign_in(page, "regulator")
    page.goto("/oversight/dashboard/")
    for chart in ("grades", "trend", "clauses", "duties"):
        assert page.locator(f'[data-chart="{chart}"] canvas').count() == 1, chart
    box = page.locator('[data-chart="grades"]').bounding_box()
    # The stacked bars, one per league/city with projects (呼和浩特市, 包头市): the right one is 包头市.
    page.mouse.click(box["x"] + box["width"] * 0.72, box["y"] + box["height"] * 0.75)
    page.wait_for_url("**division=150200")
    assert "包头市" in page.locator("h1").inner_text()
    page.locator('[data-table="projects"] a', has_text="包头花园").click()
    page.wait_for_url(f"**/compliance/projects/{live_world.inside.project.pk}/")
