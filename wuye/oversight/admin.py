"""Admin pages of oversight: one module per part."""

from wuye.oversight import admin_orders  # noqa: F401
