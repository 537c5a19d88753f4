"""The oversight bench's loader at a tiny size (PostgreSQL only, as `make bench` runs): a year of daily
snapshots for every project and enterprise, findings, and the division statistics the dashboard reads;
the dashboard then answers from them for the region's regulator."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from wuye.bench import oversight
from wuye.compliance.models import ScoreSnapshot
from wuye.oversight.models import DivisionStat

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="the bench loads with INSERT … SELECT generate_series into PostgreSQL",
    ),
]


def test_the_loader_fills_a_year_and_the_dashboard_reads_it(divisions):
    config = oversight.OversightConfig(projects=4, days=40)
    stats = oversight.load(config, log=lambda message: None)

    enterprises = 4  # one per project below ENTERPRISES
    assert stats["snapshots"] == ScoreSnapshot.objects.count() == (4 + enterprises) * (40 + 1)
    assert stats["findings"] > 0
    months = len(oversight.month_ends(ScoreSnapshot.objects.latest("on").on, 40))
    region = DivisionStat.objects.filter(division_id="150000")
    assert region.count() == months + 1 and region.latest("on").projects == 4
    assert oversight.loaded()["config"] == config.as_dict()

    client = Client()
    client.force_login(oversight.User.objects.get(username="bench-regulator"))
    board = client.get(reverse("oversight-dashboard")).context["board"]
    assert sum(board.stat.grades.values()) == 4 and len(board.trend) == months + 1
