"""POST /api/auth/token/: a token for good credentials, 400 for bad ones, and the axes lockout applies."""

import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.test import RequestFactory
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

URL = "/api/auth/token/"


def test_good_credentials_give_a_token_that_opens_the_api(world):
    response = APIClient().post(URL, {"username": "owner", "password": "wuye-test"}, format="json")
    assert response.status_code == 200, response.content
    token = response.json()["token"]
    assert Token.objects.get(key=token).user == world.users["owner"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    projects = client.get("/api/projects/").json()["results"]
    assert [p["name"] for p in projects] == ["包头花园"]


def test_bad_credentials_are_a_400(world):
    response = APIClient().post(URL, {"username": "owner", "password": "wrong"}, format="json")
    assert response.status_code == 400
    assert "non_field_errors" in response.json()
    assert not Token.objects.exists()


def test_a_bad_token_opens_nothing(world):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    # 403 rather than 401: session authentication comes first and sends no WWW-Authenticate challenge.
    assert client.get("/api/projects/").status_code in (401, 403)


def test_repeated_failures_lock_the_account_even_against_the_right_password(world):
    client = APIClient()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(URL, {"username": "owner", "password": "wrong"}, format="json").status_code == 400
    # The attempt that reaches the limit, and every one after it, is refused as a lockout.
    assert client.post(URL, {"username": "owner", "password": "wrong"}, format="json").status_code == 429
    response = client.post(URL, {"username": "owner", "password": "wuye-test"}, format="json")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert "锁定" in response.json()["detail"]
    assert not Token.objects.exists()
    # Other accounts are not locked (the lockout is per account, not per address).
    assert (
        client.post(URL, {"username": "manager", "password": "wuye-test"}, format="json").status_code == 200
    )


def test_failures_through_the_api_lock_the_login_page_too(world):
    client = APIClient()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(URL, {"username": "owner", "password": "wrong"}, format="json")
    request = RequestFactory().post("/accounts/login/")
    assert authenticate(request, username="owner", password="wuye-test") is None
    assert authenticate(request, username="manager", password="wuye-test") == world.users["manager"]
