"""Exemptions: a check that does not apply (no elevator), requested with reason and expiry, approved by the
regulator; while in force its findings do not count and the engine opens none."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wuye.compliance.actions import decide_exemption, request_exemption, revoke_exemption
from wuye.compliance.engine import evaluate
from wuye.compliance.models import Finding, FindingState
from wuye.compliance.review import Exemption, ExemptionStatus, IllegalTransition, exempt_subjects
from wuye.compliance.tests.review_helpers import local, make_finding, moves, project_score, rows, snapshot
from wuye.safety.actions import record_power_round
from wuye.safety.models import PowerRoom, PowerRound

pytestmark = pytest.mark.django_db

NOW = local(2026, 3, 1, 10, 0)
TODAY = datetime.date(2026, 3, 1)
DAY = datetime.timedelta(days=1)
CHECK = "4.8.round_gap"
REASON = "本项目为低压直供，配电室由供电公司管理，不由物业巡视。"


def ask(
    world, *, user="manager", side="inside", check_id=CHECK, reason=REASON, expires_on=TODAY + 30 * DAY, **kw
):
    project = kw.pop("project", getattr(world, side).project)
    return request_exemption(world.users[user], project, check_id, reason, expires_on, now=NOW, **kw)


def approve(world, exemption, *, user="regulator_bt", approve=True, reason="经现场核实属实。"):
    return decide_exemption(world.users[user], exemption, approve, reason, now=NOW + DAY)


@pytest.fixture
def exemption(world):
    return ask(world)


# The pipeline


def test_requested_approved_revoked_every_step_a_row(world, exemption):
    assert exemption.status == ExemptionStatus.REQUESTED
    assert (exemption.valid_from, exemption.expires_on) == (TODAY, TODAY + 30 * DAY)
    assert exemption.requested_by == world.users["manager"]
    approve(world, exemption)
    assert exemption.status == ExemptionStatus.APPROVED
    assert (exemption.decided_by, exemption.decided_at) == (world.users["regulator_bt"], NOW + DAY)
    revoke_exemption(world.users["regulator_bt"], exemption, "供电方式已变更。", now=NOW + 2 * DAY)
    exemption.refresh_from_db()
    assert exemption.status == ExemptionStatus.REVOKED
    assert moves(exemption) == [
        ("", "requested", "manager"),
        ("requested", "approved", "regulator_bt"),
        ("approved", "revoked", "regulator_bt"),
    ]
    assert [c.note for c in exemption.status_changes.all()] == ["", "经现场核实属实。", "供电方式已变更。"]


def test_a_regulator_may_request_one_too_and_a_rejection_ends_it(world):
    exemption = ask(world, user="regulator_bt")
    approve(world, exemption, approve=False, reason="项目确有配电室。")
    assert moves(exemption) == [("", "requested", "regulator_bt"), ("requested", "rejected", "regulator_bt")]


@pytest.mark.parametrize(
    "move",
    ["revoke a requested one", "approve a rejected one", "approve twice", "revoke a revoked one"],
)
def test_moves_outside_the_table_are_refused(world, exemption, move):
    regulator = world.users["regulator_bt"]
    if move == "revoke a requested one":
        act = lambda: revoke_exemption(regulator, exemption, "撤销")  # noqa: E731
    elif move == "approve a rejected one":
        approve(world, exemption, approve=False)
        act = lambda: approve(world, exemption)  # noqa: E731
    elif move == "approve twice":
        approve(world, exemption)
        act = lambda: approve(world, exemption, approve=False)  # noqa: E731
    else:
        approve(world, exemption)
        revoke_exemption(regulator, exemption, "撤销")
        act = lambda: revoke_exemption(regulator, exemption, "再撤销")  # noqa: E731
    status, before = Exemption.objects.get(pk=exemption.pk).status, rows()
    with pytest.raises(IllegalTransition):
        act()
    assert Exemption.objects.get(pk=exemption.pk).status == status and rows() == before


# Bad input: a clear message on the field, nothing written


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"reason": ""}, "reason", "请填写豁免理由"),
        ({"reason": "  "}, "reason", "请填写豁免理由"),
        ({"expires_on": None}, "expires_on", "请填写豁免到期日。"),
        ({"expires_on": TODAY}, "expires_on", "到期日须晚于今天。"),
        (
            {"valid_from": TODAY + 10 * DAY, "expires_on": TODAY + 5 * DAY},
            "expires_on",
            "到期日不能早于生效日期。",
        ),
        ({"valid_from": TODAY - DAY}, "valid_from", "生效日期不能早于今天。"),
        ({"check_id": "9.9.nothing"}, "check_id", "规则目录中没有检查项“9.9.nothing”。"),
        ({"check_id": "2.1.sudden_withdrawal"}, "check_id", "一票否决项不能豁免。"),
    ],
)
def test_bad_requests_are_refused_with_the_field_named(world, change, field, message):
    with pytest.raises(ValidationError) as refused:
        ask(world, **change)
    assert message in refused.value.message_dict[field][0]
    assert rows() == (0, 0, 0, 0)


def test_without_reason_and_expiry_both_are_named(world):
    with pytest.raises(ValidationError) as refused:
        ask(world, reason="", expires_on=None)
    assert set(refused.value.message_dict) == {"reason", "expires_on"}
    assert rows() == (0, 0, 0, 0)


def test_expiring_tomorrow_is_the_shortest_accepted(world):
    assert ask(world, expires_on=TODAY + DAY).expires_on == TODAY + DAY


def test_a_second_request_for_the_same_check_and_project_is_refused(world, exemption):
    before = rows()
    with pytest.raises(ValidationError) as refused:
        ask(world, user="regulator_bt")
    assert refused.value.message_dict == {"check_id": ["该检查项已有待审批或生效中的豁免。"]}
    assert rows() == before


def test_a_later_window_for_the_same_check_may_be_requested(world, exemption):
    later = ask(world, valid_from=TODAY + 31 * DAY, expires_on=TODAY + 60 * DAY)
    assert later.status == ExemptionStatus.REQUESTED
    with pytest.raises(ValidationError):
        ask(
            world, valid_from=TODAY + 30 * DAY, expires_on=TODAY + 40 * DAY
        )  # meets the first on its last day


@pytest.mark.parametrize("role", ["staff", "committee", "developer", "owner", "stranger", "admin"])
def test_only_the_serving_enterprises_manager_or_a_regulator_requests(world, role):
    with pytest.raises(PermissionDenied):
        ask(world, user=role)
    assert rows() == (0, 0, 0, 0)


@pytest.mark.parametrize("role", ["manager", "regulator_bt"])
def test_nobody_requests_for_a_project_outside_his_reach(world, role):
    with pytest.raises(PermissionDenied):
        ask(world, user=role, side="outside")
    assert rows() == (0, 0, 0, 0)
    assert ask(world, user="regulator", side="outside").status == ExemptionStatus.REQUESTED


@pytest.mark.parametrize("role", ["manager", "staff", "committee", "developer", "owner", "stranger", "admin"])
def test_only_a_regulator_decides_and_revokes(world, exemption, role):
    before = rows()
    with pytest.raises(PermissionDenied):
        approve(world, exemption, user=role)
    approve(world, exemption)
    with pytest.raises(PermissionDenied):
        revoke_exemption(world.users[role], exemption, "撤销")
    assert Exemption.objects.get(pk=exemption.pk).status == ExemptionStatus.APPROVED
    assert rows()[2] == before[2] + 1  # only the regulator's approval


def test_a_regulator_decides_only_within_his_division(world):
    theirs = ask(world, user="regulator", side="outside")
    with pytest.raises(PermissionDenied):
        approve(world, theirs, user="regulator_bt")
    assert approve(world, theirs, user="regulator").status == ExemptionStatus.APPROVED


@pytest.mark.parametrize("reason", ["", " "])
def test_a_decision_or_revocation_without_a_reason_is_refused(world, exemption, reason):
    with pytest.raises(ValidationError) as refused:
        approve(world, exemption, reason=reason)
    assert refused.value.message_dict == {"reason": ["请填写审批意见。"]}
    approve(world, exemption)
    with pytest.raises(ValidationError) as refused:
        revoke_exemption(world.users["regulator_bt"], exemption, reason)
    assert refused.value.message_dict == {"reason": ["请填写撤销理由。"]}
    assert Exemption.objects.get(pk=exemption.pk).status == ExemptionStatus.APPROVED


# The effect on the score


def test_an_exemption_in_force_takes_the_checks_findings_out_of_the_score(world):
    make_finding(world, check_id=CHECK, found_at=NOW)
    make_finding(world, "outside", check_id=CHECK, found_at=NOW)
    assert project_score(world, NOW).score == 95
    exemption = ask(world, valid_from=TODAY + 2 * DAY, expires_on=TODAY + 10 * DAY)
    approve(world, exemption)
    day = lambda n: NOW + n * DAY  # noqa: E731
    assert project_score(world, day(1)).score == 95  # not yet in force
    assert project_score(world, day(2)).score == 100  # from valid_from
    assert project_score(world, day(10)).score == 100  # through expires_on
    assert project_score(world, day(11)).score == 95  # expired: the open finding counts again
    assert project_score(world, day(5), side="outside").score == 95  # another project's is not exempted


def test_a_requested_rejected_or_revoked_exemption_does_not_exempt(world):
    make_finding(world, check_id=CHECK, found_at=NOW)
    exemption = ask(world)
    assert project_score(world, NOW + DAY).score == 95
    approve(world, exemption)
    assert project_score(world, NOW + DAY).score == 100
    revoke_exemption(world.users["regulator_bt"], exemption, "供电方式已变更。", now=NOW + DAY)
    assert project_score(world, NOW + DAY).score == 95


def test_only_the_exempted_check_stops_counting(world):
    make_finding(world, check_id=CHECK, found_at=NOW)
    make_finding(world, check_id="4.8.defect_fixed", found_at=NOW)
    assert project_score(world, NOW).score == 90
    approve(world, ask(world))
    assert project_score(world, NOW + DAY).score == 95


def test_an_enterprise_exemption_takes_its_own_finding_out_of_its_score(world):
    enterprise = world.inside.enterprise
    make_finding(world, check_id="1.1.licence_valid", project=None, found_at=NOW)
    subject = f"enterprise:{enterprise.pk}"
    points = snapshot(subject, NOW).points
    assert points > 0
    exemption = request_exemption(
        world.users["manager"],
        None,
        "1.1.licence_valid",
        REASON,
        TODAY + 30 * DAY,
        enterprise=enterprise,
        now=NOW,
    )
    approve(world, exemption)
    assert snapshot(subject, NOW + DAY).points == 0
    assert snapshot(f"project:{world.inside.project.pk}", NOW + DAY).score == 100


def test_a_request_names_a_project_or_an_enterprise_not_both(world):
    with pytest.raises(ValidationError) as refused:
        ask(world, enterprise=world.inside.enterprise)
    assert "project" in refused.value.message_dict
    assert rows() == (0, 0, 0, 0)


# The engine opens no findings for an exempted check


def at(day, hour, minute=0):
    return local(2026, 3, day, hour, minute)


@pytest.fixture
def gappy_room(world):
    """A power room with rounds at 00:00 and 03:00 on 1 March: one gap over 1 h 15 min."""
    room = PowerRoom.objects.create(
        project=world.inside.project, name="1号配电室", supplies=["1#变压器"], in_service_from=TODAY
    )
    for when in (at(1, 0), at(1, 3)):
        record_power_round(
            world.users["staff"],
            PowerRound(
                power_room=room, occurred_at=when, inspector="王师傅", supply_states={"1#变压器": "running"}
            ),
            channel="phone",
            now=when + datetime.timedelta(minutes=1),
        )
    return room


def test_the_engine_opens_no_finding_for_an_exempted_check(world, gappy_room):
    approve(world, ask(world, expires_on=TODAY + DAY))
    assert exempt_subjects(CHECK, TODAY).project_ids == {world.inside.project.pk}
    evaluate(at(1, 3, 30), full=True)
    assert not Finding.objects.filter(check_id=CHECK).exists()
    evaluate(at(3, 3, 30), full=True)  # expired on the 2nd: the gap is a finding again
    assert Finding.objects.filter(check_id=CHECK, period_start=at(1, 0)).exists()


def test_an_exemption_leaves_stored_findings_as_they_are(world, gappy_room):
    evaluate(at(1, 3, 30), full=True)
    finding = Finding.objects.get(check_id=CHECK)
    before = project_score(world, at(1, 3, 30))
    approve(world, ask(world))
    evaluate(at(1, 3, 30), full=True)
    finding.refresh_from_db()
    assert finding.state == FindingState.CLOSED and finding.withdrawn_at is None  # not "recomputed" away
    # Other checks may find other things in the world; this one's 5 points are what the exemption takes off.
    assert project_score(world, at(1, 3, 30)).points == before.points - 5
