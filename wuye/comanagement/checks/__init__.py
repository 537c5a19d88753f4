"""Checks of the comanagement duties, one module per part, registered with the compliance engine on import."""

from wuye.comanagement.checks import animals, construction, events  # noqa: F401
