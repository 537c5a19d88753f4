"""Browser journey in the real Chromium: a manager appeals a finding from the scorecard, the regulator
upholds it from his queue, and the scorecard shows the finding withdrawn and a higher score."""

import datetime
import os

import pytest
from django.utils import timezone

from wuye.compliance.scores import compute_scores
from wuye.compliance.tests.review_helpers import make_finding

pytestmark = pytest.mark.browser

MESSAGE = "11月26日 01:00 至 05:00 配电室未巡视，超过规定间隔。"
# Set to a folder to keep a screenshot of each step (for a person to look at).
SHOTS = os.environ.get("WUYE_SCREENSHOTS", "")


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(
        locale="zh-CN", base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def sign_in(page, username, password="wuye-test"):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator('form[action="/accounts/login/"] button[type=submit]').click()
    page.wait_for_load_state("networkidle")
    assert "/accounts/login" not in page.url, f"{username} was not signed in"


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def score(page) -> float:
    return float(page.locator('[data-testid="score"]').inner_text())


def test_an_appeal_filed_by_the_manager_and_upheld_by_the_regulator_raises_the_score(page, live_world):
    project = live_world.inside.project
    finding = make_finding(live_world, found_at=timezone.now() - datetime.timedelta(hours=6), message=MESSAGE)
    compute_scores(timezone.now())
    scorecard = f"/compliance/projects/{project.pk}/"

    # The manager opens the scorecard from the project's page and sees the finding, its clause and the trend.
    sign_in(page, "manager")
    page.goto(f"/projects/{project.pk}/")
    page.locator('[data-testid="score-card"]').click()
    page.wait_for_url(f"**{scorecard}")
    row = page.locator(f'[data-finding="{finding.pk}"]')
    assert MESSAGE in row.inner_text()
    before = score(page)
    assert before == 95
    page.locator("#clause-4\\.8 details summary").click()
    assert page.locator("#clause-4\\.8 details p").is_visible()
    page.locator("#score-trend canvas").wait_for()
    shot(page, "1-manager-scorecard")

    # He appeals: an empty statement is refused on its field, then a real one is filed.
    row.locator('[data-action="appeal"]').click()
    page.locator("button[type=submit].btn-primary").click()
    assert "请填写申诉理由" in page.locator(".invalid-feedback").inner_text()
    page.fill("textarea[name=statement]", "当晚停电检修，巡视记在纸质台账上，附照片三张。")
    page.locator("button[type=submit].btn-primary").click()
    page.wait_for_url(f"**{scorecard}*")
    assert "申诉已提交" in page.inner_text("body")
    assert "待裁决" in page.locator(f'[data-finding="{finding.pk}"]').inner_text()
    assert page.locator(f'[data-finding="{finding.pk}"] [data-action="appeal"]').count() == 0
    shot(page, "2-appeal-filed")

    # The regulator finds it in his queue and upholds it.
    sign_in(page, "regulator_bt")
    page.locator("#review-queue-link").click()
    page.wait_for_url("**/compliance/reviews/")
    shot(page, "3-regulator-queue")
    page.locator('[data-review^="appeal-"] a.btn').click()
    page.wait_for_url("**/compliance/appeals/*/")
    assert "纸质台账" in page.inner_text("body")
    page.check("input[name=outcome][value=uphold]")
    page.fill("textarea[name=reason]", "台账与照片可证明当晚已巡视。")
    shot(page, "4-decision")
    page.locator("#decision button[type=submit]").click()
    page.wait_for_url("**/compliance/reviews/")
    assert "申诉成立" in page.inner_text("body")

    # The scorecard now shows the finding withdrawn and a higher score.
    page.goto(scorecard)
    assert score(page) == 100 > before
    withdrawn = page.locator(f'#not-counting [data-finding="{finding.pk}"]')
    assert "已撤销" in withdrawn.inner_text() and "申诉成立" in withdrawn.inner_text()
    assert page.locator(f'#findings [data-finding="{finding.pk}"]').count() == 0
    shot(page, "5-scorecard-after")


def test_the_committee_sees_the_scorecard_without_appeal_buttons(page, live_world):
    make_finding(live_world, found_at=timezone.now() - datetime.timedelta(hours=6), message=MESSAGE)
    compute_scores(timezone.now())
    sign_in(page, "committee")
    page.goto(f"/compliance/projects/{live_world.inside.project.pk}/")
    assert MESSAGE in page.inner_text("body")
    assert page.locator('[data-action="appeal"], [data-action="exemption"]').count() == 0
