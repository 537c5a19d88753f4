"""Who records a project's duties (rounds, patrols, tests): its own staff and the serving enterprise's managers.

Regulators, developers, committees and owners read the evidence; they do not write it.
"""

from wuye.core.scoping import scope_of
from wuye.estates.models import ServicePeriod


def can_record_duties(user, project_id: int) -> bool:
    scope = scope_of(user)
    if scope.everything or project_id in scope.staff_project_ids:
        return True
    if not scope.enterprise_ids:
        return False
    return (
        ServicePeriod.objects.current()
        .filter(project_id=project_id, enterprise_id__in=scope.enterprise_ids)
        .exists()
    )
