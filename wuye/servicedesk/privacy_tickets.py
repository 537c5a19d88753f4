"""Who sees a ticket's contact (name and phone) in full, and how it is masked to everyone else.

One rule for the pages and the API: the project's staff and the serving enterprise's managers (who
handle it), the regulators over the project, and the owners of the ticket's household see it; the
owners' committee and anyone else see it masked (个人信息保护法: only who needs it).
"""

from wuye.core.scoping import scope_of
from wuye.estates.permissions import can_record_duties


def mask_name(name: str) -> str:
    """王女士 → 王**."""
    return name[:1] + "*" * max(len(name) - 1, 1) if name else ""


def mask_phone(phone: str) -> str:
    """13800000001 → 138****0001."""
    return phone[:3] + "****" + phone[-4:] if len(phone) >= 8 else "*" * len(phone)


def sees_contacts(user, ticket, cache: dict | None = None) -> bool:
    """Whether ``user`` sees ``ticket``'s contact in full; ``cache`` (project id → bool) spares a list
    page one query per row."""
    scope = scope_of(user)
    if scope.everything or ticket.household_id in scope.household_ids:
        return True
    if any(ticket.project.division_id.startswith(prefix) for prefix in scope.division_prefixes):
        return True
    cache = {} if cache is None else cache
    if ticket.project_id not in cache:
        cache[ticket.project_id] = can_record_duties(user, ticket.project_id)
    return cache[ticket.project_id]
