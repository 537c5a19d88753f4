"""Checks of the service desk's duties, one module per part, registered with the compliance engine on import."""

from wuye.servicedesk.checks import centres, surveys, tickets  # noqa: F401
