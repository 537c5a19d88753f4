from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.accounts.choices import BINDING_FIELDS, ROLE_BINDING, Role
from wuye.core.scoping import Scope


class User(AbstractUser):
    """A person who signs in; what he may see comes only from his memberships."""

    full_name = models.CharField(_("姓名"), max_length=50, blank=True)
    phone = models.CharField(_("手机号"), max_length=20, blank=True)

    objects = UserManager()

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = pgettext_lazy("plural", "用户")

    def __str__(self):
        return self.full_name or self.username

    def build_scope(self) -> Scope:
        if self.is_superuser:
            return Scope(everything=True, user_id=self.pk)
        bound: dict[str, set] = {
            "division_codes": set(),
            "enterprise_ids": set(),
            "staff_project_ids": set(),
            "developer_ids": set(),
            "committee_project_ids": set(),
            "household_ids": set(),
        }
        target = {
            Role.REGULATOR: ("division_codes", "division_id"),
            Role.MANAGER: ("enterprise_ids", "enterprise_id"),
            Role.STAFF: ("staff_project_ids", "project_id"),
            Role.DEVELOPER: ("developer_ids", "developer_id"),
            Role.COMMITTEE: ("committee_project_ids", "project_id"),
            Role.OWNER: ("household_ids", "household_id"),
        }
        for membership in self.memberships.filter(active=True).values(
            "role", *[f + "_id" for f in BINDING_FIELDS]
        ):
            key, field = target[membership["role"]]
            bound[key].add(membership[field])
        if not any(bound.values()):
            return Scope(user_id=self.pk)
        return Scope(user_id=self.pk, **{k: frozenset(v) for k, v in bound.items()})

    @property
    def roles(self) -> list[str]:
        return sorted({m.role for m in self.memberships.all() if m.active}, key=list(Role.values).index)


class Membership(models.Model):
    """One role a user holds, bound to what it covers (a division, an enterprise, a project, ...)."""

    user = models.ForeignKey(
        User, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    division = models.ForeignKey(
        "regions.Division", verbose_name=_("行政区划"), null=True, blank=True, on_delete=models.PROTECT
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("物业服务企业"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )
    project = models.ForeignKey(
        "estates.Project", verbose_name=_("项目"), null=True, blank=True, on_delete=models.CASCADE
    )
    developer = models.ForeignKey(
        "estates.Developer", verbose_name=_("建设单位"), null=True, blank=True, on_delete=models.CASCADE
    )
    household = models.ForeignKey(
        "estates.Household", verbose_name=_("房屋"), null=True, blank=True, on_delete=models.CASCADE
    )
    active = models.BooleanField(_("有效"), default=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("角色授权")
        verbose_name_plural = pgettext_lazy("plural", "角色授权")
        constraints = [
            models.CheckConstraint(
                name="membership_binding_matches_role",
                violation_error_message=_("角色与其绑定对象不符。"),
                condition=(
                    Q(
                        role=Role.REGULATOR,
                        division__isnull=False,
                        enterprise__isnull=True,
                        project__isnull=True,
                        developer__isnull=True,
                        household__isnull=True,
                    )
                    | Q(
                        role=Role.MANAGER,
                        enterprise__isnull=False,
                        division__isnull=True,
                        project__isnull=True,
                        developer__isnull=True,
                        household__isnull=True,
                    )
                    | Q(
                        role__in=[Role.STAFF, Role.COMMITTEE],
                        project__isnull=False,
                        division__isnull=True,
                        enterprise__isnull=True,
                        developer__isnull=True,
                        household__isnull=True,
                    )
                    | Q(
                        role=Role.DEVELOPER,
                        developer__isnull=False,
                        division__isnull=True,
                        enterprise__isnull=True,
                        project__isnull=True,
                        household__isnull=True,
                    )
                    | Q(
                        role=Role.OWNER,
                        household__isnull=False,
                        division__isnull=True,
                        enterprise__isnull=True,
                        project__isnull=True,
                        developer__isnull=True,
                    )
                ),
            ),
        ]
        indexes = [models.Index(fields=["user", "role"], name="membership_user_role")]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.bound_to}"

    @property
    def bound_to(self):
        return getattr(self, ROLE_BINDING[self.role])

    def clean(self):
        wanted = ROLE_BINDING.get(self.role)
        errors = {}
        for field in BINDING_FIELDS:
            value = getattr(self, field + "_id")
            if field == wanted and value is None:
                errors[field] = _("该角色必须绑定此项。")
            elif field != wanted and value is not None:
                errors[field] = _("该角色不绑定此项，请留空。")
        if errors:
            raise ValidationError(errors)
