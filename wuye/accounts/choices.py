from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    REGULATOR = "regulator", _("监管部门")
    MANAGER = "manager", _("企业管理人员")
    STAFF = "staff", _("项目员工")
    DEVELOPER = "developer", _("建设单位")
    COMMITTEE = "committee", _("业主委员会委员")
    OWNER = "owner", _("业主")


# What each role is bound to: exactly this field of Membership is set, the others are empty.
ROLE_BINDING = {
    Role.REGULATOR: "division",
    Role.MANAGER: "enterprise",
    Role.STAFF: "project",
    Role.DEVELOPER: "developer",
    Role.COMMITTEE: "project",
    Role.OWNER: "household",
}
BINDING_FIELDS = ("division", "enterprise", "project", "developer", "household")
