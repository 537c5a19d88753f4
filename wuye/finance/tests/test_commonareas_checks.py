"""Checks 2.5.use_authorised and 2.5.income_disclosed, at their boundaries (民法典 Art. 278's 2/3 and 3/4,
exactly at the threshold passes; a fen of income more than the statement shows passes, two do not)."""

import datetime

import pytest
from django.utils import timezone

from wuye.estates.models import ServicePeriod
from wuye.finance.checks.commonareas import IncomeNotDisclosed, UseNotAuthorised
from wuye.testing import factories as f

pytestmark = pytest.mark.django_db
AS_OF = timezone.make_aware(datetime.datetime(2025, 9, 1, 12))


def at(*args):
    return timezone.make_aware(datetime.datetime(*args))


def drafts(check, project, as_of=AS_OF):
    return [d for d in check().run(as_of, None) if d.project_id == project.pk]


@pytest.fixture
def served(world):
    ServicePeriod.objects.filter(pk=world.inside.period.pk).update(start=datetime.date(2025, 1, 1))
    return world


def use_with_vote(world, **vote):
    staff, project = world.users["staff"], world.inside.project
    return f.common_area_use(staff, project, vote=f.owners_vote(staff, project, **vote))


# -- 2.5.use_authorised -----------------------------------------------------------------------------


def test_exactly_two_thirds_turnout_and_three_quarters_approval_pass(served):
    use_with_vote(served)  # 60/90 owners, 6000/9000 m² take part; 45/60, 4500/6000 agree
    assert drafts(UseNotAuthorised, served.inside.project) == []


@pytest.mark.parametrize(
    ("vote", "words"),
    [
        ({"owners": (90, 59, 45)}, "参与表决的业主65.56%（59/90人），未达2/3"),
        (
            {"area": ("9000.00", "5999.00", "4500.00")},
            "参与表决的专有部分面积66.66%（5999.00/9000.00㎡），未达2/3",
        ),
        ({"owners": (90, 60, 44)}, "同意的业主占参与人数73.33%（44/60人），未达3/4"),
        (
            {"area": ("9000.00", "6000.00", "4499.00")},
            "同意的面积占参与面积74.98%（4499.00/6000.00㎡），未达3/4",
        ),
        ({"area": ("9000.00", "5999.99", "4500.00")}, "未达2/3"),
    ],
)
def test_one_owner_or_one_square_metre_short_is_a_finding(served, vote, words):
    use = use_with_vote(served, **vote)
    [draft] = drafts(UseNotAuthorised, served.inside.project)
    assert draft.subject == f"commonareause:{use.pk}"
    assert words in draft.message
    assert draft.period_start == at(2025, 1, 1) and draft.period_end is None
    assert draft.enterprise_id == served.inside.enterprise.pk
    assert draft.parameters == {
        "turnout_area": "2/3",
        "turnout_owners": "2/3",
        "approval_area": "3/4",
        "approval_owners": "3/4",
    }


def test_a_use_without_a_vote_is_a_finding(served):
    use = f.common_area_use(served.users["staff"], served.inside.project)
    [draft] = drafts(UseNotAuthorised, served.inside.project)
    assert "没有业主表决" in draft.message and draft.evidence == [f"finance.commonareause:{use.pk}"]


def test_a_vote_held_on_the_day_the_use_starts_passes_and_a_day_later_fails(served):
    staff, project = served.users["staff"], served.inside.project
    on_the_day = f.owners_vote(staff, project, held_on=datetime.date(2025, 1, 1))
    f.common_area_use(staff, project, vote=on_the_day)
    assert drafts(UseNotAuthorised, project) == []
    late = f.owners_vote(staff, project, held_on=datetime.date(2025, 1, 2))
    f.common_area_use(staff, project, vote=late, location="2号楼")
    [draft] = drafts(UseNotAuthorised, project)
    assert "晚于开始经营" in draft.message


def test_a_use_ended_before_the_service_period_is_not_looked_at(served):
    staff, project = served.users["staff"], served.inside.project
    f.common_area_use(staff, project, start=datetime.date(2024, 1, 1), end=datetime.date(2024, 12, 31))
    assert drafts(UseNotAuthorised, project) == []
    f.common_area_use(staff, project, start=datetime.date(2024, 1, 1), end=datetime.date(2025, 1, 1))
    [draft] = drafts(UseNotAuthorised, project)
    assert draft.period_start == at(2025, 1, 1) and draft.period_end == at(2025, 1, 2)


def test_a_use_not_yet_started_is_not_looked_at(served):
    f.common_area_use(served.users["staff"], served.inside.project, start=datetime.date(2025, 9, 2))
    assert drafts(UseNotAuthorised, served.inside.project) == []


# -- 2.5.income_disclosed ---------------------------------------------------------------------------


def publish(world, lines, *, year=2025, half=1):
    return f.statement(
        world.users["staff"],
        world.inside.project,
        year=year,
        half=half,
        lines=lines,
        publish_at=at(2025, 7, 20),
    )


def income(world, *amounts, received_on=datetime.date(2025, 3, 1), kind="advertising"):
    use = use_with_vote(world) if kind == "advertising" else None
    for amount in amounts:
        f.common_area_income(world.users["staff"], use, amount, received_on=received_on)


@pytest.mark.parametrize(("received", "found"), [("100.01", False), ("100.02", True), ("99.00", False)])
def test_income_a_fen_above_the_statement_passes_two_fen_do_not(served, received, found):
    publish(served, {"4001.01": "500.00", "4002.01": "60.00", "4002.02": "40.00", "5001.01": "300.00"})
    income(served, "50.00", str(__import__("decimal").Decimal(received) - 50))
    result = drafts(IncomeNotDisclosed, served.inside.project)
    assert bool(result) is found
    if found:
        assert "2025年上半年登记的公共收益共100.02元，公布的收支情况表只列100.00元" in result[0].message


def test_income_of_another_half_year_does_not_count(served):
    publish(served, {"4001.01": "500.00", "5001.01": "300.00"})
    income(served, "80.00", received_on=datetime.date(2025, 7, 1))
    assert drafts(IncomeNotDisclosed, served.inside.project) == []
    income(served, "0.02", received_on=datetime.date(2025, 6, 30))
    [draft] = drafts(IncomeNotDisclosed, served.inside.project)
    assert "只列0.00元" in draft.message


def test_a_draft_statement_is_not_looked_at(served):
    f.statement(served.users["staff"], served.inside.project, lines={"4001.01": "1.00"})
    income(served, "80.00")
    assert drafts(IncomeNotDisclosed, served.inside.project) == []


@pytest.mark.parametrize(
    ("area", "found"),
    [(("300.03", "200.02", "150.02"), False), (("300.03", "200.01", "150.01"), True)],
)
def test_areas_are_compared_exactly_in_sql(served, area, found):
    # 200.02 / 300.03 is exactly 2/3: as floats, 200.02 × 3 and 300.03 × 2 need not be equal.
    use_with_vote(served, area=area)
    assert bool(drafts(UseNotAuthorised, served.inside.project)) is found
