"""Findings to appeal and exempt in the review tests, stored as the engine stores them, and their scores."""

import datetime
import itertools

from django.utils import timezone

from wuye.accounts.choices import Role
from wuye.compliance.catalogue import check as catalogue_check
from wuye.compliance.models import Finding, ScoreSnapshot
from wuye.compliance.review import Appeal, Exemption, ReviewStatusChange
from wuye.compliance.scores import compute_scores
from wuye.testing.personas import member

_serial = itertools.count(1)


def local(year, month, day, hour=0, minute=0, second=0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute, second))


def make_finding(world, side="inside", *, check_id="4.8.round_gap", found_at=None, **fields) -> Finding:
    """An open finding of ``check_id`` on the side's project (``project=None``: on its enterprise itself)."""
    where = getattr(world, side)
    spec = catalogue_check(check_id)
    found_at = found_at or timezone.now()
    project = fields.pop("project", where.project)
    subject = f"project:{project.pk}" if project else f"enterprise:{where.enterprise.pk}"
    values = {
        "key": f"{check_id}|{subject}|{next(_serial)}",
        "check_id": check_id,
        "clause_id": spec.clause_id,
        "subject": subject,
        "subject_name": project.name if project else where.enterprise.name,
        "project": project,
        "enterprise": where.enterprise,
        "division_id": project.division_id if project else where.enterprise.division_id,
        "party": spec.party,
        "severity": spec.severity,
        "points": spec.points,
        "veto": spec.veto,
        "message": "测试问题",
        "period_start": found_at - datetime.timedelta(hours=3),
        "first_found_at": found_at,
        **fields,
    }
    return Finding.objects.create(**values)


def outside_manager(world):
    """A manager of the enterprise on the outside (呼和浩特) side, for appeals filed there."""
    return member("manager_hs", Role.MANAGER, enterprise=world.outside.enterprise)


def snapshot(subject, as_of: datetime.datetime) -> ScoreSnapshot:
    """The subject's score as of ``as_of``, computed now."""
    compute_scores(as_of)
    return ScoreSnapshot.objects.get(subject=subject, on=timezone.localdate(as_of))


def project_score(world, as_of, side="inside") -> ScoreSnapshot:
    return snapshot(f"project:{getattr(world, side).project.pk}", as_of)


def rows() -> tuple[int, int, int, int]:
    """What the review writes: appeals, exemptions, status rows, withdrawn findings."""
    return (
        Appeal.objects.count(),
        Exemption.objects.count(),
        ReviewStatusChange.objects.count(),
        Finding.objects.filter(state="withdrawn").count(),
    )


def moves(obj) -> list[tuple[str, str, str]]:
    return [(c.from_status, c.to_status, c.by.username) for c in obj.status_changes.select_related("by")]
