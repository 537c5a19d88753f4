"""The pages of clauses 4.6 and 4.7: the tank register (search, filters, sort, pages), a tank's tests with
each value red or green against its limit, the tank form, the project's water page and card, the next due
times of the safety overview, and what each page costs in queries (the same with more records)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wuye.compliance.duties import start_of_day
from wuye.core.dates import add_months
from wuye.safety.actions_water import (
    record_septic_emptying,
    record_sewer_check,
    record_sewer_flush,
    record_tank_cleaning,
    record_water_quality_report,
    record_water_test,
)
from wuye.safety.dues_water import due_items
from wuye.safety.models import (
    SepticEmptying,
    SepticTank,
    SewerCheck,
    SewerFlush,
    TankCleaning,
    WaterQualityReport,
    WaterTank,
    WaterTest,
)
from wuye.safety.overview import OVERDUE
from wuye.safety.tests.world import GOOD_WATER, add_water
from wuye.testing import factories as f

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def water_world(world):
    return add_water(world)


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)


def water(**values):
    base = {k: Decimal(v) if isinstance(v, str) else v for k, v in GOOD_WATER.items()}
    return {**base, **values}


def add_test(world, tank, when, **values):
    test = WaterTest(
        tank=tank,
        occurred_at=when,
        laboratory="包头市疾控中心",
        laboratory_cma="160512050123",
        **water(**values),
    )
    return record_water_test(world.users["admin"], test, channel="web")


# The register


def test_the_register_searches_filters_and_sorts(client, water_world):
    inside = water_world.inside
    WaterTank.objects.create(
        project=inside.project,
        name="地下生活水池",
        kind="underground",
        capacity=Decimal("200"),
        location="地下车库",
        in_service_from=datetime.date(2026, 1, 1),
    )
    client.force_login(water_world.users["regulator"])
    url = reverse("water-tank-list")

    def names(**query):
        response = client.get(url, query)
        return [tank.name for tank in response.context["page_obj"].object_list]

    assert names() == ["包头高区水箱", "地下生活水池", "呼市高区水箱"]  # by project, then name
    assert names(q="车库") == ["地下生活水池"]
    assert names(q="呼市") == ["呼市高区水箱"]
    assert names(kind="underground") == ["地下生活水池"]
    assert names(project=inside.project.pk) == ["包头高区水箱", "地下生活水池"]
    assert names(division="150100") == ["呼市高区水箱"]
    assert names(o="-capacity") == ["地下生活水池", "包头高区水箱", "呼市高区水箱"]
    fragment = client.get(url, {"q": "车库"}, headers={"HX-Request": "true", "HX-Target": "results"})
    assert "<html" not in fragment.content.decode() and "地下生活水池" in fragment.content.decode()


def test_the_register_has_pages_and_each_row_its_next_due_times(client, water_world):
    project = water_world.inside.project
    WaterTank.objects.bulk_create(
        WaterTank(
            project=project,
            name=f"{i:02d}号水箱",
            kind="roof",
            capacity=10,
            in_service_from=datetime.date(2026, 1, 1),
        )
        for i in range(25)
    )
    client.force_login(water_world.users["staff"])
    first = client.get(reverse("water-tank-list"))
    second = client.get(reverse("water-tank-list"), {"page": 2})
    assert (
        len(first.context["page_obj"].object_list) == 20 and len(second.context["page_obj"].object_list) == 6
    )
    tested = next(t for t in second.context["page_obj"].object_list if t.name == "包头高区水箱")
    expected = timezone.localtime(water_world.inside.watertest.occurred_at)
    assert tested.test_due == timezone.make_aware(
        datetime.datetime.combine(add_months(expected.date(), 6), expected.time())
    )
    never = next(t for t in first.context["page_obj"].object_list if t.name == "00号水箱")
    assert never.test_due == start_of_day(datetime.date(2026, 7, 1)) and "已逾期" in first.content.decode()


def test_the_register_and_the_pages_take_the_same_queries_with_more_records(client, water_world):
    inside = water_world.inside
    client.force_login(water_world.users["manager"])
    urls = [
        reverse("water-tank-list"),
        inside.watertank.get_absolute_url(),
        reverse("project-water", args=[inside.project.pk]),
        inside.project.get_absolute_url(),
        inside.septictank.get_absolute_url(),
    ]
    before = [queries_for(client, url) for url in urls]
    now = timezone.now()
    for i in range(1, 6):
        tank = WaterTank.objects.create(
            project=inside.project,
            name=f"{i}号水箱",
            kind="roof",
            capacity=10,
            in_service_from=datetime.date(2026, 1, 1),
        )
        add_test(water_world, tank, now - i * DAY, turbidity=Decimal("2.00"))
        add_test(water_world, inside.watertank, now - i * DAY)
        record_tank_cleaning(
            water_world.users["admin"],
            TankCleaning(tank=tank, occurred_at=now - i * DAY, contractor="洁源", disinfectant="次氯酸钠"),
            channel="web",
        )
        septic = SepticTank.objects.create(
            project=inside.project, name=f"{i}号化粪池", in_service_from=datetime.date(2026, 1, 1)
        )
        record_septic_emptying(
            water_world.users["admin"],
            SepticEmptying(septic_tank=septic, occurred_at=now - i * DAY, contractor="环卫"),
            channel="web",
        )
        record_septic_emptying(
            water_world.users["admin"],
            SepticEmptying(septic_tank=inside.septictank, occurred_at=now - i * DAY, contractor="环卫"),
            channel="web",
        )
        record_sewer_check(
            water_world.users["admin"],
            SewerCheck(project=inside.project, occurred_at=now - i * DAY, inspector="赵"),
            channel="web",
        )
        record_sewer_flush(
            water_world.users["admin"],
            SewerFlush(project=inside.project, occurred_at=now - i * DAY, contractor="畅通", extent="全部"),
            channel="web",
        )
        record_water_quality_report(
            water_world.users["admin"],
            WaterQualityReport(
                project=inside.project,
                occurred_at=now - i * DAY,
                complaint="colour",
                description="黄",
                reporter="王",
            ),
            channel="web",
        )
    after = [queries_for(client, url) for url in urls]
    assert after == before, dict(zip(urls, zip(before, after, strict=True), strict=True))
    assert max(before) <= 80  # the project page carries a card per duty (parameters read once)


# A tank's page


def test_each_value_is_shown_against_its_limit_in_red_or_green(client, water_world):
    tank = water_world.inside.watertank
    failed = add_test(water_world, tank, timezone.now() - DAY, turbidity=Decimal("1.01"), ph=Decimal("8.51"))
    client.force_login(water_world.users["owner"])
    response = client.get(tank.get_absolute_url())
    body = response.content.decode()
    tests = {test.pk: test for test in response.context["tests"]}
    rows = {row["item"].name: row for row in tests[failed.pk].rows}
    assert {name for name, row in rows.items() if row["fails"]} == {"turbidity", "ph"}
    assert (rows["turbidity"]["value"], rows["turbidity"]["limit"]) == ("1.01 NTU", "不超过1 NTU")
    assert (rows["ph"]["value"], rows["ph"]["limit"]) == ("8.51", "6.5至8.5")
    assert tests[failed.pk].failed and not tests[water_world.inside.watertest.pk].failed
    section = body.split(f'data-test="{failed.pk}"')[1].split("data-test=")[0]
    assert section.count('class="table-danger"') == 2 and section.count('class="table-success"') == 5
    assert (
        'data-item="turbidity" data-fails="1"' in section and 'data-item="colour" data-fails="0"' in section
    )
    # An owner reads only.
    assert reverse("water-test-create", args=[tank.pk]) not in body
    assert reverse("water-tank-update", args=[tank.pk]) not in body


def test_the_tank_form_registers_a_tank_with_history(client, water_world):
    project = water_world.inside.project
    client.force_login(water_world.users["manager"])
    page = client.get(reverse("water-tank-create", args=[project.pk])).content.decode()
    assert f'value="{timezone.localdate():%Y-%m-%d}"' in page  # the checks count from today
    response = client.post(
        reverse("water-tank-create", args=[project.pk]),
        {
            "name": "2号屋顶水箱",
            "kind": "roof",
            "location": "6号楼屋顶",
            "capacity": "12.5",
            "in_service_from": "2026-03-01",
            "active": "on",
        },
    )
    tank = WaterTank.objects.get(name="2号屋顶水箱")
    assert response.status_code == 302 and response.url == tank.get_absolute_url()
    assert tank.project == project and tank.capacity == Decimal("12.5") and tank.history.count() == 1
    duplicate = client.post(
        reverse("water-tank-create", args=[project.pk]),
        {"name": "2号屋顶水箱", "kind": "roof", "capacity": "1", "in_service_from": "2026-03-01"},
    )
    assert duplicate.status_code == 200 and "水箱名称重复" in duplicate.content.decode()


def test_a_tanks_start_cannot_move_after_its_first_record(client, water_world):
    tank = water_world.inside.watertank
    client.force_login(water_world.users["manager"])
    response = client.post(
        reverse("water-tank-update", args=[tank.pk]),
        {
            "name": tank.name,
            "kind": tank.kind,
            "capacity": "18",
            "in_service_from": f"{timezone.localdate():%Y-%m-%d}",
            "active": "on",
        },
    )
    assert response.status_code == 200 and "投用日期不能晚于该日" in response.content.decode()
    tank.refresh_from_db()
    assert tank.in_service_from < timezone.localdate()


def test_the_water_test_page_offers_the_last_laboratory_and_every_item_with_its_unit(client, water_world):
    client.force_login(water_world.users["staff"])
    body = client.get(reverse("water-test-create", args=[water_world.inside.watertank.pk])).content.decode()
    assert 'value="包头市疾病预防控制中心"' in body and 'value="160512050123"' in body
    for label in (
        "色度（度）",
        "浑浊度（NTU）",
        "菌落总数（CFU/mL）",
        "游离余氯（mg/L）",
        "pH",
        "总大肠菌群",
        "臭和味、肉眼可见物",
    ):
        assert label in body, label
    assert 'enctype="multipart/form-data"' in body and 'accept=".pdf,image/*"' in body


def test_a_failed_test_says_which_items_to_handle(client, water_world):
    client.force_login(water_world.users["staff"])
    at = (timezone.localtime() - datetime.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M")
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("water-test-create", args=[water_world.inside.watertank.pk]),
        {
            "occurred_at": at,
            "laboratory": "包头市疾控中心",
            "laboratory_cma": "160512050123",
            "colour": "5",
            "turbidity": "3.20",
            "odour_visible_matter": "1",
            "ph": "7.00",
            "total_coliforms": "0",
            "total_bacteria": "10",
            "residual_chlorine": "0.10",
            "attachment": SimpleUploadedFile("r.pdf", b"%PDF", content_type="application/pdf"),
        },
        follow=True,
    )
    assert "不合格项目：浑浊度、臭和味、肉眼可见物" in response.content.decode()


# The project's water page and card


def test_the_water_page_shows_reports_with_their_state_and_incidents_with_their_report(client, water_world):
    client.force_login(water_world.users["committee"])
    body = client.get(reverse("project-water", args=[water_world.inside.project.pk])).content.decode()
    assert "自来水有漂白粉味" in body and "待处理" in body
    assert "已报告区卫生健康委" in body
    assert "登记反映" not in body  # the committee reads only
    assert "呼市高区水箱" not in body


def test_the_project_page_has_the_water_card(client, water_world):
    client.force_login(water_world.users["staff"])
    body = client.get(water_world.inside.project.get_absolute_url()).content.decode()
    card = body.split('id="water"')[1].split("</section>")[0]
    assert "包头高区水箱" in card and reverse("project-water", args=[water_world.inside.project.pk]) in card
    assert reverse("water-report-create", args=[water_world.inside.project.pk]) in card
    assert "待处理水质反映" in card


# Next due times (the safety overview)


def test_due_items_give_every_tank_duty_the_sewers_and_each_septic_tank(water_world):
    inside = water_world.inside
    now = timezone.now()
    items = due_items(inside.project, now)
    assert [(item.clause, item.asset, item.duty) for item in items] == [
        ("4.6", "包头高区水箱", "水质检测（6个月）"),
        ("4.6", "包头高区水箱", "清洗消毒（6个月）"),
        ("4.7", "全部排污管道", "排查（每月）"),
        ("4.7", "全部排污管道", "冲洗（每季度）"),
        ("4.7", "包头1号化粪池", "清掏（每季度）"),
    ]
    test, cleaning, check, flush, septic = items
    sampled = timezone.localtime(inside.watertest.occurred_at)
    assert test.last_done == inside.watertest.occurred_at
    assert test.due == timezone.make_aware(
        datetime.datetime.combine(add_months(sampled.date(), 6), sampled.time())
    )
    assert test.record_url == reverse("water-test-create", args=[inside.watertank.pk])
    # The last sewer check two days ago: next due by the 3rd after the following month ends.
    month = timezone.localtime(inside.sewercheck.occurred_at).date().replace(day=1)
    assert (
        check.due == start_of_day(add_months(month, 2)) + 3 * DAY
        and check.last_done == inside.sewercheck.occurred_at
    )
    quarter = datetime.date(month.year, (month.month - 1) // 3 * 3 + 1, 1)
    flushed_quarter = timezone.localtime(inside.sewerflush.occurred_at).date()
    assert (
        flush.due
        == start_of_day(
            add_months(datetime.date(flushed_quarter.year, (flushed_quarter.month - 1) // 3 * 3 + 1, 1), 6)
        )
        + 7 * DAY
    )
    assert quarter.month in (1, 4, 7, 10)
    assert septic.record_url == reverse("septic-emptying-create", args=[inside.septictank.pk])


def test_a_tank_never_tested_is_overdue_six_months_after_it_went_into_service(water_world):
    project = water_world.outside.project
    tank = WaterTank.objects.create(
        project=project, name="旧水箱", kind="roof", capacity=5, in_service_from=datetime.date(2025, 1, 31)
    )
    items = [item for item in due_items(project, timezone.now()) if item.asset == tank.name]
    assert {item.due for item in items} == {start_of_day(datetime.date(2025, 7, 31))}
    assert all(item.state(timezone.now()) == OVERDUE for item in items)


def test_a_project_nobody_serves_owes_no_sewer_duties(water_world):
    period = water_world.outside.period
    period.end = timezone.localdate() - DAY
    period.save()
    assets = {item.asset for item in due_items(water_world.outside.project, timezone.now())}
    assert "全部排污管道" not in assets


def test_due_items_take_the_same_queries_however_many_tanks(water_world, django_assert_max_num_queries):
    project = water_world.inside.project
    with CaptureQueriesContext(connection) as few:
        due_items(project, timezone.now())
    for i in range(6):
        WaterTank.objects.create(
            project=project, name=f"{i}号", kind="roof", capacity=1, in_service_from=datetime.date(2026, 1, 1)
        )
        SepticTank.objects.create(project=project, name=f"{i}号", in_service_from=datetime.date(2026, 1, 1))
    with CaptureQueriesContext(connection) as many:
        items = due_items(project, timezone.now())
    assert len(items) == 5 + 6 * 3 and len(many) == len(few)
    assert len(few) <= 24  # the parameters in force are most of them


def test_another_divisions_limits_change_the_due_time(water_world):
    from wuye.compliance.models import ParameterOverride

    ParameterOverride.objects.create(
        check_id="4.6.water_test",
        name="period",
        division=f.division("150200"),
        valid_from=datetime.date(2026, 1, 1),
        value=3,
        reason="本市每季度检测",
        set_by=water_world.users["regulator"],
    )
    inside = water_world.inside
    (test,) = [item for item in due_items(inside.project, timezone.now()) if item.duty.startswith("水质检测")]
    sampled = timezone.localtime(inside.watertest.occurred_at)
    assert test.due == timezone.make_aware(
        datetime.datetime.combine(add_months(sampled.date(), 3), sampled.time())
    )


def test_a_tank_whose_last_test_failed_is_overdue_for_a_retest(water_world):
    inside = water_world.inside
    add_test(
        water_world, inside.watertank, timezone.now() - 2 * DAY, total_bacteria=101, total_coliforms=True
    )
    (test,) = [item for item in due_items(inside.project, timezone.now()) if item.duty.startswith("水质检测")]
    assert (
        test.state(timezone.now()) == OVERDUE
        and test.note == "上次检测不合格：总大肠菌群、菌落总数，须处理后复检"
    )
    add_test(water_world, inside.watertank, timezone.now() - DAY)
    (test,) = [item for item in due_items(inside.project, timezone.now()) if item.duty.startswith("水质检测")]
    assert test.state(timezone.now()) != OVERDUE and test.note == ""
