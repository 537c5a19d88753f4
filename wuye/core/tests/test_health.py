"""The health endpoint talks to the real database, cache and queue (Redis in the PostgreSQL run)."""

import pytest
from django.conf import settings
from django.core.cache import cache

pytestmark = pytest.mark.django_db


def test_health_reports_each_service_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "queue": "ok"}


def test_cache_round_trips_through_the_configured_backend():
    cache.set("wuye-health-probe", {"n": 1}, 5)
    assert cache.get("wuye-health-probe") == {"n": 1}
    expected = "RedisCache" if settings.REDIS_URL else "LocMemCache"
    assert settings.CACHES["default"]["BACKEND"].endswith(expected)
