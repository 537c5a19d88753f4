"""A subject's scorecard: its latest score, the trend, its findings by clause, appeals and exemptions.

Built for one user at one moment, for a subject the user has already been shown through ``visible_to``
(the page's ``get_object``, 404 otherwise). The subject's findings, exemptions, snapshots and appeals are
visible exactly where the subject is (``project_or_enterprise_q``; an appeal where its finding is), so
that one check is the scope filter of the whole page: it is not rebuilt for every query. Which findings count, and
how much, comes from ``scores`` (the same functions the snapshots are computed with); what the user
may do about each finding comes from ``actions`` (the same rules the actions enforce).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Q, Sum, Window, prefetch_related_objects
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone

from wuye.compliance import actions
from wuye.compliance.catalogue import Clause, Label, load_catalogue
from wuye.compliance.catalogue import clause as catalogue_clause
from wuye.compliance.evidence_rows import attach_evidence
from wuye.compliance.models import Finding, FindingState, ScoreSnapshot
from wuye.compliance.queries import latest_snapshot, score_trend, trend_window
from wuye.compliance.review import (
    Appeal,
    AppealStatus,
    Exemption,
    ExemptionStatus,
    ReviewStatusChange,
)
from wuye.compliance.scores import counting_since, findings_in_force, setting
from wuye.core.scoping import scope_of

# Findings shown per clause before "show all": a year of nightly misses is 365 rows.
PER_CLAUSE = 20
REVIEWS_SHOWN = 50


@dataclass
class ClauseGroup:
    """The findings of one clause, and what they take off the score (capped per clause)."""

    clause: Clause
    findings: list = field(default_factory=list)
    total: int = 0  # every finding of the clause shown or not
    points: int = 0  # points of the findings that count

    @property
    def counted(self) -> int:
        return min(self.points, self.clause.cap)

    @property
    def capped(self) -> bool:
        return self.points > self.clause.cap

    @property
    def hidden(self) -> int:
        return self.total - len(self.findings)


@dataclass
class Scorecard:
    subject: str
    snapshot: ScoreSnapshot | None
    trend: list
    groups: list[ClauseGroup]
    not_counting: list  # withdrawn or exempted findings of the window: shown, never counted
    appeals: list
    exemptions: list
    may_exempt: bool
    grade_lines: dict
    trend_window: dict
    expanded: str = ""

    @property
    def deducted(self) -> int:
        return sum(group.counted for group in self.groups)


def history():
    return Prefetch(
        "status_changes",
        ReviewStatusChange.objects.select_related("by").order_by("at", "pk"),
        to_attr="moves",
    )


def newest_per_clause(findings, expanded: str):
    """At most PER_CLAUSE findings of each clause, newest first; every one of the ``expanded`` clause."""
    if expanded:
        return findings.filter(clause_id=expanded).order_by("-period_start", "-pk")
    ranked = findings.annotate(
        rank=Window(
            RowNumber(), partition_by=F("clause_id"), order_by=[F("period_start").desc(), F("pk").desc()]
        )
    )
    return ranked.filter(rank__lte=PER_CLAUSE).order_by("-period_start", "-pk")


def clause_of(clause_id: str) -> Clause:
    try:
        return catalogue_clause(clause_id)
    except KeyError:  # a clause since removed from the catalogue: still shown, with no text
        return Clause(
            id=clause_id, section=0, text="", name=Label(clause_id, clause_id), kind="", cap=0, checks=()
        )


def build_scorecard(
    user,
    *,
    subject: str,
    subject_q: Q,
    exemption_q: Q,
    project=None,
    enterprise=None,
    now: datetime.datetime,
    expanded: str = "",
) -> Scorecard:
    """``subject_q`` picks the subject's findings, ``exemption_q`` its exemptions; ``project`` or
    ``enterprise`` is the subject itself (for who may ask for an exemption)."""
    today = timezone.localdate(now)
    visible = Finding.objects.filter(subject_q)  # the subject is visible: so are its findings
    in_force = visible & findings_in_force(now)
    # One query for every clause's count and counted points, the way compute_scores adds them up.
    stats = (
        in_force.order_by()
        .values("clause_id")
        .annotate(n=Count("pk"), points=Coalesce(Sum("points", filter=Q(party="B")), 0))
    )
    groups = {
        row["clause_id"]: ClauseGroup(
            clause=clause_of(row["clause_id"]), total=row["n"], points=row["points"]
        )
        for row in stats
    }
    expanded = expanded if expanded in groups else ""
    appeals_of = Prefetch(
        "appeals",
        Appeal.objects.select_related("filed_by").order_by("-filed_at", "-pk"),  # of visible findings
        to_attr="appeal_list",
    )
    shown = list(newest_per_clause(in_force, expanded))
    since = counting_since(now)
    not_counting = list(
        visible.filter(
            Q(state=FindingState.WITHDRAWN, withdrawn_at__gte=since)
            | (Q(state=FindingState.OPEN) | Q(state=FindingState.CLOSED, closed_at__gte=since))
            & ~Q(pk__in=in_force.values("pk"))
        ).order_by("-period_start", "-pk")[:REVIEWS_SHOWN]
    )
    # Both lists' appeals in one query; a finding's pending appeal is among them (no subquery per row).
    prefetch_related_objects(shown + not_counting, appeals_of)
    for finding in shown + not_counting:
        finding.pending_appeal = any(appeal.status == AppealStatus.FILED for appeal in finding.appeal_list)
    attach_evidence(shown + not_counting, user)
    exemptions = list(
        Exemption.objects.filter(exemption_q)
        .select_related("requested_by", "decided_by")
        .prefetch_related(history())
        .order_by("-requested_at", "-pk")[:REVIEWS_SHOWN]
    )
    may_exempt = actions.may_request_exemption(user, project, enterprise, today)
    # Checks with a pending or current exemption: a second request would be refused as overlapping.
    covered = {
        e.check_id
        for e in exemptions
        if e.status == ExemptionStatus.REQUESTED
        or (e.status == ExemptionStatus.APPROVED and e.expires_on >= today)
    }
    shown_ids = {finding.pk for finding in shown}
    # A regulator orders the enterprise to rectify an open finding (issue 9's rectification orders).
    orders_rectification = scope_of(user).oversees
    for finding in shown + not_counting:
        finding.can_order = (
            orders_rectification
            and finding.state == FindingState.OPEN
            and finding.party == "B"
            and finding.enterprise_id is not None
        )
        finding.counts = finding.pk in shown_ids and finding.party == "B"
        finding.exempted = finding.pk not in shown_ids and finding.state != FindingState.WITHDRAWN
        finding.appeal_deadline = actions.appeal_deadline(finding)
        finding.can_appeal = actions.may_file_appeal(user, finding, now, pending=finding.pending_appeal)
        finding.can_exempt = (
            may_exempt
            and finding.state != FindingState.WITHDRAWN
            and finding.check_id not in covered
            and actions.exemptible(finding.check_id)
        )
    for finding in shown:
        groups[finding.clause_id].findings.append(finding)
    order = {clause.id: index for index, clause in enumerate(load_catalogue().clauses)}
    appeals = list(
        Appeal.objects.filter(finding__in=visible.values("pk"))
        .select_related("finding", "filed_by", "decided_by")
        .prefetch_related(history())
        .order_by("-filed_at", "-pk")[:REVIEWS_SHOWN]
    )
    return Scorecard(
        subject=subject,
        snapshot=latest_snapshot(user, subject, subject_seen=True),
        trend=score_trend(user, subject, today, subject_seen=True),
        groups=sorted(groups.values(), key=lambda g: order.get(g.clause.id, len(order))),
        not_counting=not_counting,
        appeals=appeals,
        exemptions=exemptions,
        may_exempt=may_exempt,
        grade_lines={grade: setting(f"grade_{grade.lower()}_min") for grade in ("A", "B", "C")},
        trend_window=trend_window(today),
        expanded=expanded,
    )
