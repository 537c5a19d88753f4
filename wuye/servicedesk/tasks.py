"""The service desk's jobs, found by huey's autodiscovery of ``tasks`` modules: one module per part."""

from wuye.servicedesk import tasks_tickets  # noqa: F401
