"""`manage.py bench --suite fees` at a tiny size (3 projects × 5 households): it loads a year of bills,
payments with valid hash chains and statements, finds exactly the seeded faults, and its incremental
run (one more month of bills) equals a full one."""

import json

import psycopg
import pytest
from django.conf import settings

from wuye.compliance.tests.test_bench import bench_url, count, manage  # noqa: F401 (a fixture)

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="the benchmark loads with COPY into PostgreSQL: run with DATABASE_URL=postgres://...",
)


@pytest.fixture
def fees_database(bench_url):  # noqa: F811
    database = f"{bench_url}_fees_3_5h"
    yield database
    server, name = database.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_fee_bench_loads_and_finds_exactly_the_seeded_faults(bench_url, fees_database):  # noqa: F811
    env = {"BENCH_DATABASE_URL": bench_url}
    args = ["bench", "--suite", "fees", "--projects", "3", "--households", "5", "--runs", "1"]

    (result,) = json.loads(manage(*args, "--json", env=env).stdout)

    rows = result["rows"]
    assert rows["estates_household"] == 15 == count(fees_database, "estates_household")
    assert rows["finance_payment"] == 15 * 4 == count(fees_database, "finance_payment")
    assert count(fees_database, "finance_bill") == 15 * 12  # the incremental months were taken away
    assert rows["finance_billline"] == count(fees_database, "finance_billline") >= 15 * 12
    assert result["sample_lines_checked"] > 0  # SQL's round() agreed with fees_money.line_amount
    assert result["findings"] == result["expected"]
    assert result["expected"]["1.5.bill_matches_standard"] == 1  # bill 7's line, one yuan too much
    assert result["incremental_equals_full"] is True and result["incremental_projects"] == [3]
    assert set(result["per_check"]) == set(result["expected"]) and result["full"] > 0
    assert result["incremental_one_project"] > 0
    assert all(result["plans"][run] for run in ("full", "incremental", "incremental_one_project"))
    assert result["peak_rss_mb"] > 50
    verified = manage("verify_evidence", env={"DATABASE_URL": fees_database})
    assert "intact: 3 chains" in verified.stdout

    table = manage(*args, env={**env, "BENCH_PROJECTS": ""}).stdout  # loaded already: reused

    assert "(reused)" in table and "PASS  findings equal the seeded faults" in table
