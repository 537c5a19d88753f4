"""The appeal and exemption pages: every role against a finding, an appeal and an exemption on each side.

Held to the tables below, written by hand: 404 where the role does not see the finding, 403 where it
sees it but may not act, 200 where it may; a refused POST writes nothing. Then the manager's forms
(field errors in Chinese, nothing written) and the regulator's decisions, whose effect on the score
shows at once.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from wuye.compliance.actions import file_appeal, request_exemption
from wuye.compliance.models import FindingState, ScoreSnapshot
from wuye.compliance.review import Appeal, AppealStatus, Exemption, ExemptionStatus
from wuye.compliance.scores import compute_scores
from wuye.compliance.tests.review_helpers import make_finding, outside_manager, rows
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
STATEMENT = "当晚配电室停电检修，巡视记录在纸质台账上，附照片。"

# Who sees a side's finding, appeal and exemption (as /api/findings/ and the others do).
SEES = {"inside": set(ROLES) - {"stranger"}, "outside": {"regulator", "admin"}}
# Who may open the appeal form: managers (the action then says whether this finding is theirs).
FILES = {"manager"}
# Who may ask for an exemption for the side's project: its serving enterprise's manager, its regulators.
REQUESTS = {"inside": {"manager", "regulator", "regulator_bt"}, "outside": {"regulator"}}
# Who decides on a side: the regulators whose division covers it (never the operator).
DECIDES = {"inside": {"regulator", "regulator_bt"}, "outside": {"regulator"}}


def status(role, side, allowed):
    if role not in SEES[side]:
        return 404
    return 200 if role in allowed else 403


@pytest.fixture
def records(world):
    """A finding on each side found yesterday, its manager's appeal, and an exemption the regulator asked for."""
    by_side = {}
    for side, manager in (("inside", world.users["manager"]), ("outside", outside_manager(world))):
        finding = make_finding(world, side, found_at=timezone.now() - DAY)
        appeal = file_appeal(manager, finding, STATEMENT)
        exemption = request_exemption(
            world.users["regulator"],
            getattr(world, side).project,
            "4.8.round_gap",
            "配电室由供电公司管理。",
            timezone.localdate() + 30 * DAY,
        )
        by_side[side] = {"finding": finding, "appeal": appeal, "exemption": exemption}
    return by_side


# Every role, both sides


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_as_the_tables_say(client, world, records, role, side):
    client.force_login(world.users[role])
    mine = records[side]
    want = {
        reverse("finding-appeal", args=[mine["finding"].pk]): status(role, side, FILES),
        reverse("finding-exemption", args=[mine["finding"].pk]): status(role, side, REQUESTS[side]),
        reverse("appeal-detail", args=[mine["appeal"].pk]): status(role, side, SEES[side]),
        reverse("exemption-detail", args=[mine["exemption"].pk]): status(role, side, SEES[side]),
    }
    wrong = [
        f"{url}: {got}, expected {expected}"
        for url, expected in want.items()
        if (got := client.get(url).status_code) != expected
    ]
    assert not wrong, f"{role} on the {side} side: " + "; ".join(wrong)


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", ROLES)
def test_the_decision_form_is_shown_exactly_to_the_regulators_over_it(client, world, records, role, side):
    if role not in SEES[side]:
        return
    client.force_login(world.users[role])
    for kind in ("appeal", "exemption"):
        body = client.get(reverse(f"{kind}-detail", args=[records[side][kind].pk])).content.decode()
        assert ('name="outcome"' in body) is (role in DECIDES[side]), f"{kind} as {role}"


@pytest.mark.parametrize("side", ["inside", "outside"])
@pytest.mark.parametrize("role", sorted(set(ROLES) - {"regulator", "regulator_bt"}))
def test_a_decision_posted_by_anyone_else_is_refused_and_writes_nothing(client, world, records, role, side):
    if role in DECIDES[side]:
        return
    client.force_login(world.users[role])
    before = rows()
    appeal = client.post(
        reverse("appeal-detail", args=[records[side]["appeal"].pk]), {"outcome": "uphold", "reason": "成立"}
    )
    exemption = client.post(
        reverse("exemption-detail", args=[records[side]["exemption"].pk]),
        {"outcome": "approve", "reason": "同意"},
    )
    assert appeal.status_code == exemption.status_code == (404 if role not in SEES[side] else 403)
    assert rows() == before
    assert Appeal.objects.filter(status=AppealStatus.FILED).count() == 2
    assert Exemption.objects.filter(status=ExemptionStatus.REQUESTED).count() == 2


@pytest.mark.parametrize(
    "role", ["regulator", "regulator_bt", "staff", "developer", "committee", "owner", "admin"]
)
def test_an_appeal_or_a_request_posted_by_a_role_that_may_not_is_refused_and_writes_nothing(
    client, world, role
):
    finding = make_finding(world, found_at=timezone.now() - DAY)
    client.force_login(world.users[role])
    before = rows()
    response = client.post(reverse("finding-appeal", args=[finding.pk]), {"statement": STATEMENT})
    assert response.status_code == 403
    if role not in REQUESTS["inside"]:
        response = client.post(
            reverse("finding-exemption", args=[finding.pk]),
            {"reason": "无电梯", "expires_on": (timezone.localdate() + 30 * DAY).isoformat()},
        )
        assert response.status_code == 403
    assert rows() == before


def test_a_stranger_gets_404_and_writes_nothing(client, world):
    finding = make_finding(world, found_at=timezone.now() - DAY)
    client.force_login(world.users["stranger"])
    assert (
        client.post(reverse("finding-appeal", args=[finding.pk]), {"statement": STATEMENT}).status_code == 404
    )
    assert rows() == (0, 0, 0, 0)


# The manager's appeal


@pytest.fixture
def finding(world):
    found = timezone.now() - DAY
    finding = make_finding(world, found_at=found, message="3月1日 02:00 至 05:00 配电室未巡视。")
    compute_scores(timezone.now())
    return finding


def test_the_manager_files_an_appeal_and_returns_to_the_scorecard(client, world, finding):
    client.force_login(world.users["manager"])
    page = client.get(reverse("finding-appeal", args=[finding.pk])).content.decode()
    assert finding.message in page and 'name="statement"' in page and "申诉截止" in page
    response = client.post(reverse("finding-appeal", args=[finding.pk]), {"statement": STATEMENT})
    assert response.status_code == 302
    assert (
        response.url
        == reverse("project-scorecard", args=[world.inside.project.pk]) + f"#finding-{finding.pk}"
    )
    appeal = Appeal.objects.get(finding=finding)
    assert (appeal.status, appeal.statement, appeal.filed_by) == ("filed", STATEMENT, world.users["manager"])
    scorecard = client.get(response.url).content.decode()
    assert "申诉已提交" in scorecard and "待裁决" in scorecard
    assert reverse("finding-appeal", args=[finding.pk]) not in scorecard  # one open appeal at a time


@pytest.mark.parametrize("statement", ["", "   "])
def test_an_appeal_without_a_statement_is_a_field_error_and_nothing_is_written(
    client, world, finding, statement
):
    client.force_login(world.users["manager"])
    response = client.post(reverse("finding-appeal", args=[finding.pk]), {"statement": statement})
    assert response.status_code == 200
    assert response.context["form"].errors == {"statement": ["请填写申诉理由。"]}
    assert 'class="form-control is-invalid"' in response.content.decode()
    assert rows() == (0, 0, 0, 0)


def test_an_appeal_after_the_deadline_says_so_before_and_after_submitting(client, world):
    late = make_finding(world, found_at=timezone.now() - 16 * DAY)
    client.force_login(world.users["manager"])
    page = client.get(reverse("finding-appeal", args=[late.pk])).content.decode()
    assert "申诉期已过" in page and "disabled" in page
    response = client.post(reverse("finding-appeal", args=[late.pk]), {"statement": STATEMENT})
    assert response.status_code == 200
    assert "申诉期已过" in response.context["form"].non_field_errors()[0]
    assert rows() == (0, 0, 0, 0)


def test_the_manager_of_another_enterprise_cannot_appeal_here(client, world):
    theirs = make_finding(world, "outside", found_at=timezone.now() - DAY)
    client.force_login(outside_manager(world))
    response = client.post(reverse("finding-appeal", args=[theirs.pk]), {"statement": STATEMENT})
    assert response.status_code == 302  # his own finding: filed
    mine = make_finding(world, found_at=timezone.now() - DAY)
    assert client.post(reverse("finding-appeal", args=[mine.pk]), {"statement": STATEMENT}).status_code == 404


# The manager's exemption request


def test_the_manager_asks_for_an_exemption_of_the_findings_check_for_its_project(client, world, finding):
    client.force_login(world.users["manager"])
    expires = timezone.localdate() + 180 * DAY
    response = client.post(
        reverse("finding-exemption", args=[finding.pk]),
        {"reason": "配电室由供电公司直接管理，物业无钥匙。", "expires_on": expires.isoformat()},
    )
    assert response.status_code == 302
    exemption = Exemption.objects.get()
    assert (exemption.check_id, exemption.project, exemption.enterprise) == (
        finding.check_id,
        world.inside.project,
        None,
    )
    assert (exemption.status, exemption.valid_from, exemption.expires_on) == (
        "requested",
        timezone.localdate(),
        expires,
    )
    scorecard = client.get(response.url).content.decode()
    assert "待审批" in scorecard
    assert reverse("finding-exemption", args=[finding.pk]) not in scorecard  # already asked


def test_an_enterprise_finding_is_exempted_for_the_enterprise(client, world):
    own = make_finding(world, check_id="1.1.licence_valid", project=None, found_at=timezone.now() - DAY)
    client.force_login(world.users["manager"])
    response = client.post(
        reverse("finding-exemption", args=[own.pk]),
        {"reason": "证照换发中。", "expires_on": (timezone.localdate() + 30 * DAY).isoformat()},
    )
    assert response.status_code == 302
    assert response.url.startswith(reverse("enterprise-scorecard", args=[world.inside.enterprise.pk]))
    exemption = Exemption.objects.get()
    assert (exemption.project, exemption.enterprise) == (None, world.inside.enterprise)


def test_an_exemption_request_with_errors_shows_them_on_the_fields_and_writes_nothing(client, world, finding):
    client.force_login(world.users["manager"])
    response = client.post(
        reverse("finding-exemption", args=[finding.pk]),
        {"reason": "", "expires_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["reason"] == ["请填写豁免理由（如：本项目无电梯）。"]
    assert errors["expires_on"] == ["到期日须晚于今天。"]
    assert rows() == (0, 0, 0, 0)


def test_a_veto_check_cannot_be_exempted(client, world):
    veto = make_finding(world, check_id="2.1.sudden_withdrawal", found_at=timezone.now() - DAY)
    client.force_login(world.users["manager"])
    scorecard = client.get(reverse("project-scorecard", args=[world.inside.project.pk])).content.decode()
    assert reverse("finding-exemption", args=[veto.pk]) not in scorecard
    response = client.post(
        reverse("finding-exemption", args=[veto.pk]),
        {"reason": "无", "expires_on": (timezone.localdate() + 30 * DAY).isoformat()},
    )
    assert response.status_code == 200 and "一票否决项不能豁免" in response.content.decode()
    assert rows() == (0, 0, 0, 0)


# The regulator's decisions


def project_score(world):
    return ScoreSnapshot.objects.get(
        subject=f"project:{world.inside.project.pk}", on=timezone.localdate()
    ).score


def test_upholding_an_appeal_withdraws_the_finding_and_the_score_goes_up_at_once(client, world, finding):
    file_appeal(world.users["manager"], finding, STATEMENT)
    assert project_score(world) == 95
    appeal = Appeal.objects.get()
    client.force_login(world.users["regulator_bt"])
    response = client.post(
        reverse("appeal-detail", args=[appeal.pk]),
        {"outcome": "uphold", "reason": "台账与照片可证明已巡视。"},
    )
    assert response.status_code == 302 and response.url == reverse("review-queue")
    finding.refresh_from_db()
    appeal.refresh_from_db()
    assert finding.state == FindingState.WITHDRAWN and appeal.status == AppealStatus.UPHELD
    assert appeal.decided_by == world.users["regulator_bt"]
    assert project_score(world) == 100
    scorecard = client.get(reverse("project-scorecard", args=[world.inside.project.pk])).content.decode()
    assert "不计分（已撤销）" in scorecard and "申诉成立" in scorecard


def test_rejecting_an_appeal_keeps_the_points(client, world, finding):
    file_appeal(world.users["manager"], finding, STATEMENT)
    client.force_login(world.users["regulator"])
    response = client.post(
        reverse("appeal-detail", args=[Appeal.objects.get().pk]),
        {"outcome": "reject", "reason": "台账无签字。"},
    )
    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.state == FindingState.OPEN and project_score(world) == 95
    assert Appeal.objects.get().status == AppealStatus.REJECTED


@pytest.mark.parametrize(
    "data, errors",
    [
        ({"outcome": "uphold", "reason": " "}, {"reason": ["请填写裁决理由。"]}),
        ({"reason": "成立"}, {"outcome": ["请选择决定。"]}),
        ({"outcome": "approve", "reason": "成立"}, {"outcome": ["请选择决定。"]}),
    ],
)
def test_a_decision_with_errors_is_shown_on_the_form_and_changes_nothing(
    client, world, finding, data, errors
):
    file_appeal(world.users["manager"], finding, STATEMENT)
    before = rows()
    client.force_login(world.users["regulator_bt"])
    response = client.post(reverse("appeal-detail", args=[Appeal.objects.get().pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert rows() == before and project_score(world) == 95


def test_a_decided_appeal_has_no_form_and_a_second_decision_is_refused(client, world, finding):
    file_appeal(world.users["manager"], finding, STATEMENT)
    appeal = Appeal.objects.get()
    client.force_login(world.users["regulator_bt"])
    client.post(reverse("appeal-detail", args=[appeal.pk]), {"outcome": "reject", "reason": "不成立"})
    before = rows()
    page = client.get(reverse("appeal-detail", args=[appeal.pk])).content.decode()
    assert 'name="outcome"' not in page and "不成立" in page
    response = client.post(
        reverse("appeal-detail", args=[appeal.pk]), {"outcome": "uphold", "reason": "改判"}
    )
    assert response.status_code == 403 and rows() == before


def test_approving_an_exemption_takes_its_findings_out_of_the_score_and_revoking_puts_them_back(
    client, world, finding
):
    exemption = request_exemption(
        world.users["manager"],
        world.inside.project,
        finding.check_id,
        "供电公司管理。",
        timezone.localdate() + 30 * DAY,
    )
    client.force_login(world.users["regulator_bt"])
    page = client.get(reverse("exemption-detail", args=[exemption.pk])).content.decode()
    assert "批准豁免" in page and "计分中的该项问题" in page
    client.post(reverse("exemption-detail", args=[exemption.pk]), {"outcome": "approve", "reason": "属实。"})
    exemption.refresh_from_db()
    assert exemption.status == ExemptionStatus.APPROVED and project_score(world) == 100
    scorecard = client.get(reverse("project-scorecard", args=[world.inside.project.pk])).content.decode()
    assert "不计分（已豁免）" in scorecard
    page = client.get(reverse("exemption-detail", args=[exemption.pk])).content.decode()
    assert "撤销豁免" in page
    client.post(
        reverse("exemption-detail", args=[exemption.pk]), {"outcome": "revoke", "reason": "已收回管理。"}
    )
    exemption.refresh_from_db()
    assert exemption.status == ExemptionStatus.REVOKED and project_score(world) == 95


# The queue


def test_the_regulators_queue_lists_what_waits_in_his_division_with_deadlines(client, world, records):
    client.force_login(world.users["regulator_bt"])
    body = client.get(reverse("review-queue")).content.decode()
    assert reverse("appeal-detail", args=[records["inside"]["appeal"].pk]) in body
    assert reverse("exemption-detail", args=[records["inside"]["exemption"].pk]) in body
    assert reverse("appeal-detail", args=[records["outside"]["appeal"].pk]) not in body
    assert "裁决" in body and records["inside"]["appeal"].decide_by.astimezone().strftime("%Y") in body
    client.force_login(world.users["regulator"])
    body = client.get(reverse("review-queue")).content.decode()
    assert reverse("appeal-detail", args=[records["outside"]["appeal"].pk]) in body


def test_the_queue_filters_by_kind_state_and_overdue(client, world, records):
    inside = records["inside"]
    client.force_login(world.users["regulator_bt"])
    appeal_url = reverse("appeal-detail", args=[inside["appeal"].pk])
    exemption_url = reverse("exemption-detail", args=[inside["exemption"].pk])

    def shown(**query):
        body = client.get(reverse("review-queue"), query).content.decode()
        return (appeal_url in body, exemption_url in body)

    assert shown(kind="appeal") == (True, False)
    assert shown(kind="exemption") == (False, True)
    assert shown(state="decided") == (False, False)
    assert shown(overdue="true") == (False, False)
    Appeal.objects.filter(pk=inside["appeal"].pk).update(decide_by=timezone.now() - DAY)
    assert shown(overdue="true") == (True, False)
    body = client.get(reverse("review-queue")).content.decode()
    assert "已逾期" in body and "table-danger" in body
    assert shown(q="呼市") == (False, False) and shown(q="包头") == (True, True)
    client.post(appeal_url, {"outcome": "reject", "reason": "不成立"})
    assert shown() == (False, True)
    assert shown(state="decided") == (True, False)
    assert shown(state="all") == (True, True)


def test_the_queue_pages_through_many(client, world, django_assert_max_num_queries):
    for _n in range(25):
        file_appeal(world.users["manager"], make_finding(world, found_at=timezone.now() - DAY), STATEMENT)
    client.force_login(world.users["regulator_bt"])
    first = client.get(reverse("review-queue"))
    assert first.context["page_obj"].paginator.count == 25 and len(first.context["items"]) == 20
    with django_assert_max_num_queries(12):
        second = client.get(reverse("review-queue"), {"page": 2})
    assert len(second.context["items"]) == 5
    htmx = client.get(reverse("review-queue"), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
    assert "<html" not in htmx.content.decode()


def test_a_manager_follows_his_own_appeals_in_the_list_without_decision_buttons(client, world, records):
    client.force_login(world.users["manager"])
    body = client.get(reverse("review-queue")).content.decode()
    assert reverse("appeal-detail", args=[records["inside"]["appeal"].pk]) in body
    assert reverse("appeal-detail", args=[records["outside"]["appeal"].pk]) not in body
    assert ">裁决<" not in body and ">审批<" not in body and "查看" in body
