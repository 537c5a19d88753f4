"""Time filters of the rounds API accept any ISO 8601 offset Python does, without reaching the database raw."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "moment", ["3581-07-03T02:07:10+18:54", "2026-03-01T00:00:00-23:59", "9999-12-31T23:00:00-10:00"]
)
def test_extreme_offsets_are_answered_not_crashed(world, moment):
    client = APIClient()
    client.force_authenticate(world.users["regulator"])
    for name in ("occurred_after", "occurred_before"):
        response = client.get("/api/power-rounds/", {name: moment})
        assert response.status_code == 200, (name, moment, response.content[:200])
