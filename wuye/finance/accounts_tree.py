"""The default two-level account tree of the half-year statements (1.6), as data
(``data/default_accounts.json``).

Codes after the usual chart of a property company: 4xxx income, 5xxx expense; level 2 adds ".NN".
``ensure_default_accounts`` loads it once (idempotent: one query once loaded); projects add level-2
accounts of their own.
"""

import json
from functools import cache
from pathlib import Path

from django.db import transaction

TREE_FILE = Path(__file__).parent / "data" / "default_accounts.json"


@cache
def default_tree() -> list[dict]:
    """[{code, name, kind, children: [{code, name}]}] of the level-1 accounts, in order."""
    return json.loads(TREE_FILE.read_text(encoding="utf-8"))


@transaction.atomic
def ensure_default_accounts() -> None:
    """Create the default tree's accounts that are missing (project None); a no-op once loaded."""
    from wuye.finance.models import Account

    tree = default_tree()
    existing = set(Account.objects.filter(project=None).values_list("code", flat=True))
    if len(existing) >= sum(1 + len(top["children"]) for top in tree):
        return
    for position, top in enumerate(tree):
        parent, _created = Account.objects.get_or_create(
            project=None,
            code=top["code"],
            defaults={"name": top["name"], "kind": top["kind"], "position": position * 100},
        )
        for offset, child in enumerate(top["children"], start=1):
            Account.objects.get_or_create(
                project=None,
                code=child["code"],
                defaults={
                    "name": child["name"],
                    "kind": top["kind"],
                    "parent": parent,
                    "position": position * 100 + offset,
                },
            )
