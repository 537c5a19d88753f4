"""Admin pages of lifecycle: one module per part, registered on import."""

from wuye.lifecycle import admin_exit, admin_takeover  # noqa: F401
