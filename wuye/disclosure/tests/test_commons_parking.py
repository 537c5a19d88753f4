"""The public page's common-parts and parking sections (clauses 2.5, 2.6): uses in effect with whether the
owners authorised them (never the counterparty), the income of published half years by account, the
parking rules and rents; each change shows at once; a project with none of it shows neither section."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from wuye.finance.tests import parking_factories as p
from wuye.testing import factories as f

pytestmark = pytest.mark.django_db
COUNTERPARTY = "李四广告工作室"


@pytest.fixture
def commons(disclosed):
    side, manager = disclosed.inside, disclosed.users["manager"]
    vote = f.owners_vote(manager, side.project, held_on=datetime.date(2024, 12, 1))
    side.authorised = f.common_area_use(
        manager,
        side.project,
        vote=vote,
        kind="advertising",
        location="1号楼电梯轿厢",
        counterparty=COUNTERPARTY,
    )
    side.unauthorised = f.common_area_use(manager, side.project, kind="rented_room", location="地下室储藏间")
    f.common_area_income(manager, side.authorised, "1234.56", received_on=datetime.date(2025, 3, 1))
    f.common_area_income(
        manager, side.authorised, "999.00", received_on=datetime.date(2025, 9, 1)
    )  # draft half
    space = p.space(side.project, "D-01")
    p.space(side.project, "D-02")
    p.lease(space, side.household, start=datetime.date(2025, 1, 1), end=datetime.date(2099, 12, 31))
    side.rules = p.rules(side.project, rent="1800.00")
    return disclosed


def html(client, project) -> str:
    response = client.get(reverse("disclosure-page", args=[project.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_uses_show_whether_the_owners_authorised_them_and_never_the_counterparty(client, commons):
    page = html(client, commons.inside.project)
    assert 'data-testid="section-commonareas"' in page
    assert "广告 · 1号楼电梯轿厢" in page and "业主大会2024-12-01表决通过" in page
    assert "地下室储藏间" in page and "未经业主依法表决" in page
    assert COUNTERPARTY not in page


def test_income_shows_only_half_years_whose_statement_is_published(client, commons):
    page = html(client, commons.inside.project)
    assert "2025年上半年" in page and "广告收入" in page and "1234.56" in page
    assert "999.00" not in page  # 2025 H2's statement is a draft


def test_parking_shows_the_rules_rents_and_spaces(client, commons):
    page = html(client, commons.inside.project)
    assert 'data-testid="section-parking"' in page
    assert "地上停车位只租不售" in page
    assert "1800.00 元/个·年" in page and "300.00 元/个·月" in page
    assert "地上车位 2 个，现已出租 1 个" in page
    assert "地上车位只租不售，按年收取租金。" in page  # the rules' own text


def test_a_project_without_common_uses_or_parking_shows_neither(client, disclosed):
    page = html(client, disclosed.inside.project)
    assert "section-commonareas" not in page and "section-parking" not in page


@pytest.mark.parametrize(
    "change",
    [
        lambda side, manager: f.common_area_use(manager, side.project, kind="telecom", location="楼顶7777"),
        lambda side, manager: p.rules(side.project, on=datetime.date(2026, 1, 1), rent="7777.00"),
        lambda side, manager: p.space(side.project, "D-7777"),
    ],
    ids=["use", "rules", "space"],
)
def test_a_change_shows_at_once(client, commons, change, django_capture_on_commit_callbacks):
    side = commons.inside
    before = html(client, side.project)
    with django_capture_on_commit_callbacks(execute=True):
        change(side, commons.users["manager"])
    after = html(client, side.project)
    assert after != before
    assert "7777" in after or "地上车位 3 个" in after


def test_the_two_sections_cost_a_fixed_few_queries(client, commons, django_assert_max_num_queries):
    from wuye.disclosure.tests.test_cache import MISS_QUERIES

    for number in range(3, 8):  # more uses and spaces cost no more queries
        f.common_area_use(commons.users["manager"], commons.inside.project, location=f"{number}号楼")
        p.space(commons.inside.project, f"D-0{number}")
    # With something to show, one more: the names of the income's accounts.
    with django_assert_max_num_queries(MISS_QUERIES + 1):
        html(client, commons.inside.project)


def test_income_of_older_half_years_is_folded_away(client, commons):
    side, manager = commons.inside, commons.users["manager"]
    for year in (2021, 2022, 2023):
        for half in (1, 2):
            f.statement(
                manager,
                side.project,
                year=year,
                half=half,
                lines={"4001.01": "10.00", "5001.01": "5.00"},
                publish_at=timezone.make_aware(
                    datetime.datetime(year + (half == 2), 1 if half == 2 else 7, 20)
                ),
            )
            day = datetime.date(year, 3 if half == 1 else 9, 1)
            f.common_area_income(manager, side.authorised, f"{year}.0{half}", received_on=day)
    page = html(client, side.project)
    folded = page[page.index("更早的收入") :]
    assert "2025年上半年" not in folded and "2021年上半年" in folded and "2021.01" in folded
