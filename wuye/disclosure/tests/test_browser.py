"""The public page on a phone (390 × 844) in the real Chromium: the 24-hour phone and a statement table
are visible, nothing scrolls sideways, the chart is drawn."""

import pytest
from django.urls import reverse

from wuye.disclosure.tests.world import PHONE, add_disclosure

pytestmark = pytest.mark.browser

IPHONE_14 = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


def test_the_public_page_on_a_phone(chromium, live_server, live_world):
    world = add_disclosure(live_world)
    context = chromium.new_context(
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        device_scale_factor=3,
        is_mobile=True,
        has_touch=True,
        user_agent=IPHONE_14,
    )
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(reverse("disclosure-page", args=[world.inside.project.pk]))
        page.wait_for_load_state("networkidle")
        phone = page.get_by_test_id("service-phone")
        assert phone.is_visible() and PHONE in phone.inner_text()
        assert phone.get_attribute("href") == f"tel:{PHONE}"
        assert phone.bounding_box()["height"] >= 44  # a finger's size
        table = page.get_by_test_id("statement-table").first
        table.scroll_into_view_if_needed()
        assert table.is_visible() and "123.45" in table.inner_text()
        assert page.locator("#halves-chart canvas").count() == 1
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.get_by_role("link", name="English").click()
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.lang") == "en"
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        context.close()


def test_the_printed_poster_scans_to_the_page(chromium, live_server, live_world):
    import io

    import zxingcpp
    from PIL import Image

    world = add_disclosure(live_world)
    project = world.inside.project
    context = chromium.new_context(locale="zh-CN", base_url=live_server.url)
    try:
        page = context.new_page()
        page.emulate_media(media="print")
        page.goto(reverse("disclosure-poster", args=[project.pk]))
        assert not page.get_by_role("button", name="打印").is_visible()  # not on paper
        code = page.get_by_test_id("poster-qr")
        box = code.bounding_box()
        assert box["width"] > 300  # 120 mm on the sheet
        image = Image.open(io.BytesIO(code.screenshot()))
        url = zxingcpp.read_barcodes(image)[0].text
        assert url == f"{live_server.url}/gs/{project.pk}/"
        page.emulate_media(media="screen")
        page.goto(url)
        assert page.get_by_role("heading", name=project.name).is_visible()
    finally:
        context.close()
