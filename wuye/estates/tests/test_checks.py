"""Clause 2.2: every day of the current service period covered by the serving enterprise's contract."""

import datetime

import pytest
from django.utils import timezone

from wuye.compliance import engine
from wuye.compliance.duties import start_of_day
from wuye.compliance.models import Finding, FindingState, ScoreSnapshot
from wuye.compliance.registry import registered_checks
from wuye.testing import factories as f

pytestmark = pytest.mark.django_db

CHECK = "2.2.contract_in_force"
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def evaluate(as_of, checks=None, **options):
    """Evaluate the checks of the clauses these tests are about (clause 2.2) and score: the duties of other
    clauses (an elevator the persona's building lacks in the register, 4.2) would move the scores here."""
    own = {check_id for check_id in registered_checks() if check_id.startswith(("2.",))}
    return engine.evaluate(as_of, checks=checks or own, **options)


def noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def findings():
    return Finding.objects.filter(check_id=CHECK).order_by("period_start", "pk")


def score(subject: str, as_of) -> int:
    return ScoreSnapshot.objects.get(subject=subject, on=timezone.localdate(as_of)).score


def test_a_contract_covers_its_last_day_and_the_day_after_is_a_finding(world):
    contract = world.inside.contract
    contract.end = TODAY + 5 * DAY
    contract.number = "HT-2021-07"
    contract.save()
    project, enterprise = world.inside.project, world.inside.enterprise
    # This check alone, so the score shows its five points: the world has no records of the project's
    # other duties (4.7 sewer checks since 2021...), whose findings would take points off too.
    only = {CHECK}

    evaluate(noon(contract.end), full=True, checks=only)
    assert not findings().exists()

    as_of = noon(contract.end + DAY)
    evaluate(as_of, full=True, checks=only)
    finding = findings().get()
    assert (finding.subject, finding.project_id, finding.enterprise_id, finding.division_id) == (
        f"project:{project.pk}",
        project.pk,
        enterprise.pk,
        "150203",
    )
    assert (finding.state, finding.period_start, finding.period_end) == (
        FindingState.OPEN,
        start_of_day(contract.end + DAY),
        None,
    )
    end = contract.end
    assert f"物业服务合同（编号HT-2021-07）已于{end.year}年{end.month}月{end.day}日到期" in finding.message
    assert enterprise.name in finding.message and project.name in finding.message
    assert finding.evidence == [
        f"estates.serviceperiod:{world.inside.period.pk}",
        f"estates.servicecontract:{contract.pk}",
    ]
    assert score(f"project:{project.pk}", as_of) == 95
    assert score(f"enterprise:{enterprise.pk}", as_of) == 95  # the mean of the projects it serves


def test_the_finding_is_idempotent_and_closes_when_a_new_contract_begins(world):
    contract = world.inside.contract
    contract.end = TODAY - 10 * DAY
    contract.save()
    evaluate(noon(TODAY), full=True)
    first = list(findings().values_list("pk", "key", "state", "message"))
    evaluate(noon(TODAY), full=True)
    assert list(findings().values_list("pk", "key", "state", "message")) == first and len(first) == 1

    renewal = f.ServiceContractFactory(
        project=world.inside.project, enterprise=world.inside.enterprise, start=TODAY + 2 * DAY, end=None
    )
    evaluate(noon(TODAY + DAY), full=True)  # signed, but not in force yet
    assert findings().get().state == FindingState.OPEN

    evaluate(noon(TODAY + 2 * DAY), full=True)
    finding = findings().get()
    assert finding.pk == first[0][0]
    assert (finding.state, finding.period_end) == (FindingState.CLOSED, start_of_day(renewal.start))
    assert f"estates.servicecontract:{renewal.pk}" in finding.evidence
    assert "在没有物业服务合同的情况下" in finding.message


def test_a_renewal_from_the_next_day_leaves_no_gap(world):
    contract = world.inside.contract
    contract.end = TODAY - 30 * DAY
    contract.save()
    f.ServiceContractFactory(
        project=world.inside.project, enterprise=world.inside.enterprise, start=TODAY - 29 * DAY, end=None
    )
    evaluate(noon(TODAY), full=True)
    assert not findings().exists()


def test_past_gaps_in_the_current_service_period_are_closed_findings(world):
    contract = world.inside.contract  # from 2021-01-01, the day the service period began
    contract.start = datetime.date(2021, 2, 1)
    contract.end = datetime.date(2022, 12, 31)
    contract.save()
    later = f.ServiceContractFactory(
        project=world.inside.project,
        enterprise=world.inside.enterprise,
        start=datetime.date(2023, 3, 1),
        end=None,
    )
    evaluate(noon(TODAY), full=True)

    leading, between = findings()
    assert (leading.period_start, leading.period_end) == (
        start_of_day(datetime.date(2021, 1, 1)),
        start_of_day(datetime.date(2021, 2, 1)),
    )
    assert (between.period_start, between.period_end) == (
        start_of_day(datetime.date(2023, 1, 1)),
        start_of_day(datetime.date(2023, 3, 1)),
    )
    assert {leading.state, between.state} == {FindingState.CLOSED}
    assert "2023年1月1日至2023年2月28日" in between.message
    assert between.evidence == [
        f"estates.serviceperiod:{world.inside.period.pk}",
        f"estates.servicecontract:{contract.pk}",
        f"estates.servicecontract:{later.pk}",
    ]


def test_the_previous_enterprises_contract_does_not_cover_the_one_serving_now(world):
    period = world.inside.period
    period.end = TODAY - 31 * DAY
    period.save()
    takeover = f.ServicePeriodFactory(
        project=world.inside.project, enterprise=world.outside.enterprise, start=TODAY - 30 * DAY
    )
    evaluate(noon(TODAY), full=True)

    finding = findings().get()  # the inside contract still runs to 2099, but with the enterprise that left
    assert finding.enterprise_id == world.outside.enterprise.pk
    assert finding.period_start == start_of_day(takeover.start)
    assert "没有登记物业服务合同" in finding.message


def test_a_project_no_longer_served_needs_no_contract(world):
    world.inside.period.end = TODAY - DAY
    world.inside.period.save()
    world.inside.contract.end = TODAY - 10 * DAY
    world.inside.contract.save()
    evaluate(noon(TODAY), full=True)
    assert not findings().exists()


def test_the_world_personas_serve_under_contract(world):
    evaluate(noon(TODAY), full=True)
    assert not findings().exists()
