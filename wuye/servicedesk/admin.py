"""Admin pages of the service desk."""

from wuye.servicedesk import admin_tickets  # noqa: E402, F401
