"""Checks of the money duties, one module per part, registered with the compliance engine on import."""

from wuye.finance.checks import commonareas, fees, notices, parking, statements  # noqa: F401
