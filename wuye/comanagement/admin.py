"""Admin pages of comanagement: one module per part, registered on import."""

from wuye.comanagement import admin_animals, admin_construction, admin_events  # noqa: F401
