"""The migrations themselves, on a fresh PostgreSQL database: the suite's own test database is built from
the models (``--no-migrations``), and test_serve.py migrates a fresh SQLite file as `make run` does."""

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]


def manage(env, *args):
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="on SQLite, test_serve.py migrates a fresh database"
)
def test_every_migration_applies_to_an_empty_postgresql_database():
    params = settings.DATABASES["default"]
    name = "wuye_migrate_" + os.environ.get("PYTEST_XDIST_WORKER", "main")
    server = {
        k: v
        for k, v in {
            "host": params.get("HOST"),
            "port": params.get("PORT"),
            "user": params.get("USER"),
            "password": params.get("PASSWORD"),
        }.items()
        if v
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + name
        env = {**os.environ, "WUYE_ENV": "development", "DATABASE_URL": url}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        migrated = manage(env, "migrate", "--noinput", "-v", "0")
        assert migrated.returncode == 0, migrated.stderr
        plan = manage(env, "showmigrations", "--plan")
        assert (
            plan.returncode == 0
            and "[ ]" not in plan.stdout
            and "[X]  regions.0002_load_divisions" in plan.stdout
        )
        with psycopg.connect(dbname=name, **server) as fresh:
            (divisions,) = fresh.execute("SELECT count(*) FROM regions_division").fetchone()
        assert divisions > 100  # the data migration loaded the division table
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
