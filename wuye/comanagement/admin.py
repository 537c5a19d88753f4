"""Admin pages of comanagement: one module per part, registered on import."""

from wuye.comanagement import admin_animals, admin_construction  # noqa: F401
