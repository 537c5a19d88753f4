"""The evaluation: run every registered check, reconcile its drafts with the stored findings, score.

Idempotent: a finding is identified by (check, subject, period start), so a second run over the same
records changes nothing. Incremental: checks that work per project look only at the projects whose
evidence changed since the last run (``EvidenceChain.updated_at``); open gaps and registry checks are
cheap and always looked at in full.
"""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from wuye.compliance.catalogue import check as catalogue_check
from wuye.compliance.models import EvaluationRun, Finding, FindingState
from wuye.compliance.registry import FindingDraft, registered_checks
from wuye.compliance.review import exempt_subjects
from wuye.compliance.scores import compute_scores
from wuye.core.evidence import EvidenceChain


def changed_projects(since: datetime.datetime | None) -> set[int] | None:
    """Projects whose evidence chain grew since ``since`` (None: no earlier run, so every project)."""
    if since is None:
        return None
    keys = EvidenceChain.objects.filter(updated_at__gte=since, key__startswith="project:").values_list(
        "key", flat=True
    )
    return {int(key.split(":", 1)[1]) for key in keys}


@transaction.atomic
def evaluate(
    as_of: datetime.datetime | None = None, *, projects: set[int] | None = None, full: bool = False, log=None
):
    """Evaluate every check as of ``as_of``; returns the EvaluationRun with its counts."""
    as_of = as_of or timezone.now()
    log = log or (lambda message: None)
    if projects is None and not full:
        last = EvaluationRun.objects.filter(finished_at__isnull=False).order_by("-started_at").first()
        projects = changed_projects(last.started_at if last else None)
    run = EvaluationRun.objects.create(as_of=as_of, full=projects is None, projects=len(projects or ()))
    for check_id, check_class in registered_checks().items():
        check = check_class()
        scope = projects if check.incremental else None
        drafts = list(check.run(as_of, scope))
        counts = reconcile(check, drafts, scope, as_of)
        run.opened += counts["opened"]
        run.closed += counts["closed"]
        run.withdrawn += counts["withdrawn"]
        log(f"{check_id}: {len(drafts)} found, {counts}")
    compute_scores(as_of)
    run.finished_at = timezone.now()
    run.save()
    return run


def reconcile(check, drafts: list[FindingDraft], projects: set[int] | None, as_of: datetime.datetime) -> dict:
    """Bring the stored findings of one check in line with what it found now."""
    spec = catalogue_check(check.check_id)
    clause_id = check.check_id.rsplit(".", 1)[0]
    # review.py: a subject exempted today gets no new findings and its stored ones stay as they are;
    # a withdrawn finding (an upheld appeal) keeps its key, so it is never opened again.
    exempt = exempt_subjects(check.check_id, timezone.localdate(as_of))
    withdrawn = set(
        Finding.objects.filter(check_id=check.check_id, state=FindingState.WITHDRAWN).values_list(
            "key", flat=True
        )
    )
    drafts = [
        d for d in drafts if d.key not in withdrawn and not exempt.covers(d.project_id, d.enterprise_id)
    ]
    # Only what had begun by as_of: a look back in time must not touch findings that began later.
    stored = Finding.objects.filter(check_id=check.check_id, period_start__lte=as_of).exclude(
        state=FindingState.WITHDRAWN
    )
    stored = stored.exclude(exempt.q())
    if projects is not None:
        # The projects looked at in full, and whatever else the check reported (e.g. open gaps elsewhere).
        stored = stored.filter(Q(project_id__in=projects) | Q(key__in=[draft.key for draft in drafts]))
    by_key = {finding.key: finding for finding in stored}
    counts = {"opened": 0, "closed": 0, "withdrawn": 0}
    new, changed = [], []
    for draft in drafts:
        state = FindingState.OPEN if draft.period_end is None else FindingState.CLOSED
        finding = by_key.pop(draft.key, None)
        if finding is None:
            new.append(
                Finding(
                    key=draft.key,
                    check_id=check.check_id,
                    clause_id=clause_id,
                    subject=draft.subject,
                    subject_name=draft.subject_name,
                    project_id=draft.project_id,
                    enterprise_id=draft.enterprise_id,
                    division_id=draft.division_id,
                    party=spec.party,
                    severity=spec.severity,
                    points=spec.points,
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
            )
            counts["opened"] += 1
            continue
        update = {
            "state": state,
            "period_end": draft.period_end,
            "message": draft.message,
            "evidence": draft.evidence,
            "parameters": draft.parameters,
            "subject_name": draft.subject_name,
        }
        if state == FindingState.CLOSED and finding.state == FindingState.OPEN:
            update["closed_at"] = draft.period_end
            counts["closed"] += 1
        if any(getattr(finding, k) != v for k, v in update.items()):
            for k, v in update.items():
                setattr(finding, k, v)
            changed.append(finding)
    for finding in by_key.values():  # no longer found
        if check.ends_when_gone and finding.state == FindingState.OPEN:
            finding.state, finding.period_end, finding.closed_at = FindingState.CLOSED, as_of, as_of
            counts["closed"] += 1
            changed.append(finding)
        elif not check.ends_when_gone:
            # The records now show no miss here (a correction, a late record that counts): not a fault.
            finding.state, finding.withdrawn_at = FindingState.WITHDRAWN, as_of
            finding.withdrawn_reason = "recomputed"
            counts["withdrawn"] += 1
            changed.append(finding)
    Finding.objects.bulk_create(new, batch_size=500)
    fields = [
        "state",
        "period_end",
        "message",
        "evidence",
        "parameters",
        "subject_name",
        "closed_at",
        "withdrawn_at",
        "withdrawn_reason",
    ]
    Finding.objects.bulk_update(changed, fields, batch_size=500)
    return counts
