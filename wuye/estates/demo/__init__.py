"""Demo data for ``seed_demo``: a small Inner Mongolia region in Chinese, with deliberate faults.

``build_demo()`` builds it (see ``build.py`` for the faults); ``demo_logins()`` lists the demo
logins found in the database, for ``make run`` to print.
"""

from wuye.estates.demo.build import SEED, DemoRegion, build_demo
from wuye.estates.demo.logins import DEMO_PASSWORD, DEMO_USERNAMES, DemoLogin, demo_logins, logins_table

__all__ = [
    "DEMO_PASSWORD",
    "DEMO_USERNAMES",
    "SEED",
    "DemoLogin",
    "DemoRegion",
    "build_demo",
    "demo_logins",
    "logins_table",
]
