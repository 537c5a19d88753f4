"""Records of the compliance engine: parameter overrides (findings, scores, appeals follow)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wuye.compliance.catalogue_schema import CatalogueError, parse_value
from wuye.core.scoping import NOTHING, ScopedManager, ScopedQuerySet, division_q


class ParameterOverrideQuerySet(ScopedQuerySet):
    def in_force(self):
        """Overrides not cancelled (whether their date has come is the caller's question)."""
        return self.filter(cancelled_at__isnull=True)


class ParameterOverride(models.Model):
    """A division's own value of a check parameter, in force from a date (inherited by divisions below)."""

    check_id = models.CharField(_("检查项"), max_length=60)
    name = models.CharField(_("参数"), max_length=60)
    division = models.ForeignKey("regions.Division", verbose_name=_("行政区划"), on_delete=models.PROTECT)
    valid_from = models.DateField(_("生效日期"))
    value = models.JSONField(_("取值"))
    reason = models.TextField(_("依据"))
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("设置人"), on_delete=models.PROTECT)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    # Append-only: a correction is a newer override; one not yet in force may be cancelled (kept, marked).
    cancelled_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("撤销人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    cancel_reason = models.TextField(_("撤销理由"), blank=True)

    objects = models.Manager.from_queryset(ParameterOverrideQuerySet)()

    class Meta:
        verbose_name = _("参数调整")
        verbose_name_plural = _("参数调整")
        constraints = [
            models.UniqueConstraint(
                fields=["check_id", "name", "division", "valid_from"],
                condition=Q(cancelled_at__isnull=True),
                name="parameter_override_unique",
                violation_error_message=_("该区划在该日期已有此参数的调整。"),
            )
        ]
        indexes = [
            models.Index(fields=["check_id", "name", "division", "valid_from"], name="override_lookup")
        ]

    def __str__(self):
        return f"{self.check_id}.{self.name} @ {self.division_id} {self.valid_from}: {self.value}"

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return division_q("division__code", scope)

    def clean(self):
        from wuye.compliance.parameters import parameter_spec

        try:
            spec = parameter_spec(self.check_id, self.name)
        except KeyError as error:
            raise ValidationError({"name": str(error)})
        try:
            parse_value(self.value, "value", spec.unit)
        except CatalogueError as error:
            raise ValidationError({"value": error.problem})


def project_or_enterprise_q(scope) -> Q:
    """Rows about a project are visible where the project is; rows about an enterprise itself (no
    project) where the enterprise is. Findings, exemptions and score snapshots all follow this rule."""
    from wuye.core.models import within
    from wuye.enterprises.models import Enterprise
    from wuye.estates.models import Project

    return within("project", Project, scope, write=False) | (
        Q(project__isnull=True) & within("enterprise", Enterprise, scope, write=False)
    )


class FindingState(models.TextChoices):
    OPEN = "open", _("未整改")
    CLOSED = "closed", _("已结束")
    WITHDRAWN = "withdrawn", _("已撤销")


class Finding(models.Model):
    """A check's result against a subject for a period: what went wrong, where, when, on which records."""

    key = models.CharField(_("标识"), max_length=200, unique=True, editable=False)
    check_id = models.CharField(_("检查项"), max_length=60)
    clause_id = models.CharField(_("条款"), max_length=6)
    subject = models.CharField(_("对象"), max_length=60)
    subject_name = models.CharField(_("对象名称"), max_length=200)
    project = models.ForeignKey(
        "estates.Project",
        verbose_name=_("项目"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="findings",
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("物业服务企业"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="findings",
    )
    division = models.ForeignKey(
        "regions.Division", verbose_name=_("行政区划"), null=True, blank=True, on_delete=models.PROTECT
    )
    party = models.CharField(_("责任方"), max_length=1)
    severity = models.CharField(_("严重程度"), max_length=10)
    points = models.PositiveSmallIntegerField(_("扣分"))
    veto = models.BooleanField(_("一票否决"), default=False)
    state = models.CharField(
        _("状态"), max_length=10, choices=FindingState.choices, default=FindingState.OPEN
    )
    message = models.TextField(_("说明"))
    period_start = models.DateTimeField(_("起始时间"))
    period_end = models.DateTimeField(_("结束时间"), null=True, blank=True)
    evidence = models.JSONField(_("依据记录"), default=list)
    parameters = models.JSONField(_("适用参数"), default=dict)
    first_found_at = models.DateTimeField(_("发现时间"))
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    withdrawn_reason = models.CharField(_("撤销原因"), max_length=200, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("问题")
        verbose_name_plural = _("问题")
        ordering = ["-period_start"]
        indexes = [
            models.Index(fields=["project", "state"], name="finding_project_state"),
            models.Index(fields=["enterprise", "state"], name="finding_enterprise_state"),
            models.Index(fields=["check_id", "subject"], name="finding_check_subject"),
            # An incremental run reconciles only the findings that begin in the windows it looked at.
            models.Index(fields=["check_id", "period_start"], name="finding_check_start"),
        ]

    def __str__(self):
        return f"{self.check_id} {self.subject_name}: {self.message}"

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return NOTHING if write else project_or_enterprise_q(scope)  # written by the engine only


class ScoreSnapshot(models.Model):
    """A project's or an enterprise's score and grade on a day, kept so trends can be drawn."""

    subject = models.CharField(_("对象"), max_length=40)  # "project:12" / "enterprise:3"
    project = models.ForeignKey(
        "estates.Project",
        verbose_name=_("项目"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="scores",
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("物业服务企业"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="scores",
    )
    on = models.DateField(_("日期"))
    score = models.DecimalField(_("得分"), max_digits=5, decimal_places=2)
    grade = models.CharField(_("等级"), max_length=1)
    points = models.DecimalField(_("扣分"), max_digits=6, decimal_places=2)
    open_findings = models.PositiveIntegerField(_("未整改问题数"))
    computed_at = models.DateTimeField(_("计算时间"), auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("评分")
        verbose_name_plural = _("评分")
        ordering = ["-on"]
        constraints = [models.UniqueConstraint(fields=["subject", "on"], name="score_one_per_day")]
        # The project and enterprise lists read each row's latest snapshot (a top-1 lookup per row).
        indexes = [
            models.Index(fields=["project", "-on"], name="score_project_latest"),
            models.Index(fields=["enterprise", "-on"], name="score_enterprise_latest"),
            # The dashboard and rankings read one day's snapshots, lowest score first.
            models.Index(fields=["on", "score"], name="score_day_rank"),
        ]

    def __str__(self):
        return f"{self.subject} {self.on}: {self.score} {self.grade}"

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return NOTHING if write else project_or_enterprise_q(scope)


class EvaluationRun(models.Model):
    """One run of the engine: when, as of when, full or incremental, and what it changed."""

    as_of = models.DateTimeField(_("评估时点"))
    full = models.BooleanField(_("全量"))
    started_at = models.DateTimeField(_("开始时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    projects = models.PositiveIntegerField(_("涉及项目数"), default=0)
    opened = models.PositiveIntegerField(_("新增问题"), default=0)
    closed = models.PositiveIntegerField(_("结束问题"), default=0)
    withdrawn = models.PositiveIntegerField(_("撤销问题"), default=0)

    class Meta:
        verbose_name = _("评估记录")
        verbose_name_plural = _("评估记录")
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.as_of:%Y-%m-%d %H:%M} {'full' if self.full else 'incremental'}"


from wuye.compliance.publication import GradePublication, PublishedGrade  # noqa: E402, F401
from wuye.compliance.review import Appeal, Exemption, ReviewStatusChange  # noqa: E402, F401
