"""Owners joining: invitation codes printed per building and redeemed once, join requests the committee
decides, password reset by email; every page's permissions (inside 200, outside 404, anonymous)."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from wuye.accounts import actions_joining as actions
from wuye.accounts.choices import Role
from wuye.accounts.models import (
    InvitationCode,
    JoinRequest,
    JoinRequestEvent,
    JoinRequestStatus,
    Membership,
    User,
)
from wuye.estates.models import Owner

PASSWORD = "Qingcheng-2026-safe"
CODE = re.compile(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}")


@pytest.fixture(autouse=True)
def clear_failures():
    cache.clear()
    yield
    cache.clear()


def print_sheet(client, world, role="staff", side="inside"):
    client.force_login(world.users[role])
    response = client.post(reverse("invitation-sheet", args=[getattr(world, side).building.pk]))
    assert response.status_code == 200
    client.logout()
    return CODE.findall(response.content.decode())


def join_data(code, username="newowner", **extra):
    return {
        "code": code,
        "name": "韩梅梅",
        "phone": "13912345678",
        "username": username,
        "password1": PASSWORD,
        "password2": PASSWORD,
        **extra,
    }


# -- invitation codes ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["staff", "manager", "committee", "admin"])
def test_staff_managers_and_the_committee_print_a_sheet_one_code_per_household(client, world, role):
    codes = print_sheet(client, world, role)
    assert len(codes) == 2 == len(set(codes))  # the building's two households (101, 102)
    stored = InvitationCode.objects.filter(household__building=world.inside.building)
    assert stored.count() == 2
    assert not stored.filter(code_hash__in=codes).exists()  # only a keyed hash is kept
    assert {row.hint for row in stored} == {code[-4:] for code in codes}


def test_printing_again_revokes_the_unused_codes(client, world):
    first = print_sheet(client, world)
    print_sheet(client, world)
    response = client.post(reverse("join"), join_data(first[0]))
    assert "已作废" in response.content.decode()
    assert not User.objects.filter(username="newowner").exists()


@pytest.mark.parametrize("role", ["owner", "developer", "regulator"])
def test_who_does_not_serve_or_represent_the_project_cannot_print(client, world, role):
    client.force_login(world.users[role])
    url = reverse("invitation-sheet", args=[world.inside.building.pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert not InvitationCode.objects.exists()


def test_the_sheet_of_another_projects_building_is_404_and_anonymous_is_sent_to_login(client, world):
    url = reverse("invitation-sheet", args=[world.outside.building.pk])
    assert client.get(url).status_code == 302
    client.force_login(world.users["staff"])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert client.get(reverse("invitation-sheet", args=[world.inside.building.pk])).status_code == 200


def test_a_code_opens_an_owner_account_bound_to_its_household(client, world):
    codes = print_sheet(client, world)
    household = InvitationCode.objects.get(hint=codes[0][-4:]).household
    data = join_data(codes[0].lower().replace("-", " "), email="han@example.com")
    response = client.post(reverse("join"), data)
    assert response.status_code == 302
    user = User.objects.get(username="newowner")
    assert user.full_name == "韩梅梅" and user.check_password(PASSWORD) and user.email == "han@example.com"
    assert Membership.objects.filter(user=user, role=Role.OWNER, household=household, active=True).exists()
    owner = Owner.objects.get(user=user)
    assert list(owner.households.all()) == [household] and owner.phone == "13912345678"
    assert InvitationCode.objects.get(hint=codes[0][-4:]).used_by == user
    assert int(client.session["_auth_user_id"]) == user.pk


def test_a_used_code_is_refused_and_nothing_is_written(client, world):
    codes = print_sheet(client, world)
    client.post(reverse("join"), join_data(codes[0]))
    client.logout()
    users, memberships = User.objects.count(), Membership.objects.count()
    response = client.post(reverse("join"), join_data(codes[0], username="someoneelse"))
    assert response.status_code == 200 and "已经使用过" in response.content.decode()
    assert (User.objects.count(), Membership.objects.count()) == (users, memberships)


def test_a_revoked_code_is_refused(client, world):
    codes = print_sheet(client, world)
    client.force_login(world.users["committee"])
    invitation = InvitationCode.objects.get(hint=codes[0][-4:])
    assert client.post(reverse("invitation-revoke", args=[invitation.pk])).status_code == 302
    client.logout()
    response = client.post(reverse("join"), join_data(codes[0]))
    assert "已作废" in response.content.decode() and not User.objects.filter(username="newowner").exists()


def test_a_taken_username_or_a_weak_password_refuses_and_leaves_the_code_unused(client, world):
    codes = print_sheet(client, world)
    response = client.post(reverse("join"), join_data(codes[0], username="owner"))
    assert "该用户名已被使用" in response.content.decode()
    response = client.post(reverse("join"), join_data(codes[0], password1="123", password2="123"))
    assert response.status_code == 200
    assert InvitationCode.objects.get(hint=codes[0][-4:]).used_at is None
    response = client.post(reverse("join"), join_data(codes[0], phone="12345"))
    assert "11位手机号" in response.content.decode()


def test_guessing_is_counted_and_locked_after_the_limit(client, world):
    codes = print_sheet(client, world)
    for _ in range(actions.FAILURE_LIMIT):
        response = client.post(reverse("join"), join_data("AAAA-BBBB-CCCC"))
        assert "邀请码不正确" in response.content.decode()
    response = client.post(reverse("join"), join_data(codes[0]))  # even a right code, while locked
    assert "输错次数过多" in response.content.decode()
    assert not User.objects.filter(username="newowner").exists()


def test_a_signed_in_owner_adds_another_household_with_its_code(client, world):
    codes = print_sheet(client, world)
    owner = world.users["owner"]
    neighbour = world.inside.neighbour
    code = next(c for c in codes if InvitationCode.objects.get(hint=c[-4:]).household == neighbour)
    client.force_login(owner)
    assert client.post(reverse("join"), {"code": code}).status_code == 302
    households = set(
        Membership.objects.filter(user=owner, role=Role.OWNER).values_list("household", flat=True)
    )
    assert households == {world.inside.household.pk, neighbour.pk}
    assert set(Owner.objects.get(user=owner).households.all()) == {world.inside.household, neighbour}


def test_a_household_may_have_several_owners(client, world):
    codes = print_sheet(client, world)
    household = InvitationCode.objects.get(hint=codes[0][-4:]).household
    client.post(reverse("join"), join_data(codes[0], username="first"))
    client.logout()
    for code in print_sheet(client, world):
        if InvitationCode.objects.get(hint=code[-4:]).household == household:
            client.post(reverse("join"), join_data(code, username="second", phone="13900000001"))
    owners = Membership.objects.filter(household=household, role=Role.OWNER).values_list(
        "user__username", flat=True
    )
    assert {"first", "second"} <= set(owners)


# -- join requests -------------------------------------------------------------------------------------------


def file_request(client, world, username="asker"):
    url = reverse("join-request") + f"?project={world.inside.project.pk}"
    data = join_data("", username=username, household=world.inside.neighbour.pk)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    client.logout()
    return JoinRequest.objects.get(user__username=username)


def test_a_join_request_opens_an_account_without_a_role_until_the_committee_confirms(client, world):
    join = file_request(client, world)
    assert join.status == JoinRequestStatus.PENDING and not join.user.memberships.exists()
    client.force_login(world.users["committee"])
    body = client.get(reverse("join-requests")).content.decode()
    assert "韩梅梅" in body and "102" in body
    response = client.post(reverse("join-request-decide", args=[join.pk]), {"confirm": "1"})
    assert response.status_code == 302
    join.refresh_from_db()
    assert join.status == JoinRequestStatus.CONFIRMED and join.decided_by == world.users["committee"]
    assert Membership.objects.filter(
        user=join.user, role=Role.OWNER, household=world.inside.neighbour
    ).exists()
    [event] = JoinRequestEvent.objects.filter(request=join)
    assert (event.old_status, event.new_status) == ("pending", "confirmed")


def test_refusing_needs_a_reason_and_a_decided_request_cannot_move_again(client, world):
    join = file_request(client, world)
    client.force_login(world.users["committee"])
    client.post(reverse("join-request-decide", args=[join.pk]), {"refuse": "1", "reason": ""})
    join.refresh_from_db()
    assert join.status == JoinRequestStatus.PENDING
    client.post(reverse("join-request-decide", args=[join.pk]), {"refuse": "1", "reason": "名册中无此人"})
    join.refresh_from_db()
    assert join.status == JoinRequestStatus.REFUSED and join.reason == "名册中无此人"
    client.post(reverse("join-request-decide", args=[join.pk]), {"confirm": "1"})
    join.refresh_from_db()
    assert join.status == JoinRequestStatus.REFUSED
    assert not Membership.objects.filter(user=join.user).exists()
    assert JoinRequestEvent.objects.filter(request=join).count() == 1


@pytest.mark.parametrize(
    ("role", "status"), [("staff", 404), ("owner", 404), ("manager", 404), ("stranger", 404)]
)
def test_only_the_projects_committee_decides(client, world, role, status):
    join = file_request(client, world)
    client.force_login(world.users[role])
    assert client.post(reverse("join-request-decide", args=[join.pk]), {"confirm": "1"}).status_code == status
    join.refresh_from_db()
    assert join.status == JoinRequestStatus.PENDING and not join.user.memberships.exists()


def test_an_owner_applying_for_another_household_sees_his_request_but_cannot_decide_it(client, world):
    owner = world.users["owner"]
    join = actions.request_to_join(owner, world.inside.neighbour, name="业主", phone="13912345678")
    assert JoinRequest.objects.visible_to(owner).get() == join
    client.force_login(owner)
    assert client.post(reverse("join-request-decide", args=[join.pk]), {"confirm": "1"}).status_code == 403
    join.refresh_from_db()
    assert join.status == JoinRequestStatus.PENDING
    assert not Membership.objects.filter(user=owner, household=world.inside.neighbour).exists()


def test_another_projects_committee_sees_no_request_and_gets_404(client, world):
    join = file_request(client, world)
    other = User.objects.create_user("committee_out", password=PASSWORD)
    Membership.objects.create(user=other, role=Role.COMMITTEE, project=world.outside.project)
    client.force_login(other)
    assert "韩梅梅" not in client.get(reverse("join-requests")).content.decode()
    assert client.post(reverse("join-request-decide", args=[join.pk]), {"confirm": "1"}).status_code == 404


def test_the_join_pages_are_public_and_the_queue_needs_a_login(client, world):
    assert client.get(reverse("join")).status_code == 200
    assert client.get(reverse("join-request")).status_code == 200
    body = client.get(reverse("join-request") + f"?project={world.inside.project.pk}").content.decode()
    assert "1号楼" in body
    assert client.get(reverse("join-requests")).status_code == 302


def test_a_second_pending_request_for_the_same_household_is_refused(client, world):
    join = file_request(client, world)
    client.force_login(join.user)
    url = reverse("join-request") + f"?project={world.inside.project.pk}"
    response = client.post(
        url, {"household": world.inside.neighbour.pk, "name": "韩梅梅", "phone": "13912345678"}
    )
    assert "已提交过该房屋的申请" in response.content.decode()
    assert JoinRequest.objects.count() == 1


# -- password reset -------------------------------------------------------------------------------------------


def test_password_reset_by_email_in_chinese(client, world):
    user = world.users["owner"]
    user.email = "owner@example.com"
    user.save()
    response = client.post(reverse("password_reset"), {"email": "owner@example.com"})
    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    [message] = mail.outbox
    assert "重设密码" in message.subject and "您的用户名：owner" in message.body
    link = re.search(r"https?://[^/]+(/\S+)", message.body).group(1)
    response = client.get(link, follow=True)
    assert "设置新密码" in response.content.decode()
    response = client.post(
        response.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_password_reset_pages_answer_anonymously(client, db):
    for name in ("password_reset", "password_reset_done", "password_reset_complete"):
        assert client.get(reverse(name)).status_code == 200
    bad = reverse("password_reset_confirm", args=["MQ", "bad-token"])
    assert "链接无效" in client.get(bad).content.decode()


def test_the_committee_queue_and_the_sheet_keep_their_query_counts(
    client, world, django_assert_max_num_queries
):
    for n in range(6):
        user = User.objects.create_user(f"asker{n}", password=PASSWORD)
        actions.request_to_join(user, world.inside.neighbour, name=f"申请人{n}", phone="13912345678")
    client.force_login(world.users["committee"])
    with django_assert_max_num_queries(12):
        body = client.get(reverse("join-requests")).content.decode()
    assert body.count("确认是本户业主") == 6
    print_sheet(client, world)
    client.force_login(world.users["committee"])
    with django_assert_max_num_queries(12):
        assert client.get(reverse("invitation-sheet", args=[world.inside.building.pk])).status_code == 200


def test_a_code_used_by_someone_else_a_moment_earlier_writes_nothing(client, world, monkeypatch):
    """Two people typing one code at once: the conditional update lets only the first claim it."""
    codes = print_sheet(client, world)
    invitation = InvitationCode.objects.get(hint=codes[0][-4:])
    found = actions.find_code

    def found_then_taken(code, client):
        result = found(code, client)
        InvitationCode.objects.filter(pk=invitation.pk).update(used_at=invitation.issued_at)
        return result

    monkeypatch.setattr(actions, "find_code", found_then_taken)
    response = client.post(reverse("join"), join_data(codes[0]))
    assert "刚刚已被使用" in response.content.decode()
    assert not User.objects.filter(username="newowner").exists()
    assert (
        not Membership.objects.filter(household=invitation.household, role=Role.OWNER)
        .exclude(user=world.users["owner"])
        .exists()
    )
