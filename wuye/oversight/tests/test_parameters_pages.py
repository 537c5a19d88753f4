"""The parameters page and its API: regulators only (403 for the rest), their own division and below
(never above or beside), values parsed by unit with field-level Chinese errors, append-only with
cancellation of what is not yet in force, and a full re-evaluation queued on every change."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from wuye.compliance.models import ParameterOverride
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db
REGULATORS = {"regulator", "regulator_bt", "admin"}
PAGES = ["oversight-parameters", "oversight-parameter-create"]
API = "/api/parameter-overrides/"


def data(**changes):
    values = {
        "check_id": "4.8.round_gap",
        "name": "grace",
        "division": "150200",
        "value": "30",
        "valid_from": timezone.localdate().isoformat(),
        "reason": "包头市供电配套改造",
    }
    return {**values, **changes}


def override(world, division="150200", valid_from=None, **values):
    values = {"check_id": "4.8.round_gap", "name": "grace", "value": 30, "reason": "试点", **values}
    return ParameterOverride.objects.create(
        division_id=division,
        valid_from=valid_from or timezone.localdate() + datetime.timedelta(days=10),
        set_by=world.users["regulator"],
        **values,
    )


@pytest.mark.parametrize("role", [*ROLES, "anonymous"])
def test_every_role_inside_and_outside(client, world, role):
    inside, outside = override(world, "150200"), override(world, "150100")
    if role != "anonymous":
        client.force_login(world.users[role])
    for name in PAGES:
        answer = client.get(reverse(name)).status_code
        assert answer == (302 if role == "anonymous" else 200 if role in REGULATORS else 403), name
    for target in (inside, outside):
        sees = role in {"regulator", "admin"} or (role == "regulator_bt" and target is inside)
        url = reverse("oversight-parameter-cancel", args=[target.pk])
        expected = 302 if role == "anonymous" else (200 if sees else 404 if role in REGULATORS else 403)
        assert client.get(url).status_code == expected, (role, target.division_id)
        api = client.get(f"{API}{target.pk}/").status_code
        assert api == (403 if role == "anonymous" or role not in REGULATORS else 200 if sees else 404)


def test_the_page_shows_values_in_force_their_source_and_history(client, world):
    override(world, "150000", datetime.date(2025, 1, 1), value=20, reason="全区统一")
    override(world, "150200", datetime.date(2025, 6, 1), value=25, reason="包头试点")
    override(world, "150200", timezone.localdate() + datetime.timedelta(days=30), value=40, reason="明年")
    override(world, "150100", datetime.date(2025, 6, 1), value=5, reason="呼市")
    client.force_login(world.users["regulator_bt"])
    page = client.get(reverse("oversight-parameters"), {"q": "4.8.round_gap"}).content.decode()
    assert 'data-check="4.8.round_gap" data-name="grace"' in page
    assert 'data-check="4.8.round_gap" data-name="points"' in page
    row = page.split('data-name="grace"')[1].split("</tr>")[0]
    assert '<td data-testid="value">25</td>' in row and "包头试点" in row and "全区统一" in row
    assert "明年" in row and "尚未生效" in row and "呼市" not in row
    # A county of 包头市 inherits; 呼和浩特市's own override is not its business.
    page = client.get(reverse("oversight-parameters"), {"q": "round_gap", "division": "150203"})
    assert '<td data-testid="value">25</td>' in page.content.decode()
    assert client.get(reverse("oversight-parameters"), {"division": "150105"}).status_code == 200
    assert "呼市" not in client.get(reverse("oversight-parameters"), {"division": "150105"}).content.decode()


def test_the_filters_narrow_the_checks(client, world, django_assert_max_num_queries):
    client.force_login(world.users["regulator"])
    with django_assert_max_num_queries(8):
        page = client.get(reverse("oversight-parameters"), {"clause": "4.2"}).content.decode()
    assert 'data-check="4.2.maintenance_gap"' in page and 'data-check="4.8.round_gap"' not in page
    page = client.get(reverse("oversight-parameters"), {"kind": "F", "q": "round"}).content.decode()
    assert 'data-testid="parameter"' not in page


def test_a_regulator_adds_an_override_and_a_reevaluation_is_queued(
    client, world, django_capture_on_commit_callbacks, monkeypatch
):
    queued = []
    monkeypatch.setattr("wuye.oversight.tasks_parameters.full_reevaluation", lambda: queued.append(1))
    client.force_login(world.users["regulator_bt"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("oversight-parameter-create"), data(division="150203", value="25"))
    assert response.status_code == 302 and queued == [1]
    saved = ParameterOverride.objects.get()
    assert (saved.division_id, saved.value, saved.set_by) == ("150203", 25, world.users["regulator_bt"])
    page = client.get(reverse("oversight-parameters")).content.decode()
    assert 'data-testid="reevaluation-queued"' in page


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"value": "半小时"}, "value", "请填写不小于0的整数。"),
        ({"name": "points", "value": "-1"}, "value", "请填写不小于0的整数。"),
        ({"name": "nothing"}, "name", "该检查项没有这个参数。"),
        ({"reason": ""}, "reason", "该字段是必填项。"),
        ({"division": "150100"}, "division", None),  # beside: not a choice
        ({"division": "150000"}, "division", None),  # above
    ],
)
def test_a_bad_override_is_refused_in_place_and_nothing_is_written(client, world, changes, field, message):
    client.force_login(world.users["regulator_bt"])
    response = client.post(reverse("oversight-parameter-create"), data(**changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    if message:
        assert message in response.context["form"].errors[field]
    assert not ParameterOverride.objects.exists()


def test_points_are_overridden_like_any_parameter(client, world):
    client.force_login(world.users["regulator_bt"])
    assert (
        client.post(reverse("oversight-parameter-create"), data(name="points", value="3")).status_code == 302
    )
    assert ParameterOverride.objects.get().value == 3


def test_only_an_override_not_yet_in_force_is_cancelled_with_a_reason(client, world):
    future, past = override(world), override(world, valid_from=datetime.date(2025, 1, 1))
    client.force_login(world.users["regulator_bt"])
    url = reverse("oversight-parameter-cancel", args=[future.pk])
    assert client.post(url, {"reason": ""}).status_code == 200
    assert client.post(url, {"reason": "改期"}).status_code == 302
    future.refresh_from_db()
    assert (future.cancel_reason, future.cancelled_by) == ("改期", world.users["regulator_bt"])
    response = client.post(reverse("oversight-parameter-cancel", args=[past.pk]), {"reason": "错了"})
    assert "已生效的调整不能撤销" in response.content.decode()
    past.refresh_from_db()
    assert past.cancelled_at is None


def test_a_cancelled_override_no_longer_applies(world):
    from wuye.compliance.parameters import param

    on = timezone.localdate() + datetime.timedelta(days=10)
    cancelled = override(world, valid_from=on)
    assert param("4.8.round_gap", "grace", "150203", on) == datetime.timedelta(minutes=30)
    ParameterOverride.objects.filter(pk=cancelled.pk).update(cancelled_at=timezone.now())
    assert param("4.8.round_gap", "grace", "150203", on) == datetime.timedelta(minutes=15)
    override(world, valid_from=on, value=45)  # the same day again, once the first is cancelled
    assert param("4.8.round_gap", "grace", "150203", on) == datetime.timedelta(minutes=45)


def test_the_api_creates_with_field_errors_and_cancels(client, world):
    client.force_login(world.users["regulator_bt"])
    bad = client.post(API, data(value="abc"), content_type="application/json")
    assert bad.status_code == 400 and bad.json()["value"] == ["请填写不小于0的整数。"]
    beside = client.post(API, data(division="150100"), content_type="application/json")
    assert beside.status_code == 400 and "division" in beside.json()
    assert not ParameterOverride.objects.exists()
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    made = client.post(API, data(value=30, valid_from=tomorrow), content_type="application/json")
    assert made.status_code == 201, made.json()
    assert made.json()["value"] == 30
    pk = made.json()["id"]
    cancelled = client.post(f"{API}{pk}/cancel/", {"reason": "改期"}, content_type="application/json")
    assert cancelled.status_code == 200 and cancelled.json()["cancel_reason"] == "改期"
    client.force_login(world.users["manager"])
    assert client.post(API, data(), content_type="application/json").status_code == 403
    assert ParameterOverride.objects.count() == 1


def test_an_override_cannot_be_back_dated_by_form_or_api(client, world):
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    client.force_login(world.users["regulator_bt"])
    response = client.post(reverse("oversight-parameter-create"), data(valid_from=yesterday))
    assert response.status_code == 200
    assert response.context["form"].errors["valid_from"] == ["生效日期不能早于今天。"]
    refused = client.post(API, data(valid_from=yesterday), content_type="application/json")
    assert refused.status_code == 400 and refused.json()["valid_from"] == ["生效日期不能早于今天。"]
    assert not ParameterOverride.objects.exists()
    assert client.post(reverse("oversight-parameter-create"), data()).status_code == 302  # today is fine
