"""Who reads and writes the co-management records: the company serving the project writes them; its
readers (staff, company, committee, developer, regulators) read them; an owner reads his household's."""

from dataclasses import replace

from django.db.models import Q

from wuye.core.models import within
from wuye.estates.models import Project, ServicePeriod


def company_q(scope, lookup: str = "project_id") -> Q:
    """Rows of the projects the user runs: his own project as staff, those his enterprise serves now."""
    served_now = ServicePeriod.objects.current().filter(enterprise_id__in=scope.enterprise_ids)
    return Q(**{f"{lookup}__in": scope.staff_project_ids}) | Q(
        **{f"{lookup}__in": served_now.values("project_id")}
    )


def project_readers_q(scope, lookup: str = "project") -> Q:
    """Rows of a project its staff, company, committee, developer and regulators read (not its owners)."""
    return within(lookup, Project, replace(scope, household_ids=frozenset()), write=False)


def household_records_q(scope, *, write: bool) -> Q:
    """Written by the company; read by the project's readers and by the owner of the household."""
    if write:
        return company_q(scope)
    return project_readers_q(scope) | Q(household_id__in=scope.household_ids)
