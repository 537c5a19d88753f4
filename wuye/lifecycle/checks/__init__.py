"""Checks of the lifecycle duties, one module per part, registered with the compliance engine on import."""

from wuye.lifecycle.checks import exit, takeover  # noqa: F401
