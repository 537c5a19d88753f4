"""The demo logins, one per role plus an operator, all with the password ``wuye-demo``.

``demo_logins()`` reads them back from the database, so ``make run`` can print them on every start
without seeding again; ``logins_table()`` lays them out for a terminal.
"""

import unicodedata
from typing import NamedTuple

from django.db.models import Prefetch

from wuye.accounts.choices import Role
from wuye.accounts.models import Membership, User
from wuye.enterprises.choices import PostKind
from wuye.enterprises.models import Staff
from wuye.estates.models import Owner
from wuye.regions.models import Division

DEMO_PASSWORD = "wuye-demo"
DEMO_USERNAMES = [
    "demo-regulator",
    "demo-regulator-bt",
    "demo-manager",
    "demo-staff",
    "demo-developer",
    "demo-committee",
    "demo-owner",
    "demo-admin",
]
ADMIN_ROLE = "运维管理员（超级用户）"


class DemoLogin(NamedTuple):
    username: str
    role: str
    bound_to: str


def create_demo_users(region, rng, names):
    """The seven role logins bound inside 包头市 (阳光花园 and its neighbours), and the operator."""
    home = region.projects["yangguang"]
    staff = region.staff["yangguang", PostKind.PROJECT_MANAGER]
    director = region.owners["yangguang"][0]  # the committee's director (build.COMMITTEE_POSITIONS)
    owner = region.owners["yangguang"][5]  # the first owner who is not on the committee
    manager_name = region.enterprises["lucheng"].legal_representative
    logins = [
        (
            "demo-regulator",
            names.name(),
            "",
            Role.REGULATOR,
            {"division": Division.objects.get(code="150000")},
        ),
        (
            "demo-regulator-bt",
            names.name(),
            "",
            Role.REGULATOR,
            {"division": Division.objects.get(code="150200")},
        ),
        ("demo-manager", manager_name, "", Role.MANAGER, {"enterprise": region.enterprises["lucheng"]}),
        ("demo-staff", staff.name, staff.phone, Role.STAFF, {"project": home}),
        ("demo-developer", names.name(), "", Role.DEVELOPER, {"developer": region.developers["jinxiu"]}),
        ("demo-committee", director.name, director.phone, Role.COMMITTEE, {"project": home}),
        (
            "demo-owner",
            owner.name,
            owner.phone,
            Role.OWNER,
            {"household": owner.households.order_by("pk").first()},
        ),
    ]
    users = {}
    for username, full_name, phone, role, binding in logins:
        user = User.objects.create_user(username, password=DEMO_PASSWORD, full_name=full_name, phone=phone)
        Membership.objects.create(user=user, role=role, **binding)
        users[username] = user
    User.objects.create_superuser("demo-admin", password=DEMO_PASSWORD, full_name=names.name())
    # The people behind the logins: the staff record of demo-staff, the owner records of the other two.
    Staff.objects.filter(pk=staff.pk).update(user=users["demo-staff"])
    Owner.objects.filter(pk=director.pk).update(user=users["demo-committee"])
    Owner.objects.filter(pk=owner.pk).update(user=users["demo-owner"])


def demo_logins() -> list[DemoLogin]:
    """The demo logins present in the database, in a fixed order: (username, role, what it is bound to)."""
    memberships = Membership.objects.filter(active=True).select_related(
        "division",
        "enterprise",
        "project__division__parent",
        "developer",
        "household__project",
        "household__building",
    )
    users = {
        user.username: user
        for user in User.objects.filter(username__in=DEMO_USERNAMES).prefetch_related(
            Prefetch("memberships", queryset=memberships.order_by("pk"))
        )
    }
    rows = []
    for username in DEMO_USERNAMES:
        user = users.get(username)
        if user is None:
            continue
        held = list(user.memberships.all())
        if not held:
            rows.append(
                DemoLogin(username, ADMIN_ROLE if user.is_superuser else "", "全部数据；管理后台 /admin/")
            )
            continue
        role = "；".join(str(m.get_role_display()) for m in held)
        rows.append(DemoLogin(username, role, "；".join(bound_to(m) for m in held)))
    return rows


def bound_to(membership) -> str:
    """What a membership covers, in words a newcomer understands."""
    role = membership.role
    if role == Role.REGULATOR:
        return f"{membership.division.name}（{membership.division.code}）"
    if role == Role.MANAGER:
        return membership.enterprise.name
    if role in (Role.STAFF, Role.COMMITTEE):
        return f"{membership.project.name}（{membership.project.division.full_name}）"
    if role == Role.DEVELOPER:
        projects = "、".join(membership.developer.projects.order_by("name").values_list("name", flat=True))
        return f"{membership.developer.name}（{projects}）" if projects else membership.developer.name
    household = membership.household
    return f"{household.project.name} {household}"


def logins_table(rows: list[DemoLogin], password: str = DEMO_PASSWORD) -> list[str]:
    """Lines of an aligned table (Chinese characters count two columns wide)."""
    header = ("用户名", "角色", "绑定对象", "密码")
    lines = [header] + [(row.username, row.role, row.bound_to, password) for row in rows]
    widths = [max(display_width(line[i]) for line in lines) for i in range(len(header) - 1)]
    return [
        "  ".join(pad(cell, width) for cell, width in zip(line, widths, strict=False)) + "  " + line[-1]
        for line in lines
    ]


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))
