"""The fee notice (1.6.standards_published): the check at its boundaries (posted on the day the newest
standard was published, one day before; every Art. 6 item; the hotline; guided prices), the page and the
API, with refused input writing nothing."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from wuye.finance.checks.notices import StandardsPublished
from wuye.finance.models import FeeNotice, FeeStandard
from wuye.finance.notices import fee_notice
from wuye.testing import factories as f

AS_OF = datetime.datetime(2025, 7, 1, tzinfo=ZoneInfo("Asia/Shanghai"))


def found(world):
    return list(StandardsPublished().run(AS_OF, [world.inside.project.pk]))


@pytest.fixture
def standard(world):
    return f.FeeStandardFactory(project=world.inside.project, published_on=datetime.date(2023, 11, 1))


def test_a_complete_current_notice_is_no_finding(world, standard):
    f.FeeNoticeFactory(project=world.inside.project, published_on=standard.published_on)
    assert found(world) == []


def test_no_notice_is_a_finding_from_the_standard_taking_effect(world, standard):
    (draft,) = found(world)
    assert draft.subject == f"project:{world.inside.project.pk}"
    assert "没有公示收费标准" in draft.message
    assert draft.period_start.date() == datetime.date(2024, 1, 1)
    assert draft.enterprise_id == world.inside.enterprise.pk


def test_a_project_without_any_standard_is_a_finding(world):
    (draft,) = found(world)
    assert "没有录入现行收费标准" in draft.message


@pytest.mark.parametrize(("days_before", "flagged"), [(0, False), (1, True)])
def test_a_notice_older_than_a_new_standard_must_be_posted_again(world, standard, days_before, flagged):
    changed = f.FeeStandardFactory(
        project=world.inside.project,
        rate=Decimal("1.80"),
        effective_from=datetime.date(2025, 3, 1),
        published_on=datetime.date(2025, 1, 20),
    )
    f.FeeNoticeFactory(
        project=world.inside.project,
        published_on=changed.published_on - datetime.timedelta(days=days_before),
    )
    drafts = found(world)
    assert bool(drafts) is flagged
    if flagged:
        assert "未重新公示" in drafts[0].message
        assert drafts[0].period_start.date() == changed.published_on


def test_a_standard_not_yet_in_force_does_not_date_the_notice(world, standard):
    f.FeeStandardFactory(
        project=world.inside.project,
        effective_from=datetime.date(2025, 8, 1),
        published_on=datetime.date(2025, 6, 20),
    )
    f.FeeNoticeFactory(project=world.inside.project, published_on=standard.published_on)
    assert found(world) == []


@pytest.mark.parametrize(
    "field", ["payer", "service_content", "service_standard", "fee_basis", "company_name"]
)
def test_every_item_of_article_6_is_required(world, standard, field):
    notice = f.FeeNoticeFactory(project=world.inside.project, published_on=standard.published_on)
    FeeNotice.objects.filter(pk=notice.pk).update(**{field: "  "})
    (draft,) = found(world)
    assert "收费公示缺少" in draft.message


def test_the_hotline_must_be_12358(world, standard):
    f.FeeNoticeFactory(
        project=world.inside.project, published_on=standard.published_on, price_complaint_hotline="12345"
    )
    (draft,) = found(world)
    assert "价格举报电话应为12358" in draft.message


def test_a_guided_price_shows_its_base_and_range(world, standard):
    FeeStandard.objects.filter(pk=standard.pk).update(regime="guided", base_rate=None, allowed_range=None)
    f.FeeNoticeFactory(project=world.inside.project, published_on=standard.published_on)
    (draft,) = found(world)
    assert "基准价" in draft.message and "浮动幅度" in draft.message
    FeeStandard.objects.filter(pk=standard.pk).update(base_rate=Decimal("1.50"), allowed_range=Decimal("10"))
    assert found(world) == []
    posted = fee_notice(world.inside.project, datetime.date(2025, 7, 1))
    regime = dict(posted.items)["定价方式"]
    assert "基准价1.5元/㎡·月" in regime and "±10%" in regime


def test_every_served_project_is_checked_and_only_those(world, standard):
    f.FeeNoticeFactory(project=world.inside.project, published_on=standard.published_on)
    subjects = {d.subject for d in StandardsPublished().run(AS_OF, None)}
    assert f"project:{world.outside.project.pk}" in subjects
    assert f"project:{world.inside.project.pk}" not in subjects
    world.inside.project.service_periods.update(end=datetime.date(2024, 12, 31))
    FeeNotice.objects.all().delete()
    assert found(world) == []


def test_the_notice_items_follow_article_6(world, standard):
    f.FeeNoticeFactory(project=world.inside.project, published_on=standard.published_on)
    posted = fee_notice(world.inside.project, datetime.date(2025, 7, 1))
    labels = [str(label) for label, _value in posted.items]
    assert labels == [
        "物业服务企业名称",
        "收费对象",
        "服务内容",
        "服务标准",
        "计费方式",
        "计费起始时间",
        "收费项目",
        "收费标准",
        "定价方式",
        "收费依据",
        "价格举报电话",
    ]
    values = dict(posted.items)
    assert values["收费标准"] == "住宅 1.5元/㎡·月"
    assert values["收费项目"] == "物业服务费"
    assert posted.problems == []


def form_data(**changes):
    data = {
        "published_on": "2025-06-01",
        "company_name": "测试物业",
        "payer": "全体业主",
        "service_content": "保洁、绿化",
        "service_standard": "二级",
        "billing_method": "按面积按月",
        "billing_start_date": "2024-01-01",
        "fee_basis": "合同",
        "price_complaint_hotline": "12358",
    }
    return data | changes


def test_the_manager_posts_a_notice_and_the_standards_page_shows_it(client, world, standard):
    client.force_login(world.users["manager"])
    url = reverse("fee-notice-create", args=[world.inside.project.pk])
    assert "12358" in client.get(url).content.decode()
    response = client.post(url, form_data())
    assert response.status_code == 302
    notice = FeeNotice.objects.get(project=world.inside.project)
    assert notice.service_standard == "二级"
    page = client.get(reverse("fee-standards", args=[world.inside.project.pk])).content.decode()
    assert "价格举报电话" in page and "保洁、绿化" in page
    assert "收费公示不合规" not in page


def test_a_bad_notice_is_refused_in_chinese_and_nothing_written(client, world, standard):
    client.force_login(world.users["manager"])
    url = reverse("fee-notice-create", args=[world.inside.project.pk])
    response = client.post(url, form_data(price_complaint_hotline="举报", service_content=""))
    page = response.content.decode()
    assert response.status_code == 200
    assert "价格举报电话只能填数字" in page
    assert set(response.context["form"].errors) == {"price_complaint_hotline", "service_content"}
    assert not FeeNotice.objects.exists()


def test_the_committee_may_not_post_a_notice(client, world, standard):
    client.force_login(world.users["committee"])
    url = reverse("fee-notice-create", args=[world.inside.project.pk])
    assert client.post(url, form_data()).status_code == 403
    assert not FeeNotice.objects.exists()


def test_the_standards_page_says_what_the_notice_lacks(client, world, standard):
    client.force_login(world.users["owner"])
    page = client.get(reverse("fee-standards", args=[world.inside.project.pk])).content.decode()
    assert page.count("没有公示收费标准") == 1  # in the page's body, once (not in its title)
    assert "<title>收费标准" in page


def test_the_api_posts_a_notice_and_refuses_bad_fields(client, world, standard):
    client.force_login(world.users["manager"])
    url = "/api/fee-notices/"
    bad = client.post(url, form_data(project=world.inside.project.pk, price_complaint_hotline="x"))
    assert bad.status_code == 400
    assert "price_complaint_hotline" in bad.json()
    assert not FeeNotice.objects.exists()
    outside = client.post(url, form_data(project=world.outside.project.pk))
    assert outside.status_code in (400, 403, 404)
    assert not FeeNotice.objects.exists()
    good = client.post(url, form_data(project=world.inside.project.pk))
    assert good.status_code == 201, good.json()
    listed = client.get(url, {"project": world.inside.project.pk}).json()
    assert [row["id"] for row in listed["results"]] == [good.json()["id"]]
