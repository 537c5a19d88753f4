"""Admin pages of the service desk."""

from wuye.servicedesk import admin_centres  # noqa: E402, F401
from wuye.servicedesk import admin_tickets  # noqa: E402, F401
