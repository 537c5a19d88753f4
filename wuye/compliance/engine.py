"""The evaluation: run every registered check, reconcile its drafts with the stored findings, score.

Idempotent: a finding is identified by (check, subject, period start), so a second run over the same
records changes nothing. Incremental: a rolling duty (``run_since``) reads only, per subject, the
records from the last one before its earliest change since the last run, and the engine reconciles only
the findings that begin there (duties.py); other checks that work per project look only at the
projects whose evidence changed (``EvidenceChain.updated_at``); open gaps and registry checks are cheap
and always looked at in full. The nightly full run catches what records do not show: a parameter
override, a subject's start date moved.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from wuye.compliance.catalogue import check as catalogue_check
from wuye.compliance.duties import Since, batches
from wuye.compliance.models import EvaluationRun, Finding, FindingState
from wuye.compliance.parameters import POINTS, preloaded, raw_param
from wuye.compliance.registry import FindingDraft, registered_checks
from wuye.compliance.review import exempt_subjects
from wuye.compliance.scores import compute_scores
from wuye.core.evidence import CLOCK_SKEW, EvidenceChain


def changed_projects(since: datetime.datetime | None) -> set[int] | None:
    """Projects whose evidence chain grew since ``since`` (None: no earlier run, so every project)."""
    if since is None:
        return None
    keys = EvidenceChain.objects.filter(updated_at__gte=since, key__startswith="project:").values_list(
        "key", flat=True
    )
    return {int(key.split(":", 1)[1]) for key in keys}


# A writer stamps ``recorded_at`` before it commits, so a record stamped just before a run read the
# database may have been committed just after: an incremental run takes as new whatever was received
# from this long before the last run began (a few more rows, never one missed). More than CLOCK_SKEW:
# a record claiming a time after the last run's as_of (which that run could not count) was received no
# earlier than CLOCK_SKEW before it, so it is among the new ones too.
RECEIPT_MARGIN = CLOCK_SKEW + datetime.timedelta(minutes=5)


def since_last(run: EvaluationRun) -> Since:
    """What ``run`` saw. Its ``as_of`` is the clock when a scheduled run began (``started_at`` a moment
    later); a run as of an earlier moment (tests, replays) saw at least what was received by then."""
    return Since(received=min(run.started_at, run.as_of) - RECEIPT_MARGIN, as_of=run.as_of)


@transaction.atomic
def evaluate(
    as_of: datetime.datetime | None = None,
    *,
    projects: set[int] | None = None,
    full: bool = False,
    checks: set[str] | None = None,
    scores: bool = True,
    log=None,
):
    """Evaluate every check as of ``as_of``, then score; returns the EvaluationRun with its counts.

    ``checks`` and ``scores=False`` are for benchmarks: a run of some checks is still the starting
    point of the next incremental run for every check, so scheduled runs never pass them.
    """
    as_of = as_of or timezone.now()
    log = log or (lambda message: None)
    since = None
    if projects is None and not full:
        last = EvaluationRun.objects.filter(finished_at__isnull=False).order_by("-started_at").first()
        # Before the last run's as_of, what changed since says nothing about then: look at everything.
        if last is not None and as_of >= last.as_of:
            projects = changed_projects(last.started_at)
            since = since_last(last)
    run = EvaluationRun.objects.create(as_of=as_of, full=projects is None, projects=len(projects or ()))
    # Every check reads its parameters from one snapshot of the overrides: a query per division, not per
    # parameter and project (a check looping over projects would otherwise ask for each).
    with preloaded():
        for check_id, check_class in registered_checks().items():
            if checks is not None and check_id not in checks:
                continue
            check = check_class()
            if since is not None and hasattr(check, "run_since"):
                scope, (drafts, windows) = None, check.run_since(as_of, since)
            else:
                scope = projects if check.incremental else None
                drafts, windows = check.run(as_of, scope), None
            drafts = Tally(drafts)  # streamed into reconcile, never all held at once
            counts = reconcile(check, drafts, scope, as_of, windows=windows)
            run.opened += counts["opened"]
            run.closed += counts["closed"]
            run.withdrawn += counts["withdrawn"]
            log(f"{check_id}: {drafts.count} found, {counts}")
    if scores:
        compute_scores(as_of)
    run.finished_at = timezone.now()
    run.save()
    return run


# Drafts are reconciled this many at a time: memory stays flat however many findings a run has.
RECONCILE_CHUNK = 1000
# What a draft can change in a stored finding (only these are read back to compare), and what ending one does.
COMPARED_FIELDS = [
    "state",
    "period_end",
    "message",
    "evidence",
    "parameters",
    "subject_name",
    "closed_at",
    "points",
]
UPDATED_FIELDS = [*COMPARED_FIELDS, "withdrawn_at", "withdrawn_reason"]


class Tally:
    """An iterable passed through, counted."""

    def __init__(self, items):
        self.items, self.count = items, 0

    def __iter__(self):
        for item in self.items:
            self.count += 1
            yield item


def reconcile(
    check,
    drafts,
    projects: set[int] | None,
    as_of: datetime.datetime,
    *,
    windows: dict | None = None,
) -> dict:
    """Bring the stored findings of one check in line with what it found now (``drafts``, an iterable).

    ``projects``: only those projects were looked at in full; ``windows`` ({subject: start}): only the
    findings of those subjects that begin at or after the start (all of them for None) were. A stored
    finding there that no draft names is no longer found.
    """
    # review.py: a subject exempted today gets no new findings and its stored ones stay as they are;
    # a withdrawn finding (an upheld appeal) keeps its key, so it is never opened again.
    spec = catalogue_check(check.check_id)
    exempt = exempt_subjects(check.check_id, timezone.localdate(as_of))
    mine = Finding.objects.filter(check_id=check.check_id).order_by()
    # Only what had begun by as_of: a look back in time must not touch findings that began later.
    live = mine.exclude(state=FindingState.WITHDRAWN).exclude(exempt.q())
    stored = live.filter(period_start__lte=as_of)
    counts = {"opened": 0, "closed": 0, "withdrawn": 0}
    found = set()
    for chunk in batched(drafts, RECONCILE_CHUNK):
        keys = [draft.key for draft in chunk]
        withdrawn = set(mine.filter(key__in=keys, state=FindingState.WITHDRAWN).values_list("key", flat=True))
        chunk = [
            d for d in chunk if d.key not in withdrawn and not exempt.covers(d.project_id, d.enterprise_id)
        ]
        found.update(draft.key for draft in chunk)
        points = {draft.key: with_points(draft, spec) for draft in chunk}
        # A draft is matched to its finding whenever that began (a check may date one after as_of: a bill
        # issued ahead of its month); only the closing below is limited to what had begun by as_of.
        matching = live.filter(key__in=[draft.key for draft in chunk]).only("key", *COMPARED_FIELDS)
        by_key = {finding.key: finding for finding in matching}
        new, changed = [], []
        for draft in chunk:
            finding = by_key.get(draft.key)
            if finding is None:
                new.append(new_finding(check.check_id, spec, draft, as_of, points[draft.key]))
                counts["opened"] += 1
            elif update_finding(finding, draft, counts, points[draft.key]):
                changed.append(finding)
        Finding.objects.bulk_create(new, batch_size=500)
        Finding.objects.bulk_update(changed, COMPARED_FIELDS, batch_size=500)
    # What was looked at (everything, the projects, the windows) and is no longer found.
    if windows is not None:
        looked_at = in_windows(stored.only("pk", "key", "subject", "period_start"), windows)
        gone = [finding.pk for finding in looked_at if finding.key not in found]
    else:
        looked_at = stored if projects is None else stored.filter(project_id__in=projects)
        rows = looked_at.values_list("pk", "key").iterator(chunk_size=5000)
        gone = [pk for pk, key in rows if key not in found]
    for pks in batched(gone, RECONCILE_CHUNK):
        changed = [
            finding
            for finding in Finding.objects.filter(pk__in=pks)
            if end_finding(check, finding, as_of, counts)
        ]
        Finding.objects.bulk_update(changed, UPDATED_FIELDS, batch_size=500)
    return counts


def batched(items, size: int):
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def with_points(draft: FindingDraft, spec) -> int:
    """The points of a finding: those in force in its division on the day it began (a division may
    override the catalogue's). Where an override changed them, the finding's ``parameters`` name the
    value applied beside the others; the catalogue's own points are on every finding already."""
    on = timezone.localdate(draft.period_start)
    points = int(raw_param(draft.check_id, POINTS, draft.division_id, on))
    if points != spec.points:
        draft.parameters = {**draft.parameters, POINTS: points}
    return points


def new_finding(check_id: str, spec, draft: FindingDraft, as_of, points: int) -> Finding:
    state = FindingState.OPEN if draft.period_end is None else FindingState.CLOSED
    return Finding(
        key=draft.key,
        check_id=check_id,
        clause_id=check_id.rsplit(".", 1)[0],
        subject=draft.subject,
        subject_name=draft.subject_name,
        project_id=draft.project_id,
        enterprise_id=draft.enterprise_id,
        division_id=draft.division_id,
        party=spec.party,
        severity=spec.severity,
        points=points,
        veto=spec.veto,
        state=state,
        message=draft.message,
        period_start=draft.period_start,
        period_end=draft.period_end,
        evidence=draft.evidence,
        parameters=draft.parameters,
        first_found_at=as_of,
        closed_at=draft.period_end if state == FindingState.CLOSED else None,
    )


def update_finding(finding: Finding, draft: FindingDraft, counts: dict, points: int) -> bool:
    """Bring a stored finding in line with its draft; whether anything changed."""
    state = FindingState.OPEN if draft.period_end is None else FindingState.CLOSED
    update = {
        "state": state,
        "period_end": draft.period_end,
        "message": draft.message,
        "evidence": draft.evidence,
        "parameters": draft.parameters,
        "subject_name": draft.subject_name,
        "points": points,
    }
    if state == FindingState.CLOSED:
        # When the miss ended, also after a late or corrected record moved its end (as a fresh run has it).
        update["closed_at"] = draft.period_end
        counts["closed"] += finding.state == FindingState.OPEN
    if all(getattr(finding, k) == v for k, v in update.items()):
        return False
    for k, v in update.items():
        setattr(finding, k, v)
    return True


def end_finding(check, finding: Finding, as_of, counts: dict) -> bool:
    """A stored finding no longer found: a lasting condition ended, a miss in the records was not one."""
    if check.ends_when_gone and finding.state == FindingState.OPEN:
        finding.state, finding.period_end, finding.closed_at = FindingState.CLOSED, as_of, as_of
        counts["closed"] += 1
        return True
    if not check.ends_when_gone:
        # The records now show no miss here (a correction, a late record that counts): not a fault.
        finding.state, finding.withdrawn_at = FindingState.WITHDRAWN, as_of
        finding.withdrawn_reason = "recomputed"
        counts["withdrawn"] += 1
        return True
    return False


def in_windows(stored, windows: dict):
    """The stored findings that begin in the windows (one query per batch of nearby window starts)."""
    whole = [subject for subject, start in windows.items() if start is None]
    if whole:
        yield from stored.filter(subject__in=whole)
    bounded = {subject: start for subject, start in windows.items() if start is not None}
    for subjects, bound in batches(bounded):
        for finding in stored.filter(subject__in=subjects, period_start__gte=bound):
            if finding.period_start >= bounded[finding.subject]:
                yield finding
