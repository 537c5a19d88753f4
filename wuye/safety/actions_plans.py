"""Use cases of clauses 3.4, 3.5, 4.5 and the entrance signs of 4.1: each takes the acting user.

Evidence (plans, reviews, drills, incidents, notices, archive documents, vehicle rules, sign photos)
is recorded by those who record the project's duties (``can_record_duties``); the content of E-kind
evidence (vehicle rules, sign photos) is reviewed by the project's owners' committee members and the
regulators over it (``can_review_evidence``). Vehicles are registry data (``core.actions.save_record``).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.evidence import append_evidence
from wuye.core.scoping import division_q, scope_of
from wuye.estates.models import Project
from wuye.safety.actions import ensure_can_record
from wuye.safety.choices_plans import PlanReviewKind
from wuye.safety.models import ContentReview, EmergencyPlan, Entrance, Incident, PlanReview
from wuye.safety.models.reviews import REVIEWED


def can_review_evidence(user, project_id: int) -> bool:
    """The project's owners' committee members and the regulators over it (and the operators)."""
    scope = scope_of(user)
    if scope.everything or project_id in scope.committee_project_ids:
        return True
    if not scope.division_codes:
        return False
    return Project.objects.filter(division_q("division__code", scope), pk=project_id).exists()


def ensure_project_recorder(user, project_id: int) -> None:
    """404 for a project the user cannot see (the views have said so already), 403 if he only reads it."""
    if not Project.objects.visible_to(user).filter(pk=project_id).exists():
        raise PermissionDenied
    ensure_can_record(user, project_id)


@transaction.atomic
def record_project_evidence(user, record, *, channel: str, now=None):
    """Append a record of a project's own (a drill, a notice, an archive document, vehicle rules)."""
    ensure_project_recorder(user, record.project_id)
    return append_evidence(record, user=user, channel=channel, now=now)


@transaction.atomic
def record_plan(user, plan: EmergencyPlan, *, channel: str, now=None) -> EmergencyPlan:
    """Upload an approved plan; its approval is the first review, from which it is in force."""
    ensure_project_recorder(user, plan.project_id)
    now = now or timezone.now()
    append_evidence(plan, user=user, channel=channel, now=now)
    approval = PlanReview(
        plan=plan,
        kind=PlanReviewKind.APPROVAL,
        reviewer=plan.approved_by,
        conclusion=_("批准施行"),
        occurred_at=plan.occurred_at,
    )
    append_evidence(approval, user=user, channel=channel, now=now)
    return plan


@transaction.atomic
def review_plan(user, review: PlanReview, *, channel: str, now=None) -> PlanReview:
    """Record a yearly review of a plan (复核): the plan's type is in force a review period from it."""
    ensure_project_recorder(user, review.plan.project_id)
    review.kind = PlanReviewKind.REVIEW
    return append_evidence(review, user=user, channel=channel, now=now)


@transaction.atomic
def record_incident(user, incident: Incident, *, channel: str, now=None) -> Incident:
    """Record an incident, or correct one (``corrects``: its end came, the plan was started after all)."""
    ensure_project_recorder(user, incident.project_id)
    if incident.corrects_id is not None:
        old = Incident.objects.select_for_update().get(pk=incident.corrects_id)
        if old.project_id != incident.project_id:
            raise ValidationError({"corrects": _("只能更正本项目的记录。")})
    return append_evidence(incident, user=user, channel=channel, now=now)


@transaction.atomic
def record_sign_photo(user, photo, *, channel: str, now=None):
    """A photo of an entrance's signs, by those who record the entrance's project's duties."""
    if not Entrance.objects.visible_to(user).filter(pk=photo.entrance_id).exists():
        raise PermissionDenied
    ensure_can_record(user, photo.entrance.project_id)
    return append_evidence(photo, user=user, channel=channel, now=now)


@transaction.atomic
def review_content(user, target, *, verdict: str, note: str = "", channel: str, now=None) -> ContentReview:
    """A committee member's or a regulator's verdict on vehicle rules or a sign photo."""
    model = type(target)
    if model not in REVIEWED or not model.objects.visible_to(user).filter(pk=target.pk).exists():
        raise PermissionDenied
    if not can_review_evidence(user, target.project_id):
        raise PermissionDenied
    now = now or timezone.now()
    review = ContentReview(
        **{REVIEWED[model]: target},
        project_id=target.project_id,
        verdict=verdict,
        note=note.strip(),
        occurred_at=now,
    )
    return append_evidence(review, user=user, channel=channel, now=now)
