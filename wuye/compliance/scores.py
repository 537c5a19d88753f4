"""Scores and grades as DESIGN.md defines them, kept as one snapshot per subject per day.

Project score = base − the capped points of its Party B findings that count (open, or closed within
12 months; withdrawn never). Enterprise score = mean of the scores of the projects it serves −
the capped points of its own enterprise-level findings. An open veto finding forces grade D.
"""

import datetime
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from wuye.compliance.catalogue import clause as catalogue_clause
from wuye.compliance.catalogue import load_catalogue
from wuye.compliance.models import Finding, FindingState, ScoreSnapshot
from wuye.compliance.review import exempt_findings_q
from wuye.compliance.signals import scores_computed


def setting(name: str):
    return load_catalogue().default(name).default


def grade_of(score: Decimal, veto: bool) -> str:
    if veto:
        return "D"
    for grade, name in (("A", "grade_a_min"), ("B", "grade_b_min"), ("C", "grade_c_min")):
        if score >= setting(name):
            return grade
    return "D"


def counting_since(as_of: datetime.datetime) -> datetime.datetime:
    """The start of the counting window: a closed finding counts while it closed after this."""
    months = setting("finding_counts_for")
    return as_of - datetime.timedelta(days=round(months * 365.25 / 12))


def open_at_q(as_of: datetime.datetime) -> Q:
    """Findings that were open at ``as_of``: open now, or closed only after it (a look back in time)."""
    return Q(state=FindingState.OPEN) | Q(state=FindingState.CLOSED, closed_at__gt=as_of)


def findings_in_force(as_of: datetime.datetime):
    """Findings in force at ``as_of``, of either party: begun by then, and open, or closed within the
    counting window (never withdrawn), their check not exempted for their subject. A finding that began
    after ``as_of`` does not count then, so scores computed as of a past month end draw a true trend."""
    since = counting_since(as_of)
    return Finding.objects.filter(
        Q(state=FindingState.OPEN) | Q(state=FindingState.CLOSED, closed_at__gte=since),
        period_start__lte=as_of,
    ).exclude(exempt_findings_q(timezone.localdate(as_of)))


def counting_findings(as_of: datetime.datetime):
    """Findings that take points off a score now: Party B findings in force."""
    return findings_in_force(as_of).filter(party="B")


def capped_points(rows) -> dict:
    """{subject id: points} from (subject id, clause id, summed points) rows, capped per clause."""
    total = defaultdict(int)
    for subject_id, clause_id, points in rows:
        total[subject_id] += min(points, catalogue_clause(clause_id).cap)
    return total


def compute_scores(as_of: datetime.datetime) -> None:
    from wuye.estates.models import Project, ServicePeriod

    on = timezone.localdate(as_of)
    base = Decimal(setting("score_base"))
    counting = counting_findings(as_of)
    project_rows = (
        counting.filter(project__isnull=False)
        .values_list("project_id", "clause_id")
        .annotate(p=Sum("points"))
    )
    project_points = capped_points(project_rows)
    open_then = findings_in_force(as_of).filter(open_at_q(as_of), veto=True)
    vetoed_projects = set(open_then.filter(project__isnull=False).values_list("project_id", flat=True))
    open_counts = dict(
        counting.filter(open_at_q(as_of), project__isnull=False)
        .values("project_id")
        .annotate(n=Count("pk"))
        .values_list("project_id", "n")
    )
    scores = {}
    snapshots = []
    for project_id in Project.objects.values_list("pk", flat=True):
        points = Decimal(project_points.get(project_id, 0))
        score = max(base - points, Decimal(0))
        scores[project_id] = score
        snapshots.append(
            ScoreSnapshot(
                subject=f"project:{project_id}",
                project_id=project_id,
                on=on,
                score=score,
                points=points,
                grade=grade_of(score, project_id in vetoed_projects),
                open_findings=open_counts.get(project_id, 0),
            )
        )
    enterprise_rows = (
        counting.filter(project__isnull=True, enterprise__isnull=False)
        .values_list("enterprise_id", "clause_id")
        .annotate(p=Sum("points"))
    )
    enterprise_points = capped_points(enterprise_rows)
    vetoed_enterprises = set(
        open_then.filter(enterprise__isnull=False).values_list("enterprise_id", flat=True)
    )
    # An enterprise's open findings: its own and those of the projects it served when they arose.
    enterprise_open = dict(
        counting.filter(open_at_q(as_of), enterprise__isnull=False)
        .values("enterprise_id")
        .annotate(n=Count("pk"))
        .values_list("enterprise_id", "n")
    )
    served = defaultdict(list)
    for enterprise_id, project_id in ServicePeriod.objects.current(on).values_list(
        "enterprise_id", "project_id"
    ):
        served[enterprise_id].append(scores[project_id])
    from wuye.enterprises.models import Enterprise

    for enterprise_id in Enterprise.objects.values_list("pk", flat=True):
        mean = (
            sum(served[enterprise_id], Decimal(0)) / len(served[enterprise_id])
            if served[enterprise_id]
            else base
        )
        points = Decimal(enterprise_points.get(enterprise_id, 0))
        score = max(mean - points, Decimal(0)).quantize(Decimal("0.01"), ROUND_HALF_UP)
        snapshots.append(
            ScoreSnapshot(
                subject=f"enterprise:{enterprise_id}",
                enterprise_id=enterprise_id,
                on=on,
                score=score,
                points=points,
                grade=grade_of(score, enterprise_id in vetoed_enterprises),
                open_findings=enterprise_open.get(enterprise_id, 0),
            )
        )
    ScoreSnapshot.objects.filter(on=on).delete()
    ScoreSnapshot.objects.bulk_create(snapshots, batch_size=1000)
    scores_computed.send(sender=ScoreSnapshot, as_of=as_of, on=on)
