"""`manage.py bench` at a tiny size (3 projects × 2 days): it loads real rows with valid hash chains,
measures, proves its incremental runs equal a full one, and reuses a loaded database."""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from django.conf import settings

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="the benchmark loads with COPY into PostgreSQL: run with DATABASE_URL=postgres://...",
)
MANAGE = str(Path(settings.BASE_DIR) / "manage.py")


@pytest.fixture
def bench_url():
    """A database of the bench's own on the test server, dropped afterwards (never the test database)."""
    db = settings.DATABASES["default"]
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    server = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}"
    base = f"{server}/wuye_bench_pytest_{worker}"
    yield base
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "wuye_bench_pytest_{worker}_3_2d" WITH (FORCE)')


def manage(*args, env):
    done = subprocess.run(
        [sys.executable, MANAGE, *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done


def count(url, table):
    with psycopg.connect(url) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_the_bench_loads_measures_and_reuses_a_tiny_region(bench_url):
    env = {"BENCH_DATABASE_URL": bench_url}
    args = ["bench", "--projects", "3", "--days", "2", "--runs", "1"]

    (result,) = json.loads(manage(*args, "--json", env=env).stdout)

    database = urlunsplit(urlsplit(bench_url)._replace(path=urlsplit(bench_url).path + "_3_2d"))
    rows = result["rows"]
    # Hourly rounds for 2 days in 3 rooms (a miss, a correction or a back-fill now and then), 2-hourly patrols.
    assert 3 * 48 * 0.9 <= rows["safety_powerround"] <= 3 * 48 * 1.1
    assert 3 * 24 * 0.9 <= rows["safety_patrolround"] <= 3 * 24 * 1.1
    assert rows["safety_powerround"] == count(database, "safety_powerround")
    assert rows["safety_patrolround"] == count(database, "safety_patrolround")
    assert result["reused"] is False and result["incremental_equals_full"] is True
    assert result["floor"] > 0 and result["full"] > 0 and result["incremental"] > 0
    assert result["peak_rss_mb"] > 50 and result["postgresql"] >= 150000
    verified = manage("verify_evidence", env={"DATABASE_URL": database})
    assert "intact: 3 chains" in verified.stdout

    table = manage(*args, env=env).stdout  # loaded already: reused, measured again

    assert "(reused)" in table and "incremental findings equal a fresh full run's" in table
    assert table.splitlines()[5].split()[:3] == [
        "3",
        str(rows["safety_powerround"]),
        str(rows["safety_patrolround"]),
    ]
