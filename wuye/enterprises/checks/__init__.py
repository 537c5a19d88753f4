"""Checks of the enterprise registry (clauses 1.1, 1.3 and 1.4), registered with the compliance engine.

Each is a set-based query over the registry as it stands; its findings last while the condition does
(``ends_when_gone``): a renewed licence, a certified manager appointed, a contract signed close them.
Enterprise-level findings have no project, so they come off the enterprise's own score. Importing
this package (``registered_checks()`` autodiscovers it) registers them all.
"""

from wuye.enterprises.checks import labour, managers, people  # noqa: F401  (registers their checks)
from wuye.enterprises.checks.licences import licences_expiring

__all__ = ["licences_expiring"]
