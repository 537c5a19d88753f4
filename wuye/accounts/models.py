from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.accounts.choices import BINDING_FIELDS, ROLE_BINDING, Role
from wuye.core.scoping import Scope, ScopedManager, own_q


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


# -- owners joining ---------------------------------------------------------------------------------------


class InvitationCode(models.Model):
    """A one-time code with which an owner of a household opens his account (printed on a building's sheet).

    Only a keyed hash of the code is stored: the code itself is shown once, on the sheet printed when it
    was issued. A code is used once; printing a new sheet revokes the household's unused codes.
    """

    household = models.ForeignKey(
        "estates.Household", verbose_name=_("房屋"), on_delete=models.CASCADE, related_name="invitation_codes"
    )
    code_hash = models.CharField(_("邀请码摘要"), max_length=64, unique=True, editable=False)
    hint = models.CharField(_("邀请码末四位"), max_length=4, editable=False)
    issued_by = models.ForeignKey(
        User, verbose_name=_("发放人"), on_delete=models.PROTECT, related_name="+", editable=False
    )
    issued_at = models.DateTimeField(_("发放时间"), auto_now_add=True)
    used_at = models.DateTimeField(_("使用时间"), null=True, blank=True, editable=False)
    used_by = models.ForeignKey(
        User, verbose_name=_("使用人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revoked_at = models.DateTimeField(_("作废时间"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("业主邀请码")
        verbose_name_plural = pgettext_lazy("plural", "业主邀请码")
        ordering = ["-issued_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(used_at__isnull=True) | Q(revoked_at__isnull=True),
                name="invitation_used_or_revoked",
                violation_error_message=_("邀请码不能既已使用又已作废。"),
            )
        ]
        indexes = [
            models.Index(fields=["household", "used_at", "revoked_at"], name="invitation_household_open")
        ]

    def __str__(self):
        return f"{self.household} ····{self.hint}"

    @property
    def state(self) -> str:
        if self.used_at:
            return _("已使用")
        if self.revoked_at:
            return _("已作废")
        return _("未使用")


class JoinRequestStatus(models.TextChoices):
    PENDING = "pending", _("待核实")
    CONFIRMED = "confirmed", _("已确认")
    REFUSED = "refused", _("未通过")


class JoinRequest(models.Model):
    """A person's request to be bound to a household as its owner, confirmed or refused by the committee."""

    user = models.ForeignKey(
        User, verbose_name=_("申请账号"), on_delete=models.CASCADE, related_name="join_requests"
    )
    household = models.ForeignKey(
        "estates.Household", verbose_name=_("房屋"), on_delete=models.CASCADE, related_name="join_requests"
    )
    name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("手机号"), max_length=20)
    status = models.CharField(
        _("状态"), max_length=10, choices=JoinRequestStatus.choices, default=JoinRequestStatus.PENDING
    )
    created_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        User, verbose_name=_("处理人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("说明"), max_length=200, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("业主绑定申请")
        verbose_name_plural = pgettext_lazy("plural", "业主绑定申请")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "household"],
                condition=Q(status="pending"),
                name="joinrequest_one_pending",
                violation_error_message=_("您已提交过该房屋的申请，请等待业主委员会核实。"),
            )
        ]
        indexes = [models.Index(fields=["status", "household"], name="joinrequest_status_household")]

    def __str__(self):
        return f"{self.name} → {self.household}"

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        # The committee of the household's project decides; the applicant follows his own requests.
        committee = Q(household__project_id__in=scope.committee_project_ids)
        return committee if write else committee | own_q(scope)


class JoinRequestEvent(models.Model):
    """One move of a join request (who moved it from which status to which, when)."""

    request = models.ForeignKey(
        JoinRequest, verbose_name=_("申请"), on_delete=models.CASCADE, related_name="events"
    )
    old_status = models.CharField(_("原状态"), max_length=10, choices=JoinRequestStatus.choices)
    new_status = models.CharField(_("新状态"), max_length=10, choices=JoinRequestStatus.choices)
    by = models.ForeignKey(User, verbose_name=_("操作人"), on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("申请处理记录")
        verbose_name_plural = pgettext_lazy("plural", "申请处理记录")
        ordering = ["at"]
        indexes = [models.Index(fields=["request", "at"], name="joinrequestevent_request_at")]

    def __str__(self):
        return f"{self.request} {self.old_status}→{self.new_status}"
