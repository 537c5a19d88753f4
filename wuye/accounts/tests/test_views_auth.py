"""Sign-in, lockout, sign-out and password change through the web pages."""

import pytest
from django.urls import reverse

from wuye.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def test_login_page_is_chinese_with_username_and_password_fields(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("login") == LOGIN
    assert 'lang="zh-hans"' in html
    assert 'name="username"' in html and 'name="password"' in html
    assert "用户名" in html and "密码" in html and "登录" in html
    assert "物业监督" in html


def test_home_sends_anonymous_visitors_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def test_right_password_signs_in_and_lands_on_home(client):
    UserFactory(username="li", password="right-password-1")
    response = client.post(LOGIN, {"username": "li", "password": "right-password-1"})
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert "_auth_user_id" in client.session


def test_wrong_password_says_so_in_chinese(client):
    UserFactory(username="li", password="right-password-1")
    response = client.post(LOGIN, {"username": "li", "password": "wrong"})
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_five_wrong_passwords_lock_the_account(client):
    UserFactory(username="li", password="right-password-1")
    for _attempt in range(4):
        assert client.post(LOGIN, {"username": "li", "password": "wrong"}).status_code == 200
    locked = client.post(LOGIN, {"username": "li", "password": "wrong"})
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "账号已锁定" in text and "15 分钟" in text and "管理员" in text
    # Even the right password is refused while the lock lasts.
    again = client.post(LOGIN, {"username": "li", "password": "right-password-1"})
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post(client):
    user = UserFactory(username="li")
    client.force_login(user)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_every_page_offers_logout_as_a_form(client, world):
    client.force_login(world.users["manager"])
    html = client.get("/").content.decode()
    assert f'action="{reverse("logout")}"' in html
    assert 'method="post"' in html


def test_password_change(client):
    user = UserFactory(username="li", password="old-password-1")
    client.force_login(user)
    page = client.get(reverse("password_change"))
    assert page.status_code == 200 and "修改密码" in page.content.decode()
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "old-password-1",
            "new_password1": "Nei-Menggu-2026",
            "new_password2": "Nei-Menggu-2026",
        },
    )
    assert response.status_code == 302 and response.url == reverse("password_change_done")
    user.refresh_from_db()
    assert user.check_password("Nei-Menggu-2026")
    assert "密码已修改" in client.get(reverse("password_change_done")).content.decode()


def test_password_change_shows_field_errors(client):
    user = UserFactory(username="li", password="old-password-1")
    client.force_login(user)
    response = client.post(
        reverse("password_change"), {"old_password": "nope", "new_password1": "x", "new_password2": "y"}
    )
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("old-password-1")


def test_language_switch_is_a_post_form_to_set_language(client):
    html = client.get(LOGIN).content.decode()
    assert f'action="{reverse("set_language")}"' in html
    assert 'name="language" value="en"' in html
