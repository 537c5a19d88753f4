"""Browser journeys in the real Chromium: sign in as each role and land on that role's home page."""

import pytest

pytestmark = pytest.mark.browser

ROLES = ["regulator", "regulator_bt", "manager", "staff", "developer", "committee", "owner"]


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(locale="zh-CN", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def sign_in(page, username, password="wuye-test"):
    page.goto("/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator('form[action="/accounts/login/"] button[type=submit]').click()
    page.wait_for_load_state("networkidle")


def test_every_role_signs_in_and_reaches_its_home_page(page, live_world):
    inside, outside = live_world.inside.project.name, live_world.outside.project.name
    for role in ROLES:
        sign_in(page, role)
        assert "/accounts/login" not in page.url, f"{role} was not signed in"
        if role.startswith("regulator"):
            page.goto("/projects/")
        body = page.inner_text("body")
        assert inside in body, f"{role} does not see its project"
        assert (outside in body) is (role == "regulator"), f"{role}: the other league's project shown wrongly"
        page.context.clear_cookies()


def test_login_page_is_chinese_and_rejects_a_wrong_password(page, live_world):
    page.goto("/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert "登录" in page.inner_text("body")
    sign_in(page, "manager", password="not-the-password")
    assert "/accounts/login/" in page.url
    assert live_world.inside.enterprise.name not in page.inner_text("body")


def test_phone_sized_screen_has_no_horizontal_scroll(chromium, live_server, live_world):
    context = chromium.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True, base_url=live_server.url
    )
    page = context.new_page()
    sign_in(page, "owner")
    page.goto(f"/projects/{live_world.inside.project.pk}/")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0
