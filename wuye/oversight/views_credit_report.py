"""The enterprise credit report (PDF): grade, score, twelve-month trend, findings in force with a summary of
their evidence, appeals and their outcomes, list status. For the regulators over the enterprise and its own
managers (another role that sees the enterprise: 403; one that does not: 404)."""

from collections import Counter

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from wuye.compliance.actions_publication import period_label
from wuye.compliance.models import Finding
from wuye.compliance.queries import latest_snapshot, score_trend, with_published_grade
from wuye.compliance.review import Appeal
from wuye.compliance.scores import findings_in_force
from wuye.core.scoping import scope_of
from wuye.enterprises.models import Enterprise
from wuye.estates.models import ServicePeriod
from wuye.oversight.credit import credit_lists
from wuye.oversight.dashboard import last_of_each_month
from wuye.oversight.pdf import pdf_response


def may_get_report(user, enterprise) -> bool:
    scope = scope_of(user)
    return scope.oversees or enterprise.pk in scope.enterprise_ids


def monthly_trend(user, subject: str, today) -> list[dict]:
    """The last snapshot of each month of the last twelve, oldest first."""
    rows = last_of_each_month(score_trend(user, subject, today), lambda row: row[0][:7])
    return [{"month": day[:7], "day": day, "score": score, "grade": grade} for day, score, grade in rows]


def evidence_summary(evidence: list) -> str:
    """“12 条（巡更记录 8，…）”: how many rows, of which kinds (the model part of "model:id")."""
    kinds = Counter(str(item).split(":", 1)[0] for item in evidence)
    return ", ".join(f"{kind} {count}" for kind, count in kinds.most_common())


@login_required
def credit_report(request, pk: int):
    user = request.user
    enterprise = get_object_or_404(
        with_published_grade(Enterprise.objects.visible_to(user)).select_related("division"), pk=pk
    )
    if not may_get_report(user, enterprise):
        raise PermissionDenied
    now = timezone.now()
    today = timezone.localdate(now)
    served = ServicePeriod.objects.current(today).filter(enterprise=enterprise).values("project_id")
    findings = list(
        (Finding.objects.visible_to(user) & findings_in_force(now))
        .filter(Q(enterprise=enterprise) | Q(project_id__in=served))
        .order_by("clause_id", "-period_start")
    )
    for finding in findings:
        finding.evidence_count = len(finding.evidence)
        finding.evidence_kinds = evidence_summary(finding.evidence)
    appeals = (
        Appeal.objects.visible_to(user)
        .filter(Q(finding__enterprise=enterprise) | Q(finding__project_id__in=served))
        .select_related("finding")
        .order_by("-filed_at")
    )
    subject = f"enterprise:{enterprise.pk}"
    context = {
        "enterprise": enterprise,
        "snapshot": latest_snapshot(user, subject),
        "published_period": (
            period_label(enterprise.published_period_start, enterprise.published_period_end)
            if enterprise.published_grade
            else ""
        ),
        "trend": monthly_trend(user, subject, today),
        "findings": findings,
        "appeals": appeals,
        "entry": credit_lists([enterprise.pk], today).get(enterprise.pk),
        "generated_at": timezone.localtime(now).strftime("%Y-%m-%d %H:%M"),
    }
    filename = f"{enterprise.name}-{today:%Y%m%d}.pdf"
    return pdf_response("oversight/credit_report.html", context, request=request, filename=filename)
