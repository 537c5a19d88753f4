"""Test settings: the real settings with WUYE_ENV=test (built-in secrets, jobs run inline, fast hashing)."""

import os

os.environ.setdefault("WUYE_ENV", "test")

from wuye.settings import *  # noqa: E402, F403

# Still argon2, with a small memory cost so hundreds of test logins stay fast.
PASSWORD_HASHERS = ["wuye.accounts.hashers.TestArgon2PasswordHasher"]
# Each xdist worker gets its own cache namespace on the shared Redis.
CACHE_PREFIX = "wuye-test-" + os.environ.get("PYTEST_XDIST_WORKER", "main")
CACHES["default"]["KEY_PREFIX"] = CACHE_PREFIX  # noqa: F405
HUEY["name"] = CACHE_PREFIX  # noqa: F405
