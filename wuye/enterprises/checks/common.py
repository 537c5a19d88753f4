"""What the registry checks of clauses 1.1, 1.3 and 1.4 share: date ranges, parameters per division."""

import datetime

from django.db.models import Q

from wuye.compliance.registry import FindingDraft

ONE_DAY = datetime.timedelta(days=1)
# Stands for an open end (no expiry, still in post) where the earlier of two ends is wanted.
OPEN_END = datetime.date(9999, 12, 31)


def in_force(on: datetime.date, start: str = "valid_from", end: str = "valid_to") -> Q:
    """Rows whose inclusive date range (an empty end: open-ended) covers the day ``on``."""
    return Q(**{f"{start}__lte": on}) & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": on}))


def in_divisions(lookup: str, division_ids) -> Q:
    """``lookup`` in the given division ids, None standing for enterprises outside Inner Mongolia."""
    q = Q(**{f"{lookup}__in": [d for d in division_ids if d is not None]})
    return q | Q(**{f"{lookup}__isnull": True}) if None in division_ids else q


def enterprise_draft(check, *, subject, subject_name, enterprise, division_id, **fields) -> FindingDraft:
    """A finding on the enterprise itself (no project): it comes off the enterprise's own score."""
    return FindingDraft(
        check_id=check.check_id,
        subject=subject,
        subject_name=subject_name,
        enterprise_id=enterprise,
        division_id=division_id,
        **fields,
    )
