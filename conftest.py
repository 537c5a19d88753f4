import copy
import os
import shutil
import subprocess

import pytest

from wuye.testing.personas import build_world

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in Chinese: a request in English leaves its language active on the thread."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database is built from the models (``--no-migrations``: seconds, not half a minute per
    worker), then given what the data migration gives: the division table. The migrations themselves are
    applied to fresh databases by test_serve.py (SQLite) and test_migrations.py (PostgreSQL)."""
    with django_db_blocker.unblock():
        ensure_divisions()


@pytest.fixture
def divisions(db):
    """The division table, for a test that builds its own region: a browser test that ran earlier on the same
    worker may have emptied it."""
    ensure_divisions()


def ensure_divisions() -> None:
    """Load the division table if it is empty: a browser test (a transactional test) empties every table
    when it ends, divisions included."""
    from wuye.regions.data import load_divisions
    from wuye.regions.models import Division

    if not Division.objects.exists():
        load_divisions(Division)


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """The personas, built once per test module inside a transaction that is rolled back when the module
    ends; each test runs in a savepoint of it, so what a test writes is gone before the next one."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        ensure_divisions()
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def world(shared_world, db):
    """Users for every role and an inside/outside object of every registry model (wuye/testing/personas.py).

    A deep copy of the module's personas: the rows are the same, the objects are the test's own, so a test
    that changes one in memory leaves the next test's copy as it was built.
    """
    return copy.deepcopy(shared_world)


def require_system(what: str, present: bool) -> None:
    """Skip a test whose system package is missing, except in CI, where a skip would hide a broken setup."""
    if present:
        return
    message = f"{what} is not installed (run `make system-deps` as root)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + " — CI must not skip this test")
    pytest.skip(message)


@pytest.fixture(scope="session")
def cjk_font():
    fonts = subprocess.run(
        ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False
    ).stdout
    require_system(
        "A CJK font (fonts-wqy-microhei)", shutil.which("fc-list") is not None and bool(fonts.strip())
    )
    return fonts.splitlines()[0]


@pytest.fixture(scope="session")
def chromium():
    require_system("Chromium", os.path.exists(CHROMIUM))
    from playwright.sync_api import sync_playwright

    # Playwright runs an event loop in this thread; Django would otherwise refuse ORM calls from it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def live_world(transactional_db):
    """The personas, committed, for a browser talking to live_server (another thread).

    Transactional tests flush every table afterwards, divisions included, so they are loaded again.
    """
    from django.db import connection

    assert not connection.in_atomic_block, "a module with browser tests cannot use `world` (use live_world)"
    ensure_divisions()
    return build_world()
