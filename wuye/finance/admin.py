"""Admin pages of money records: one module per part, registered on import."""

from wuye.finance import admin_commonareas, admin_parking, admin_statements  # noqa: F401
