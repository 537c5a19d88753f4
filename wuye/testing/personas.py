"""Fixed personas for every role, and two mirrored worlds: one inside their scope, one outside.

After healthchecks' alice/bob/charlie: each role has one user, and every registry model has one
object in 包头市 (the side the bound users reach) and one in 呼和浩特市 (the side they must not).
The region-wide regulator reaches both; the stranger and anonymous reach neither.
"""

from dataclasses import dataclass, field
from types import SimpleNamespace

from wuye.accounts.choices import Role
from wuye.estates.choices import PartyAKind
from wuye.testing import factories as f

ROLES = [
    "regulator",
    "regulator_bt",
    "manager",
    "staff",
    "developer",
    "committee",
    "owner",
    "stranger",
    "admin",
]


@dataclass
class World:
    users: dict = field(default_factory=dict)
    inside: SimpleNamespace = None
    outside: SimpleNamespace = None


def build_side(label: str, area: str, division_code: str) -> SimpleNamespace:
    side = SimpleNamespace()
    side.developer = f.DeveloperFactory(name=f"{label}房地产开发有限公司", area=area)
    side.enterprise = f.EnterpriseFactory(name=f"{label}物业服务有限公司", area=area)
    side.project = f.ProjectFactory(
        name=f"{label}花园", division_code=division_code, developer=side.developer
    )
    side.period = f.ServicePeriodFactory(project=side.project, enterprise=side.enterprise)
    side.contract = f.ServiceContractFactory(
        project=side.project,
        enterprise=side.enterprise,
        party_a_kind=PartyAKind.DEVELOPER,
        developer=side.developer,
    )
    side.licence = f.LicenceFactory(enterprise=side.enterprise)
    side.staff = f.StaffFactory(enterprise=side.enterprise, name=f"{label}员工")
    side.post = f.PostFactory(staff=side.staff, project=side.project)
    side.certificate = f.CertificateFactory(staff=side.staff)
    side.employment = f.EmploymentFactory(staff=side.staff)
    side.building = f.BuildingFactory(project=side.project, name="1号楼")
    side.household = f.HouseholdFactory(building=side.building, number="101")
    side.neighbour = f.HouseholdFactory(building=side.building, number="102")
    side.owner = f.OwnerFactory(name=f"{label}业主", households=[side.household])
    side.committee = f.OwnersCommitteeFactory(project=side.project)
    side.member = f.CommitteeMemberFactory(committee=side.committee, owner=side.owner)
    return side


def member(username: str, role: str, **binding):
    user = f.UserFactory(username=username, full_name=username)
    f.MembershipFactory(user=user, role=role, **binding)
    return user


def build_world() -> World:
    world = World()
    world.inside = build_side("包头", area="150203", division_code="150203")
    world.outside = build_side("呼市", area="150105", division_code="150105")
    inside = world.inside
    world.users = {
        "regulator": member("regulator", Role.REGULATOR, division=f.division("150000")),
        "regulator_bt": member("regulator_bt", Role.REGULATOR, division=f.division("150200")),
        "manager": member("manager", Role.MANAGER, enterprise=inside.enterprise),
        "staff": member("staff", Role.STAFF, project=inside.project),
        "developer": member("developer", Role.DEVELOPER, developer=inside.developer),
        "committee": member("committee", Role.COMMITTEE, project=inside.project),
        "owner": member("owner", Role.OWNER, household=inside.household),
        "stranger": f.UserFactory(username="stranger"),
        "admin": f.UserFactory(username="admin", is_superuser=True, is_staff=True),
    }
    inside.staff.user = world.users["staff"]
    inside.staff.save()
    inside.owner.user = world.users["owner"]
    inside.owner.save()
    return world
