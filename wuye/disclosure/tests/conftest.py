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
