import pytest
from django.core.cache import cache
from django.utils import timezone


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture(autouse=True)
def fresh_cache():
    """The public pages are cached (Redis in CI outlives a test): each test starts without them."""
    cache.clear()
