"""Admin pages of the service desk: one module per part, registered on import."""

from wuye.servicedesk import admin_centres, admin_tickets  # noqa: F401
