import pytest
from django.core.cache import cache

from wuye.disclosure.cache import ALL_KEY
from wuye.disclosure.tests.world import add_disclosure


@pytest.fixture(autouse=True)
def fresh_pages():
    """A new token for every project's page: ids come back after a rolled-back test (SQLite) and the cache
    (Redis in CI) outlives the test, so an earlier test's page must not answer this one's request."""
    cache.delete(ALL_KEY)


@pytest.fixture
def disclosed(world):
    return add_disclosure(world)


@pytest.fixture
def english(settings, tmp_path):
    """The English of this app's fragment (i18n/disclosure.en.po) on top of the project's catalogue, until
    the fragment is merged into wuye/locale (afterwards the same entries, compiled here again)."""
    import shutil
    import subprocess
    from pathlib import Path

    from conftest import require_system

    require_system("GNU gettext (msgfmt)", shutil.which("msgcat") is not None)
    app = Path(__file__).resolve().parents[1]
    central = app.parent / "locale" / "en" / "LC_MESSAGES" / "django.po"
    target = tmp_path / "en" / "LC_MESSAGES"
    target.mkdir(parents=True)
    merged = target / "django.po"
    fragment = tmp_path / "fragment.po"
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    fragment.write_text(
        header + (app / "i18n" / "disclosure.en.po").read_text(encoding="utf-8"), encoding="utf-8"
    )
    subprocess.run(["msgcat", "--use-first", "-o", str(merged), str(central), str(fragment)], check=True)
    subprocess.run(["msgfmt", "-o", str(target / "django.mo"), str(merged)], check=True)
    settings.LOCALE_PATHS = [str(tmp_path), *settings.LOCALE_PATHS]
