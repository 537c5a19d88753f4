"""Publication of grades: a regulator reviews the grades of a period for its division and publishes them.

A draft copies the latest score snapshot of every project in the division and of every enterprise serving
them (one ``PublishedGrade`` row each); publishing it fixes who and when, and the rows never change again.
A correction is a new publication of the same division and period that supersedes the old one. Public
pages and lists read the published rows; internal pages read the live snapshots. The use cases are in
``wuye.compliance.actions_publication``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wuye.core.scoping import NOTHING, ScopedManager, division_q


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("待发布")
    PUBLISHED = "published", _("已发布")
    SUPERSEDED = "superseded", _("已更正")


class GradePublication(models.Model):
    """A regulator's publication of the grades of one period in its division: draft, published, superseded."""

    Status = PublicationStatus

    division = models.ForeignKey("regions.Division", verbose_name=_("行政区划"), on_delete=models.PROTECT)
    period_start = models.DateField(_("期间起"))
    period_end = models.DateField(_("期间止"))
    status = models.CharField(
        _("状态"), max_length=10, choices=PublicationStatus.choices, default=PublicationStatus.DRAFT
    )
    built_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("制作人"), on_delete=models.PROTECT, related_name="+"
    )
    built_at = models.DateTimeField(_("制作时间"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    supersedes = models.ForeignKey(
        "self",
        verbose_name=_("更正的发布"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ScopedManager()

    class Meta:
        verbose_name = _("等级发布")
        verbose_name_plural = _("等级发布")
        ordering = ["-period_start", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["division", "period_start"],
                condition=Q(status="published"),
                name="publication_one_in_force",
                violation_error_message=_("该区划该期间已有生效的发布。"),
            )
        ]
        indexes = [models.Index(fields=["status", "period_start"], name="publication_status_period")]

    def __str__(self):
        return f"{self.division_id} {self.period_start:%Y-%m} {self.get_status_display()}"

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return division_q("division__code", scope)  # regulators only, their divisions and below

    @property
    def is_draft(self) -> bool:
        return self.status == PublicationStatus.DRAFT


class PublishedGrade(models.Model):
    """One row of a publication: a project's or an enterprise's score and grade as the snapshot gave them."""

    publication = models.ForeignKey(
        GradePublication, verbose_name=_("等级发布"), on_delete=models.CASCADE, related_name="rows"
    )
    subject = models.CharField(_("对象"), max_length=40)  # "project:12" / "enterprise:3"
    subject_name = models.CharField(_("对象名称"), max_length=200)
    project = models.ForeignKey(
        "estates.Project",
        verbose_name=_("项目"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("物业服务企业"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    score = models.DecimalField(_("得分"), max_digits=5, decimal_places=2)
    grade = models.CharField(_("等级"), max_length=1)
    open_findings = models.PositiveIntegerField(_("未整改问题数"))
    snapshot_on = models.DateField(_("评分日期"))

    objects = ScopedManager()

    class Meta:
        verbose_name = _("发布的等级")
        verbose_name_plural = _("发布的等级")
        ordering = ["subject"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "subject"], name="published_grade_one_per_subject")
        ]
        indexes = [
            models.Index(fields=["enterprise", "publication"], name="published_grade_enterprise"),
            models.Index(fields=["project", "publication"], name="published_grade_project"),
        ]

    def __str__(self):
        return f"{self.subject} {self.grade}"

    def save(self, *args, **kwargs):
        if not self.publication.is_draft:
            raise ValidationError(_("已发布的等级不可更改；请发布更正。"))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if not self.publication.is_draft:
            raise ValidationError(_("已发布的等级不可删除；请发布更正。"))
        return super().delete(*args, **kwargs)

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        from wuye.compliance.models import project_or_enterprise_q

        return NOTHING if write else project_or_enterprise_q(scope)
