from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.core import crypto
from wuye.core.models import RegistryModel, within
from wuye.core.scoping import NOTHING, ScopedManager, division_q, own_q
from wuye.core.validators import (
    area_name,
    mask_citizen_id,
    validate_citizen_id,
    validate_credit_code,
    validate_phone,
)
from wuye.enterprises.choices import CertificateKind, EmploymentStatus, EndReason, LicenceKind, PostKind
from wuye.regions.models import division_for_area


def served_project_model():
    return apps.get_model("estates", "Project"), apps.get_model("estates", "ServicePeriod")


class CreditCodeException(models.Model):
    """A credit code with a wrong check character that a regulator accepts as an early pilot code."""

    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    reason = models.TextField(_("理由"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), on_delete=models.PROTECT
    )
    granted_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("信用代码例外")
        verbose_name_plural = pgettext_lazy("plural", "信用代码例外")

    def __str__(self):
        return self.credit_code

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return Q() if scope.division_codes else NOTHING


class Enterprise(RegistryModel):
    """A property service enterprise (Party B) as registered: credit code, address, contacts."""

    name = models.CharField(_("企业名称"), max_length=100)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    division = models.ForeignKey(
        "regions.Division",
        verbose_name=_("登记地"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        help_text=_("由信用代码第3–8位自动确定；外省企业为空。"),
    )
    legal_representative = models.CharField(_("法定代表人"), max_length=50)
    address = models.CharField(_("办公地址"), max_length=200)
    service_phone = models.CharField(_("服务电话"), max_length=30, validators=[validate_phone])

    class Meta:
        verbose_name = _("物业服务企业")
        verbose_name_plural = pgettext_lazy("plural", "物业服务企业")
        ordering = ["name"]
        indexes = [models.Index(fields=["division", "name"], name="enterprise_division_name")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.division = division_for_area(self.credit_code[2:8])
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("enterprise-detail", args=[self.pk])

    def clean(self):
        exception = CreditCodeException.objects.filter(credit_code=self.credit_code.strip().upper()).exists()
        try:
            self.credit_code = validate_credit_code(self.credit_code, pilot_exception=exception)
        except ValidationError as error:
            raise ValidationError({"credit_code": error.messages})

    @property
    def registered_area(self) -> str:
        """Name of the area in the credit code, inside or outside Inner Mongolia."""
        return self.division.full_name if self.division else (area_name(self.credit_code[2:8]) or "")

    @classmethod
    def regulator_q(cls, scope) -> Q:
        Project, ServicePeriod = served_project_model()
        serving = ServicePeriod.objects.filter(division_q("project__division__code", scope)).values(
            "enterprise_id"
        )
        return (division_q("division__code", scope) | Q(pk__in=serving)) if scope.division_codes else NOTHING

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        own = Q(pk__in=scope.enterprise_ids)
        if write:
            return own | division_q("division__code", scope)
        visible = cls.regulator_q(scope)
        if scope.enterprise_ids:
            visible |= own
        if scope.enterprise_ids or scope.project_member_ids or scope.developer_ids or scope.household_ids:
            # Bound to divisions only, the projects he sees are those of his divisions: regulator_q's.
            Project, ServicePeriod = served_project_model()
            serving = ServicePeriod.objects.filter(within("project", Project, scope, write=False))
            visible |= Q(pk__in=serving.values("enterprise_id"))
        return visible


class EnterpriseOwned(RegistryModel):
    """Records of an enterprise's own: visible where the enterprise is, changed by its managers."""

    class Meta:
        abstract = True

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        if write:
            return Q(enterprise_id__in=scope.enterprise_ids)
        return within("enterprise", Enterprise, scope, write=False)


class Licence(EnterpriseOwned):
    """A licence or certificate of the enterprise (clause 1.1) with its validity and scan."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("企业"), on_delete=models.CASCADE, related_name="licences"
    )
    kind = models.CharField(_("证照类型"), max_length=30, choices=LicenceKind.choices)
    number = models.CharField(_("证照编号"), max_length=60)
    issuer = models.CharField(_("发证机关"), max_length=100)
    valid_from = models.DateField(_("有效期起"))
    valid_to = models.DateField(_("有效期止"), null=True, blank=True, help_text=_("长期有效请留空。"))
    scan = models.FileField(_("扫描件"), upload_to="licences/%Y/", blank=True)

    class Meta:
        verbose_name = _("证照")
        verbose_name_plural = pgettext_lazy("plural", "证照")
        ordering = ["enterprise", "kind", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                name="licence_valid_to_after_from",
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                violation_error_message=_("有效期止不得早于有效期起。"),
            )
        ]
        indexes = [models.Index(fields=["enterprise", "valid_to"], name="licence_enterprise_valid_to")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"

    def clean(self):
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("有效期止不得早于有效期起。")})

    @property
    def is_expired(self) -> bool:
        return self.valid_to is not None and self.valid_to < timezone.localdate()


class Staff(EnterpriseOwned):
    """An employee of an enterprise; the citizen ID number is stored encrypted and shown masked (PIPL)."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("企业"), on_delete=models.CASCADE, related_name="staff"
    )
    name = models.CharField(_("姓名"), max_length=50)
    id_number_encrypted = models.TextField(_("身份证号（密文）"), editable=False)
    id_number_hash = models.CharField(_("身份证号查找散列"), max_length=64, editable=False, db_index=True)
    id_number_masked = models.CharField(_("身份证号"), max_length=18, editable=False)
    phone = models.CharField(_("手机号"), max_length=20, validators=[validate_phone])
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登录账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff_records",
    )

    class Meta:
        verbose_name = _("员工")
        verbose_name_plural = pgettext_lazy("plural", "员工")
        ordering = ["enterprise", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "id_number_hash"],
                name="staff_unique_person_per_enterprise",
                violation_error_message=_("该企业已登记过此身份证号的员工。"),
            )
        ]

    def __str__(self):
        return self.name

    def set_id_number(self, raw: str) -> None:
        number = validate_citizen_id(raw)
        self.id_number_encrypted = crypto.encrypt(number)
        self.id_number_hash = crypto.lookup_hash(number)
        self.id_number_masked = mask_citizen_id(number)

    def reveal_id_number(self) -> str:
        """The full number; call only through actions.reveal_id_number, which checks and logs."""
        return crypto.decrypt(self.id_number_encrypted)

    @classmethod
    def find_by_id_number(cls, raw: str):
        return cls.objects.filter(id_number_hash=crypto.lookup_hash(validate_citizen_id(raw)))

    @classmethod
    def pii_q(cls, scope) -> Q:
        """Who may see the full ID number: the employer's managers and the regulators over it."""
        return Q(enterprise_id__in=scope.enterprise_ids) | Q(
            enterprise_id__in=Enterprise.objects.filter(Enterprise.regulator_q(scope)).values("pk")
        )

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        if write:
            return Q(enterprise_id__in=scope.enterprise_ids)
        colleagues = Post.objects.filter(project_id__in=scope.project_member_ids).values("staff_id")
        return cls.pii_q(scope) | Q(pk__in=colleagues) | own_q(scope)


class StaffOwned(RegistryModel):
    """Records about one employee: visible where the employee is, changed by the employer's managers."""

    class Meta:
        abstract = True

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("staff", Staff, scope, write=write)


class Post(StaffOwned):
    """An employee's post at a project (项目经理, 电工, ...) for a period."""

    staff = models.ForeignKey(Staff, verbose_name=_("员工"), on_delete=models.CASCADE, related_name="posts")
    project = models.ForeignKey(
        "estates.Project", verbose_name=_("项目"), on_delete=models.CASCADE, related_name="posts"
    )
    kind = models.CharField(_("岗位"), max_length=30, choices=PostKind.choices)
    start = models.DateField(_("任职起"))
    end = models.DateField(_("任职止"), null=True, blank=True)
    # The certificate shown for the post (clause 1.3): its holder must be this person. Any certificate
    # of the enterprise may be named, so that a borrowed one is recorded as it is, and found.
    certificate = models.ForeignKey(
        "Certificate",
        verbose_name=_("上岗证书"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posts",
        help_text=_("该岗位出示的证书；持证人应为任职本人。"),
    )

    class Meta:
        verbose_name = _("岗位")
        verbose_name_plural = pgettext_lazy("plural", "岗位")
        ordering = ["project", "kind"]
        indexes = [models.Index(fields=["project", "kind"], name="post_project_kind")]

    def __str__(self):
        return f"{self.staff} · {self.get_kind_display()}"

    def clean(self):
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("任职止不得早于任职起。")})
        if (
            self.certificate_id
            and self.staff_id
            and self.certificate.staff.enterprise_id != self.staff.enterprise_id
        ):
            raise ValidationError({"certificate": _("只能选择本企业登记的证书。")})


class Certificate(StaffOwned):
    """A certificate held by an employee (clause 1.3): the holder must be the person who works."""

    staff = models.ForeignKey(
        Staff, verbose_name=_("持证人"), on_delete=models.CASCADE, related_name="certificates"
    )
    kind = models.CharField(_("证书类型"), max_length=30, choices=CertificateKind.choices)
    number = models.CharField(_("证书编号"), max_length=60, db_index=True)
    issuer = models.CharField(_("发证机关"), max_length=100, blank=True)
    valid_from = models.DateField(_("有效期起"))
    valid_to = models.DateField(_("有效期止"), null=True, blank=True)
    scan = models.FileField(_("扫描件"), upload_to="certificates/%Y/", blank=True)

    class Meta:
        verbose_name = _("证书")
        verbose_name_plural = pgettext_lazy("plural", "证书")
        ordering = ["staff", "kind"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"

    def clean(self):
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("有效期止不得早于有效期起。")})


class Employment(StaffOwned):
    """An employment of a staff member with its labour contract (clause 1.4)."""

    staff = models.ForeignKey(
        Staff, verbose_name=_("员工"), on_delete=models.CASCADE, related_name="employments"
    )
    start_date = models.DateField(_("入职日期"))
    contract_start = models.DateField(_("劳动合同起"), null=True, blank=True)
    contract_end = models.DateField(_("劳动合同止"), null=True, blank=True, help_text=_("无固定期限请留空。"))
    status = models.CharField(_("状态"), max_length=10, choices=EmploymentStatus.choices, default="active")
    ended_on = models.DateField(_("离职日期"), null=True, blank=True)
    end_reason = models.CharField(_("离职原因"), max_length=30, choices=EndReason.choices, blank=True)

    class Meta:
        verbose_name = _("劳动关系")
        verbose_name_plural = pgettext_lazy("plural", "劳动关系")
        ordering = ["staff", "-start_date"]

    def __str__(self):
        return f"{self.staff} · {self.start_date}"

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        # Labour details are for the employer and the regulator, not for colleagues or owners.
        if write:
            return within("staff", Staff, scope, write=True)
        return Q(staff__in=Staff.objects.filter(Staff.pii_q(scope)))

    def clean(self):
        errors = {}
        if self.contract_end and self.contract_start and self.contract_end < self.contract_start:
            errors["contract_end"] = _("劳动合同止不得早于劳动合同起。")
        if self.status == EmploymentStatus.ENDED and not self.ended_on:
            errors["ended_on"] = _("离职状态须填写离职日期。")
        if self.status == EmploymentStatus.ENDED and not self.end_reason:
            errors["end_reason"] = _("离职状态须选择离职原因。")
        if self.ended_on and self.start_date and self.ended_on < self.start_date:
            errors["ended_on"] = _("离职日期不得早于入职日期。")
        if errors:
            raise ValidationError(errors)


class IdNumberDisclosure(models.Model):
    """A log line for each time someone saw an employee's full citizen ID number (PIPL)."""

    staff = models.ForeignKey(
        Staff, verbose_name=_("员工"), on_delete=models.CASCADE, related_name="disclosures"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("查看人"), on_delete=models.PROTECT)
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    channel = models.CharField(_("途径"), max_length=10)
    ip = models.GenericIPAddressField(_("IP地址"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("身份证号查看记录")
        verbose_name_plural = pgettext_lazy("plural", "身份证号查看记录")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.user} → {self.staff} @ {self.at:%Y-%m-%d %H:%M}"

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return NOTHING if write else Q(staff__in=Staff.objects.filter(Staff.pii_q(scope)))


# Wages, terminations, policies and training: a module of their own, part of this app's models.
from wuye.enterprises.models_people import *  # noqa: E402, F403
