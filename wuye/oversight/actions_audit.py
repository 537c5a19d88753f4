"""Use cases of the audit view: verify the evidence chains of a regulator's projects as a background job,
one stored result per project (when, intact or the first broken link)."""

from django.db import transaction
from django.utils import timezone

from wuye.core.verification import BrokenChain, verify_chains
from wuye.estates.models import Project
from wuye.oversight.actions_parameters import may_set_parameters
from wuye.oversight.models import ChainVerification


def may_audit(user) -> bool:
    return may_set_parameters(user)  # regulators (and operators)


@transaction.atomic
def request_verification(user, projects) -> list[int]:
    """Queue a verification of each of ``projects`` (a queryset, narrowed to what the user sees)."""
    from django.core.exceptions import PermissionDenied

    if not may_audit(user):
        raise PermissionDenied
    ids = list(projects.filter(pk__in=Project.objects.visible_to(user)).values_list("pk", flat=True))
    made = ChainVerification.objects.bulk_create(
        [ChainVerification(project_id=pk, requested_by=user) for pk in ids]
    )
    pending = [verification.pk for verification in made]
    from wuye.oversight.tasks_audit import verify_projects

    transaction.on_commit(lambda: verify_projects(pending))
    return pending


def run_verification(verification: ChainVerification) -> ChainVerification:
    """Walk the project's chain; store whether it is intact and, if not, its first broken link."""
    try:
        summary = verify_chains(f"project:{verification.project_id}")
    except BrokenChain as broken:
        verification.ok, verification.broken = False, str(broken)
    else:
        verification.ok, verification.records = True, summary.records
    verification.finished_at = timezone.now()
    verification.save(update_fields=["ok", "broken", "records", "finished_at"])
    return verification
