"""The check registry: each app's checks.py registers its checks here under their catalogue ids.

The engine finds checks only through this registry (it never imports a domain app); the meta-test
holds the registry and the catalogue to each other (a non-planned check without code, or code for a
check the catalogue does not name, fails).
"""

import datetime
from dataclasses import dataclass, field

from django.utils.module_loading import autodiscover_modules

from wuye.compliance.catalogue import check as catalogue_check

_REGISTRY: dict[str, type["Check"]] = {}


@dataclass
class FindingDraft:
    """What a check found, before the engine reconciles it with the findings already stored."""

    check_id: str
    subject: str  # "powerroom:5", "project:12", "enterprise:3", "certificate:7"
    subject_name: str
    period_start: datetime.datetime
    period_end: datetime.datetime | None
    message: str
    project_id: int | None = None
    enterprise_id: int | None = None
    division_id: str | None = None
    evidence: list[str] = field(default_factory=list)
    parameters: dict = field(default_factory=dict)

    @property
    def key(self) -> str:
        # In UTC, so the same moment gives the same key whichever zone the datetime came in.
        return f"{self.check_id}|{self.subject}|{self.period_start.astimezone(datetime.UTC).isoformat()}"


class Check:
    """One automatic check of the code. ``run`` yields FindingDrafts for the projects asked about.

    ``projects`` is None for every project (a full run) or a set of project ids (an incremental run
    that looks only at what changed); a check whose subjects are not per project ignores it.
    """

    check_id: str = ""
    # Looks only at the projects it is given (an incremental run); False: always every subject.
    incremental: bool = False
    # A condition that lasts (an expired licence): when no longer found, its finding is closed.
    # A miss in the records (a gap): when no longer found, the records were corrected: withdrawn.
    ends_when_gone: bool = True

    @property
    def spec(self):
        return catalogue_check(self.check_id)

    def run(self, as_of: datetime.datetime, projects: set[int] | None):
        return []


def register(check_id: str):
    def wrap(cls):
        if check_id in _REGISTRY:
            raise ValueError(f"check {check_id} registered twice")
        catalogue_check(check_id)  # KeyError for an id the catalogue does not name
        cls.check_id = check_id
        _REGISTRY[check_id] = cls
        return cls

    return wrap


def registered_checks() -> dict[str, type[Check]]:
    autodiscover_modules("checks")
    return dict(sorted(_REGISTRY.items()))
