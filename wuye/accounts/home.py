"""The sections of the home page, one per role the user holds, each read through the user's scope.

A user may hold several memberships (a manager who also owns a flat): each gives its own section.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.accounts.choices import Role
from wuye.accounts.templatetags.wuye_ui import validity_state
from wuye.compliance.queries import latest_snapshot, with_latest_score
from wuye.compliance.review import Appeal, AppealStatus, Exemption, ExemptionStatus
from wuye.core.scoping import in_division
from wuye.enterprises.models import Enterprise, Licence, Staff
from wuye.estates.models import Household, Project, ServiceContract, ServicePeriod
from wuye.estates.queries import current_enterprise_name, without_contract


@dataclass
class Section:
    role: str
    title: str
    items: list = field(default_factory=list)
    summary: dict = field(default_factory=dict)


def home_sections(user) -> list[Section]:
    memberships = list(
        user.memberships.filter(active=True).select_related(
            "division__parent", "enterprise", "developer", "household__building"
        )
    )
    by_role: dict[str, list] = {}
    for membership in memberships:
        by_role.setdefault(membership.role, []).append(membership)
    sections = []
    if user.is_superuser:
        sections.append(operator_section(user))
    labels = dict(Role.choices)
    for role in Role.values:
        if role not in by_role:
            continue
        if role == Role.REGULATOR:
            sections.append(regulator_section(user, by_role[role], labels[role]))
        elif role == Role.MANAGER:
            sections.append(manager_section(user, by_role[role], labels[role]))
        else:
            sections.append(project_section(user, role, by_role[role], labels[role]))
    return sections


def operator_section(user) -> Section:
    return Section(
        role="operator",
        title=_("平台运维"),
        items=[
            {
                "enterprises": Enterprise.objects.visible_to(user).count(),
                "projects": Project.objects.visible_to(user).count(),
            }
        ],
    )


def regulator_section(user, memberships, title) -> Section:
    """Per division: how many projects and enterprises, and the faults that need a look first."""
    appeals = Appeal.objects.visible_to(user).filter(status=AppealStatus.FILED)
    section = Section(
        role=Role.REGULATOR,
        title=title,
        summary={
            "appeals": appeals.count(),
            "overdue": appeals.overdue(timezone.now()).count(),
            "exemptions": Exemption.objects.visible_to(user).filter(status=ExemptionStatus.REQUESTED).count(),
        },
    )
    today = timezone.localdate()
    expired = Licence.objects.filter(enterprise=OuterRef("pk"), valid_to__lt=today)
    for membership in memberships:
        division = membership.division
        projects = in_division(Project.objects.visible_to(user), "division", division.code)
        enterprises = in_division(Enterprise.objects.visible_to(user), "division", division.code)
        section.items.append(
            {
                "division": division,
                "projects": projects.count(),
                "enterprises": enterprises.count(),
                "expired": enterprises.filter(Exists(expired)).count(),
                "without_contract": without_contract(projects).count(),
            }
        )
    return section


def manager_section(user, memberships, title) -> Section:
    """Per enterprise: its projects, licences (expired and expiring marked), staff and contracts."""
    section = Section(role=Role.MANAGER, title=title)
    today = timezone.localdate()
    for membership in memberships:
        enterprise = membership.enterprise
        licences = list(Licence.objects.visible_to(user).filter(enterprise=enterprise).order_by("valid_to"))
        periods = list(
            ServicePeriod.objects.visible_to(user)
            .current()
            .filter(enterprise=enterprise)
            .select_related("project__division__parent")
            .order_by("project__name")
        )
        served = Project.objects.visible_to(user).filter(pk__in=[p.project_id for p in periods])
        lacking = set(without_contract(served).values_list("pk", flat=True))
        grades = {
            row["pk"]: row
            for row in with_latest_score(served, "project").values("pk", "latest_grade", "latest_score")
        }
        section.items.append(
            {
                "enterprise": enterprise,
                "snapshot": latest_snapshot(user, f"enterprise:{enterprise.pk}"),
                "periods": [
                    (period, period.project_id in lacking, grades.get(period.project_id, {}))
                    for period in periods
                ],
                "licences": licences,
                "expired": sum(1 for lic in licences if validity_state(lic.valid_to, today) == "expired"),
                "expiring": sum(1 for lic in licences if validity_state(lic.valid_to, today) == "expiring"),
                "staff_count": Staff.objects.visible_to(user).filter(enterprise=enterprise).count(),
                "contracts": list(
                    ServiceContract.objects.visible_to(user)
                    .filter(enterprise=enterprise)
                    .select_related("project")
                    .order_by("-start")[:20]
                ),
            }
        )
    return section


def project_section(user, role, memberships, title) -> Section:
    """Staff, committee members, developers and owners: their project(s), with a link to each."""
    if role in (Role.STAFF, Role.COMMITTEE):
        wanted = {"pk__in": [m.project_id for m in memberships]}
    elif role == Role.DEVELOPER:
        wanted = {"developer_id__in": [m.developer_id for m in memberships]}
    else:
        wanted = {"pk__in": [m.household.project_id for m in memberships]}
    projects = list(
        with_latest_score(
            Project.objects.visible_to(user)
            .filter(**wanted)
            .select_related("division__parent")
            .annotate(current_enterprise=current_enterprise_name())
            .order_by("name"),
            "project",
        )
    )
    households: dict[int, list] = {}
    if role == Role.OWNER:
        own = Household.objects.visible_to(user).filter(pk__in=[m.household_id for m in memberships])
        for household in own.select_related("building"):
            households.setdefault(household.project_id, []).append(household)
    return Section(
        role=role,
        title=title,
        items=[{"project": p, "households": households.get(p.pk, [])} for p in projects],
    )
