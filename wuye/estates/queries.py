"""Query expressions about projects that several pages share (home, list filters, detail, export)."""

from django.db.models import Exists, OuterRef, Subquery

from wuye.estates.models import ServiceContract, ServicePeriod

# A project's own periods and contracts are visible exactly where the project is (ProjectOwned),
# so these correlated subqueries on a visible project reveal nothing beyond it.


def serving_now():
    """True where an enterprise serves the project today."""
    return Exists(ServicePeriod.objects.current().filter(project=OuterRef("pk")))


def contract_in_force():
    """True where a service contract of the project is in force today."""
    return Exists(ServiceContract.objects.current().filter(project=OuterRef("pk")))


def current_enterprise_id():
    return Subquery(
        ServicePeriod.objects.current()
        .filter(project=OuterRef("pk"))
        .order_by("-start")
        .values("enterprise_id")[:1]
    )


def current_enterprise_name():
    return Subquery(
        ServicePeriod.objects.current()
        .filter(project=OuterRef("pk"))
        .order_by("-start")
        .values("enterprise__name")[:1]
    )


def without_contract(queryset):
    """Projects served today with no service contract in force (clause: service needs a contract)."""
    return queryset.filter(serving_now(), ~contract_in_force())
