"""A repair from the owner's phone to the committee's desk, in the real Chromium.

The owner files a repair with a photo on a phone-sized screen (375 px, no sideways scrolling); the staff
accept, assign, arrive and complete it at the desk; the owner rates it on his phone; the committee sees
the ticket with its rating.
"""

import io
import re

import pytest
from django.urls import reverse
from PIL import Image

from wuye.accounts.tests.test_browser import sign_in
from wuye.servicedesk.models import FollowUp, Ticket

pytestmark = pytest.mark.browser

IPHONE_SE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def open_page(chromium, live_server, **options):
    context = chromium.new_context(
        locale="zh-CN", timezone_id="Asia/Shanghai", base_url=live_server.url, **options
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def photo_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "steelblue").save(buffer, "JPEG")
    return buffer.getvalue()


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0


def move(page, label):
    page.get_by_role("button", name=label, exact=True).click()
    page.wait_for_load_state("networkidle")
    assert "工单已变为" in page.inner_text(".messages"), page.inner_text(".messages")


def test_a_repair_from_the_owners_phone_to_the_committee(chromium, live_server, live_world, media):
    owner_ctx, phone = open_page(
        chromium,
        live_server,
        viewport={"width": 375, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        user_agent=IPHONE_SE,
    )
    staff_ctx, desk = open_page(chromium, live_server, viewport={"width": 1280, "height": 900})
    committee_ctx, committee = open_page(chromium, live_server, viewport={"width": 1280, "height": 900})
    try:
        # The owner, on his phone: from his home page to the form, a repair with a photo.
        sign_in(phone, "owner")
        phone.get_by_role("link", name="报事报修").first.click()
        phone.wait_for_url(re.compile(r"/service/tickets/new/$"))
        assert no_sideways_scroll(phone), "the filing page scrolls sideways on a phone"
        phone.select_option("select[name=kind]", "repair")
        phone.select_option("select[name=urgency]", "urgent")
        phone.fill("textarea[name=description]", "卫生间吊顶漏水，滴到楼下")
        phone.set_input_files(
            "input[name=photo]",
            files=[{"name": "leak.jpg", "mimeType": "image/jpeg", "buffer": photo_bytes()}],
        )
        phone.get_by_role("button", name="提交").click()
        phone.wait_for_url(re.compile(r"/service/tickets/\d+/$"))
        ticket = Ticket.objects.get()
        assert (ticket.channel, ticket.urgency, ticket.household) == (
            "web",
            "urgent",
            live_world.inside.household,
        )
        assert ticket.photo
        assert "已受理登记" in phone.inner_text("#ticket-status") and "到场还剩" in phone.inner_text(
            "#ticket-status"
        )
        assert phone.locator("#ticket-photo").evaluate("img => img.naturalWidth") == 64
        assert no_sideways_scroll(phone), "the ticket page scrolls sideways on a phone"

        # The staff at the desk: accept, assign, on site, done.
        sign_in(desk, "staff")
        desk.goto(reverse("ticket-desk", args=[live_world.inside.project.pk]))
        desk.get_by_role("link", name=re.compile(rf"#{ticket.pk} ")).click()
        move(desk, "接单")
        desk.select_option("select[name=handler]", str(live_world.users["staff"].pk))
        move(desk, "派单")
        move(desk, "已到场")
        move(desk, "办结")
        ticket.refresh_from_db()
        assert (ticket.status, ticket.handler) == ("done", live_world.users["staff"])
        timeline = desk.inner_text("#timeline")
        for step in ("已受理登记", "已接单", "已派单", "已到场", "已办结"):
            assert step in timeline

        # The owner rates it on his phone.
        phone.reload()
        phone.get_by_label("满意", exact=True).check()
        phone.fill("textarea[name=comment]", "师傅来得很快")
        phone.get_by_role("button", name="提交评价").click()
        phone.wait_for_load_state("networkidle")
        assert "谢谢您的评价" in phone.inner_text(".messages")
        assert "已回访" in phone.inner_text("#ticket-status")
        assert FollowUp.objects.get(ticket=ticket).rating == "satisfied"
        assert no_sideways_scroll(phone)
        phone.goto(reverse("my-tickets"))
        assert "已回访" in phone.inner_text(f"a[href='{reverse('ticket-detail', args=[ticket.pk])}']")
        assert no_sideways_scroll(phone), "the owner's list scrolls sideways on a phone"

        # The committee sees the ticket with its rating (and the contact masked).
        sign_in(committee, "committee")
        committee.goto(reverse("ticket-desk", args=[live_world.inside.project.pk]))
        row = committee.locator("tr", has_text=f"#{ticket.pk}")
        assert "已回访" in row.inner_text()
        row.get_by_role("link").first.click()
        follow_ups = committee.inner_text("#follow-ups")
        assert "满意" in follow_ups and "师傅来得很快" in follow_ups
        committee.goto(reverse("ticket-trends", args=[live_world.inside.project.pk]))
        committee.wait_for_selector("#ticket-trend canvas")
        assert "满意\n1" in committee.inner_text("#ratings") or "满意\t1" in committee.inner_text("#ratings")
    finally:
        owner_ctx.close()
        staff_ctx.close()
        committee_ctx.close()
