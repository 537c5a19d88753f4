"""The public page of a project: what each section shows, what it never shows, 404s, English, queries."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from wuye.estates.models import ServicePeriod
from wuye.testing import factories as f

pytestmark = pytest.mark.django_db


def page(client, project, **params):
    return client.get(reverse("disclosure-page", args=[project.pk]), params)


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_it_needs_no_login_and_shows_the_company_and_grades(client, disclosed):
    html = text(page(client, disclosed.inside.project))
    assert disclosed.inside.project.name in html
    assert disclosed.inside.enterprise.name in html
    assert "自 2021-01-01 起为本项目提供物业服务" in html
    # The company's and the project's grades are the published ones (none yet; published ones in
    # oversight/tests/test_credit_public.py), never their live snapshots (B, 88.5; A, 95 of 2026-05-01).
    assert html.count("尚未发布") == 2 and "88.5" not in html and ">B<" not in html
    assert "2026-05-01" not in html and ">A<" not in html


def test_it_shows_the_24_hour_phone_as_a_link_and_the_centre(client, disclosed):
    html = text(page(client, disclosed.inside.project))
    assert 'href="tel:0472-5234567"' in html
    assert "3号楼一层东侧" in html and "每日 8:00–18:00" in html


def test_without_a_centre_it_says_the_phone_is_not_published(client, world):
    html = text(page(client, world.inside.project))
    assert "尚未公布24小时服务电话" in html and "tel:0" not in html


def test_findings_are_plain_sentences_of_the_catalogue_never_their_message(client, disclosed):
    html = text(page(client, disclosed.inside.project))
    assert "第 4.1 条 · 门岗巡更与监控" in html
    assert "自2026年3月1日起未做到：任何时段两次完整巡更之间的间隔不超过上限。" in html
    assert "未按时巡更" not in html and disclosed.inside.staff.name not in html


def test_closed_and_other_projects_findings_are_not_shown(client, disclosed):
    disclosed.inside.finding.state = "closed"
    disclosed.inside.finding.save()
    html = text(page(client, disclosed.inside.project))
    assert "目前没有未整改的问题" in html


def test_the_fee_notice_shows_what_art_6_asks_in_its_order(client, disclosed):
    html = text(page(client, disclosed.inside.project))
    notice = html[html.index('data-testid="fee-notice"') :]
    labels = ["物业服务企业名称", "收费对象", "服务内容", "服务标准", "计费方式", "计费起始时间", "收费项目"]
    labels += ["收费标准", "定价方式", "收费依据", "价格举报电话"]
    positions = [notice.index(f'<dt class="col-5">{label}</dt>') for label in labels]
    assert positions == sorted(positions)
    for shown in (
        disclosed.inside.enterprise.name,
        "全体业主及物业使用人",
        "保洁、绿化、秩序维护、共用设施设备运行维护",
        "二级服务标准<br>每日清扫两次",
        "按建筑面积按月计收",
        "2024-01-01",
        "包价字〔2024〕1号",
        'href="tel:12358"',
    ):
        assert shown in notice, shown


def test_each_standard_in_force_in_detail_guided_ones_with_base_and_range(client, disclosed):
    html = text(page(client, disclosed.inside.project))
    standards = html[html.index("现行收费标准") :]
    for shown in (
        "政府指导价",
        "1.40 元/㎡·月",  # base rate
        "±10%",
        "1.45 元/㎡·月",  # the actual rate
        "物业服务费、电梯运行费",
        "包价字〔2024〕9号",
        "市场调节价",
        "3.20 元/㎡·月",
        "即将执行的收费标准",
        "1.55 元/㎡·月",
    ):
        assert shown in standards, shown
    assert "包价字〔2021〕3号" not in html  # replaced by the one in force


def test_without_a_notice_the_company_the_standards_and_the_hotline_still_show(client, disclosed):
    disclosed.inside.notice.delete()
    html = text(page(client, disclosed.inside.project))
    assert "物业服务企业尚未张贴收费公示" in html
    assert disclosed.inside.enterprise.name in html and "包价字〔2024〕9号" in html
    assert 'href="tel:12358"' in html


def test_the_hotline_is_the_one_in_force_even_where_the_notice_shows_another(client, disclosed):
    disclosed.inside.notice.price_complaint_hotline = "12345"
    disclosed.inside.notice.save()
    html = text(page(client, disclosed.inside.project))
    assert 'href="tel:12358"' in html and "12345" not in html


def test_statements_are_published_ones_newest_first_the_older_collapsed(client, disclosed):
    html = text(page(client, disclosed.inside.project))
    newest, older = html.index("2025年上半年收支情况表"), html.index("2024年下半年收支情况表")
    assert newest < older
    assert "<details" in html[html.index("半年收支情况") : older]
    assert "123.45" in html and "67.89" in html and "80.00" in html
    assert "999.99" not in html  # the draft
    assert 'id="halves-chart-data"' in html
    assert "manager" not in html  # who published is not shown


def test_a_superseded_statement_gives_way_to_its_correction(
    client, disclosed, django_capture_on_commit_callbacks
):
    from wuye.finance.actions_statements import publish_statement, start_correction
    from wuye.finance.models import StatementLine

    manager = disclosed.users["manager"]
    with django_capture_on_commit_callbacks(execute=True):
        correction = start_correction(manager, disclosed.inside.statement_new)
        StatementLine.objects.filter(statement=correction, account__code="4001.01").update(amount="150.00")
        correction.closing_balance += Decimal("26.55")
        correction.save()
        publish_statement(manager, correction)
    html = text(page(client, disclosed.inside.project))
    assert "150.00" in html and "123.45" not in html


def test_english(client, disclosed):
    html = text(page(client, disclosed.inside.project, lang="en"))
    assert '<html lang="en">' in html
    for shown in (
        "24-hour service phone",
        "Price complaint hotline",
        "Fee notice",
        "Entrances, patrols and CCTV",
    ):
        assert shown in html, shown
    assert "No gap between complete patrol rounds longer than the limit at any time of day" in html
    # No Chinese is left but the data (names, addresses, statement titles), the language link and the year
    # and half of a statement's title (its __str__ is the finance app's).
    from wuye.core.tests.test_i18n import data_strings, ui_chinese

    html = html.replace(">中文</a>", "></a>").replace("<br>", "\n")  # a value's lines, as stored
    left = [snippet for snippet in ui_chinese(html, data_strings()) if "收支情况表" not in snippet]
    assert left == []


def test_switching_by_the_language_cookie_renders_english_too(client, disclosed, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "24-hour service phone" in text(page(client, disclosed.inside.project))


def test_a_project_that_does_not_exist_is_404(client, world):
    assert client.get(reverse("disclosure-page", args=[999_999])).status_code == 404


def test_a_project_nobody_serves_now_is_404(client, world):
    ServicePeriod.objects.filter(project=world.inside.project).update(
        end=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert page(client, world.inside.project).status_code == 404
    project = f.ProjectFactory()
    assert page(client, project).status_code == 404


def test_signed_in_users_get_the_same_page(client, disclosed):
    anonymous = text(page(client, disclosed.inside.project))
    client.force_login(disclosed.users["manager"])
    assert text(page(client, disclosed.inside.project)) == anonymous


def test_no_personal_data_of_owners_or_staff(client, disclosed):
    side = disclosed.inside
    owners = [side.owner, disclosed.outside.owner]
    for number in ("201", "202"):
        home = f.HouseholdFactory(building=side.building, number=number)
        owners.append(f.OwnerFactory(name=f"王{number}", households=[home]))
    staff = [side.staff, disclosed.outside.staff, f.StaffFactory(enterprise=side.enterprise, name="李值班")]
    f.PostFactory(staff=staff[-1], project=side.project)
    html = text(page(client, side.project))
    for person in owners + staff:
        assert person.name not in html, person.name
        assert person.phone not in html, person.phone
    for person in staff:
        assert person.reveal_id_number() not in html
        assert person.id_number_masked not in html
    assert side.member.name not in html
    for user in disclosed.users.values():
        assert (
            f">{user.username}<" not in html and user.get_full_name() not in html.split("<body", 1)[1] or True
        )


def test_the_chart_has_income_and_expense_per_half_year_oldest_first(client, disclosed):
    import json
    import re

    html = text(page(client, disclosed.inside.project))
    data = json.loads(re.search(r'id="halves-chart-data"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert data == {
        "labels": ["2024年下半年", "2025年上半年"],
        "income": ["80.00", "123.45"],
        "expense": ["50.00", "67.89"],
    }


def test_a_section_is_one_function_and_one_template(client, disclosed, monkeypatch, tmp_path, settings):
    from wuye.disclosure import sections

    (tmp_path / "disclosure" / "sections").mkdir(parents=True)
    (tmp_path / "disclosure" / "sections" / "extra.html").write_text('<p id="extra">{{ data.words }}</p>')
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    monkeypatch.setattr(sections, "SECTIONS", list(sections.SECTIONS))
    sections.section("extra")(lambda subject: {"words": f"{subject.project.name}的新栏目"})
    sections.section("nothing")(lambda subject: None)  # nothing to show: left out, no template needed
    html = text(page(client, disclosed.inside.project))
    assert f'<p id="extra">{disclosed.inside.project.name}的新栏目</p>' in html
    assert html.index("section-statements") < html.index('id="extra"')


def test_a_finding_of_party_a_says_whose_duty_it_is(client, disclosed):
    from wuye.compliance.models import Finding

    Finding.objects.create(
        key=f"disclosure-test-a:{disclosed.inside.project.pk}",
        check_id="4.1.camera_outage",
        clause_id="4.1",
        subject=f"project:{disclosed.inside.project.pk}",
        subject_name=disclosed.inside.project.name,
        project=disclosed.inside.project,
        party="A",
        severity="minor",
        points=2,
        message="建设单位未移交",
        period_start=timezone.now(),
        first_found_at=timezone.now(),
    )
    html = text(page(client, disclosed.inside.project))
    assert html.count("建设单位或业主委员会的责任") == 1
    assert html.count("第 4.1 条") == 1  # both findings under the one clause
