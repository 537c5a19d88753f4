"""The strict environment readers fail loudly on a bad value and parse good ones exactly."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from wuye import env


@pytest.mark.parametrize(
    "raw, expected", [("1", True), ("true", True), ("YES", True), ("off", False), ("0", False)]
)
def test_env_bool_accepts_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("X_FLAG", raw)
    assert env.env_bool("X_FLAG", default=not expected) is expected


@pytest.mark.parametrize("raw", ["ture", "2", "enabled"])
def test_env_bool_refuses_anything_else(monkeypatch, raw):
    monkeypatch.setenv("X_FLAG", raw)
    with pytest.raises(ImproperlyConfigured, match="X_FLAG"):
        env.env_bool("X_FLAG", default=False)


def test_env_int_checks_type_and_range(monkeypatch):
    monkeypatch.setenv("PORT", "80a")
    with pytest.raises(ImproperlyConfigured, match="not an integer"):
        env.env_int("PORT", 8000)
    monkeypatch.setenv("PORT", "70000")
    with pytest.raises(ImproperlyConfigured, match="outside"):
        env.env_int("PORT", 8000, minimum=1, maximum=65535)
    monkeypatch.setenv("PORT", "8080")
    assert env.env_int("PORT", 8000, minimum=1, maximum=65535) == 8080


def test_postgres_url_is_parsed():
    config = env.database_from_url("postgres://postgres:p%40ss@127.0.0.1:5432/test")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["USER"], config["PASSWORD"], config["HOST"], config["PORT"]) == (
        "test",
        "postgres",
        "p@ss",
        "127.0.0.1",
        "5432",
    )


def test_sqlite_url_needs_an_absolute_path_and_gets_wal_and_immediate():
    config = env.database_from_url("sqlite:////var/lib/wuye/db.sqlite3")
    assert config["NAME"] == "/var/lib/wuye/db.sqlite3"
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert config["OPTIONS"]["timeout"] > 0
    with pytest.raises(ImproperlyConfigured, match="absolute"):
        env.database_from_url("sqlite:///relative.sqlite3")


@pytest.mark.parametrize("url", ["mysql://root@localhost/x", "postgres://localhost", "db.sqlite3"])
def test_other_database_urls_are_refused(url):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        env.database_from_url(url)


def test_url_setting_must_have_scheme_and_host(monkeypatch):
    monkeypatch.setenv("SITE_URL", "wuye.example.cn")
    with pytest.raises(ImproperlyConfigured, match="SITE_URL"):
        env.env_url("SITE_URL", "http://x", schemes=("http", "https"))


def run_settings(env_vars):
    import subprocess
    import sys

    clean = {
        k: v for k, v in __import__("os").environ.items() if k not in ("WUYE_ENV", "SECRET_KEY", "PII_KEY")
    }
    clean.update(env_vars)
    code = "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='wuye.settings'; django.setup(); print('started')"
    return subprocess.run(
        [sys.executable, "-c", code], env=clean, capture_output=True, text=True, check=False
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_settings({"WUYE_ENV": "production"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_pii_key():
    result = run_settings({"WUYE_ENV": "production", "SECRET_KEY": "x" * 50})
    assert result.returncode != 0
    assert "PII_KEY must be set" in result.stderr


def test_production_starts_with_its_secrets_and_a_bad_debug_value_stops_it():
    good = {"WUYE_ENV": "production", "SECRET_KEY": "x" * 50, "PII_KEY": "y" * 40, "ALLOWED_HOSTS": "wuye.cn"}
    assert run_settings(good).stdout.strip() == "started"
    result = run_settings({**good, "DEBUG": "maybe"})
    assert result.returncode != 0 and "DEBUG='maybe' is not a boolean" in result.stderr


def test_time_zone_and_language_defaults(settings):
    assert settings.TIME_ZONE == "Asia/Shanghai" and settings.USE_TZ is True
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert ("en", "English") in [(code, str(name)) for code, name in settings.LANGUAGES]
