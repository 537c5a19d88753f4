"""Checks of oversight, one module per part, registered with the compliance engine on import."""

from wuye.oversight.checks import orders  # noqa: F401
