"""Appeals: a manager contests a finding within 15 days; the regulator upholds (withdrawn) or rejects it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wuye.compliance.actions import decide_appeal, file_appeal
from wuye.compliance.engine import evaluate
from wuye.compliance.models import Finding, FindingState
from wuye.compliance.review import (
    APPEAL_UPHELD,
    Appeal,
    AppealStatus,
    IllegalTransition,
    overdue_appeals,
    set_status,
)
from wuye.compliance.tests.review_helpers import (
    local,
    make_finding,
    moves,
    outside_manager,
    project_score,
    rows,
)
from wuye.safety.actions import record_power_round
from wuye.safety.models import PowerRoom, PowerRound

pytestmark = pytest.mark.django_db

FOUND = local(2026, 3, 1, 10, 0)
DAY = datetime.timedelta(days=1)
SECOND = datetime.timedelta(seconds=1)
STATEMENT = "当晚配电室停电检修，巡视记录在纸质台账上，附照片。"


@pytest.fixture
def finding(world):
    return make_finding(world, found_at=FOUND)


def file(world, finding, *, user="manager", statement=STATEMENT, now=FOUND + DAY):
    return file_appeal(world.users[user], finding, statement, now=now)


def decide(world, appeal, uphold=True, *, user="regulator_bt", reason="台账与照片可证明已巡视。", now=None):
    return decide_appeal(world.users[user], appeal, uphold, reason, now=now or FOUND + 3 * DAY)


# The pipeline


def test_filed_then_upheld_every_step_a_row_and_the_finding_withdrawn(world, finding):
    appeal = file(world, finding)
    assert appeal.status == AppealStatus.FILED
    assert appeal.filed_at == FOUND + DAY and appeal.decide_by == FOUND + 21 * DAY
    assert moves(appeal) == [("", "filed", "manager")]

    decide(world, appeal, uphold=True, now=FOUND + 3 * DAY)

    appeal.refresh_from_db()
    finding.refresh_from_db()
    assert appeal.status == AppealStatus.UPHELD
    assert (appeal.decided_by, appeal.decided_at) == (world.users["regulator_bt"], FOUND + 3 * DAY)
    assert appeal.decision_reason == "台账与照片可证明已巡视。"
    assert moves(appeal) == [("", "filed", "manager"), ("filed", "upheld", "regulator_bt")]
    assert appeal.status_changes.last().note == "台账与照片可证明已巡视。"
    assert finding.state == FindingState.WITHDRAWN
    assert (finding.withdrawn_reason, finding.withdrawn_at) == (APPEAL_UPHELD, FOUND + 3 * DAY)


def test_a_rejected_appeal_leaves_the_finding_as_it_was(world, finding):
    appeal = decide(world, file(world, finding), uphold=False, reason="台账无签字，不予采信。")
    finding.refresh_from_db()
    assert appeal.status == AppealStatus.REJECTED
    assert moves(appeal)[-1] == ("filed", "rejected", "regulator_bt")
    assert finding.state == FindingState.OPEN and finding.withdrawn_at is None


def test_after_a_rejection_another_appeal_may_be_filed_within_the_deadline(world, finding):
    decide(world, file(world, finding), uphold=False)
    second = file(world, finding, now=FOUND + 10 * DAY)
    assert second.status == AppealStatus.FILED
    assert Appeal.objects.filter(finding=finding).count() == 2


# Illegal moves


def test_a_decided_appeal_cannot_be_decided_again(world, finding):
    appeal = decide(world, file(world, finding), uphold=True)
    before = rows()
    with pytest.raises(IllegalTransition) as refused:
        decide(world, appeal, uphold=False)
    assert "status" in refused.value.message_dict
    assert "申诉成立" in refused.value.message_dict["status"][0]
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.UPHELD and rows() == before


def test_of_two_regulators_deciding_at_once_only_one_succeeds(world, finding):
    appeal = file(world, finding)
    stale = Appeal.objects.get(pk=appeal.pk)  # read by the second regulator before the first decided
    decide(world, appeal, uphold=True)
    before = rows()
    with pytest.raises(IllegalTransition):
        decide(world, stale, uphold=False, user="regulator")
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.UPHELD and rows() == before


@pytest.mark.parametrize("new", ["filed", "rejected", "withdrawn"])
def test_set_status_refuses_moves_the_table_does_not_have(world, finding, new):
    appeal = decide(world, file(world, finding), uphold=True)
    before = rows()
    with pytest.raises(IllegalTransition):
        set_status(appeal, new, world.users["regulator"], "再改一次")
    assert rows() == before


def test_a_new_appeal_can_only_start_as_filed(world, finding):
    appeal = Appeal(
        finding=finding,
        statement=STATEMENT,
        filed_by=world.users["manager"],
        filed_at=FOUND,
        decide_by=FOUND + 20 * DAY,
    )
    with pytest.raises(IllegalTransition):
        set_status(appeal, AppealStatus.UPHELD, world.users["manager"])
    assert rows() == (0, 0, 0, 0)


# Deadlines


@pytest.mark.parametrize(
    "after, allowed",
    [(15 * DAY, True), (15 * DAY + SECOND, False)],
    ids=["on the last second", "one second late"],
)
def test_the_appeal_deadline_is_15_days_after_the_finding_was_first_found(world, finding, after, allowed):
    if allowed:
        assert file(world, finding, now=FOUND + after).status == AppealStatus.FILED
        return
    with pytest.raises(ValidationError) as refused:
        file(world, finding, now=FOUND + after)
    assert "申诉期已过" in refused.value.message_dict["finding"][0]
    assert rows() == (0, 0, 0, 0)


def test_undecided_appeals_past_the_20_day_decision_deadline_are_listed(world, finding):
    appeal = file(world, finding)
    assert list(overdue_appeals(appeal.decide_by)) == []
    assert list(overdue_appeals(appeal.decide_by + SECOND)) == [appeal]
    decide(world, appeal, now=appeal.decide_by + DAY)  # a late decision is still a decision
    assert list(overdue_appeals(appeal.decide_by + 2 * DAY)) == []


# Bad input: a clear message on the field, nothing written


def test_an_appeal_on_another_enterprises_finding_is_refused(world):
    theirs = make_finding(world, "outside", found_at=FOUND)
    with pytest.raises(ValidationError) as refused:
        file(world, theirs)
    assert refused.value.message_dict == {"finding": ["只能对本企业被记录的问题提出申诉。"]}
    assert rows() == (0, 0, 0, 0)


@pytest.mark.parametrize("statement", ["", "   "])
def test_an_appeal_without_a_statement_is_refused(world, finding, statement):
    with pytest.raises(ValidationError) as refused:
        file(world, finding, statement=statement)
    assert refused.value.message_dict == {"statement": ["请填写申诉理由。"]}
    assert rows() == (0, 0, 0, 0)


def test_a_second_open_appeal_on_one_finding_is_refused(world, finding):
    file(world, finding)
    before = rows()
    with pytest.raises(ValidationError) as refused:
        file(world, finding, now=FOUND + 2 * DAY)
    assert refused.value.message_dict == {"finding": ["该问题已有待裁决的申诉。"]}
    assert rows() == before


def test_a_withdrawn_finding_or_a_party_a_finding_cannot_be_appealed(world):
    withdrawn = make_finding(world, found_at=FOUND, state=FindingState.WITHDRAWN)
    party_a = make_finding(world, found_at=FOUND, party="A")
    before = rows()
    for finding, message in ((withdrawn, "已撤销"), (party_a, "只能对本企业")):
        with pytest.raises(ValidationError) as refused:
            file(world, finding)
        assert message in refused.value.message_dict["finding"][0]
    assert rows() == before


@pytest.mark.parametrize(
    "role", ["regulator", "regulator_bt", "staff", "committee", "developer", "owner", "stranger", "admin"]
)
def test_only_a_manager_files_appeals(world, finding, role):
    with pytest.raises(PermissionDenied):
        file(world, finding, user=role)
    assert rows() == (0, 0, 0, 0)


@pytest.mark.parametrize("role", ["manager", "staff", "committee", "developer", "owner", "stranger", "admin"])
def test_only_a_regulator_decides(world, finding, role):
    appeal = file(world, finding)
    before = rows()
    with pytest.raises(PermissionDenied):
        decide(world, appeal, user=role)
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.FILED and rows() == before


def test_a_regulator_decides_only_within_his_division(world):
    theirs = make_finding(world, "outside", found_at=FOUND)
    appeal = file_appeal(outside_manager(world), theirs, STATEMENT, now=FOUND + DAY)
    with pytest.raises(PermissionDenied):
        decide(world, appeal, user="regulator_bt")  # 包头 only; the finding is in 呼和浩特
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.FILED
    assert decide(world, appeal, user="regulator").status == AppealStatus.UPHELD  # the whole region


@pytest.mark.parametrize("reason", ["", "  "])
def test_a_decision_without_a_reason_is_refused(world, finding, reason):
    appeal = file(world, finding)
    before = rows()
    with pytest.raises(ValidationError) as refused:
        decide(world, appeal, reason=reason)
    assert refused.value.message_dict == {"reason": ["请填写裁决理由。"]}
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.FILED and rows() == before


# The effect on the score


def test_an_upheld_appeal_gives_the_points_back(world, finding):
    as_of = FOUND + 5 * DAY
    before = project_score(world, as_of)
    assert (before.score, before.points, before.open_findings) == (95, 5, 1)
    decide(world, file(world, finding), uphold=True)
    after = project_score(world, as_of)
    assert (after.score, after.points, after.open_findings, after.grade) == (100, 0, 0, "A")


def test_a_rejected_appeal_keeps_the_points(world, finding):
    as_of = FOUND + 5 * DAY
    decide(world, file(world, finding), uphold=False)
    assert project_score(world, as_of).score == 95


def test_a_rejected_appeal_leaves_the_veto_in_force_and_an_upheld_one_lifts_it(world):
    veto = make_finding(world, check_id="2.1.sudden_withdrawal", found_at=FOUND)
    assert veto.veto is True
    as_of = FOUND + 5 * DAY
    assert project_score(world, as_of).grade == "D"
    decide(world, file(world, veto), uphold=False)
    assert project_score(world, as_of).grade == "D"
    decide(world, file(world, veto, now=FOUND + 6 * DAY), uphold=True, now=FOUND + 7 * DAY)
    assert project_score(world, as_of).grade == "A"


def at(day, hour, minute=0):
    return local(2026, 3, day, hour, minute)


def test_a_withdrawn_gap_stays_withdrawn_when_the_engine_runs_again(world):
    room = PowerRoom.objects.create(
        project=world.inside.project,
        name="1号配电室",
        supplies=["1#变压器"],
        in_service_from=datetime.date(2026, 3, 1),
    )
    for when in (at(1, 0), at(1, 3)):  # a 3-hour gap
        record_power_round(
            world.users["staff"],
            PowerRound(
                power_room=room, occurred_at=when, inspector="王师傅", supply_states={"1#变压器": "running"}
            ),
            channel="phone",
            now=when + datetime.timedelta(minutes=1),
        )
    evaluate(at(1, 3, 30), full=True)
    gap = Finding.objects.get(check_id="4.8.round_gap")
    before = project_score(world, at(1, 3, 30))  # other checks may find other things in the world

    appeal = file(world, gap, now=at(1, 9))
    decide(world, appeal, uphold=True, now=at(1, 10))
    evaluate(at(1, 3, 30), full=True)  # the same records: the same gap is found again

    gap.refresh_from_db()
    assert gap.state == FindingState.WITHDRAWN and gap.withdrawn_reason == APPEAL_UPHELD
    assert Finding.objects.filter(check_id="4.8.round_gap").count() == 1  # and not opened again
    assert project_score(world, at(1, 3, 30)).points == before.points - 5
