"""Rectification items (整改事项) of clause 3.7: a problem a survey raised, who fixes it, by when, and
the closure that proves the fix (evidence)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.models import RegistryModel, within
from wuye.estates.models import Project
from wuye.servicedesk.dues_surveys import rectification_deadline
from wuye.servicedesk.models.surveys import (
    Answer,
    Question,
    Survey,
    SurveyRecord,
    company_q,
    project_readers_q,
)


class RectificationItem(RegistryModel):
    """A problem raised by a survey (maybe by one question or answer): who fixes it and by when."""

    project = models.ForeignKey(
        Project,
        verbose_name=_("项目"),
        on_delete=models.PROTECT,
        related_name="rectification_items",
        editable=False,
    )
    survey = models.ForeignKey(
        Survey, verbose_name=_("来源问卷"), on_delete=models.PROTECT, related_name="rectification_items"
    )
    question = models.ForeignKey(
        Question,
        verbose_name=_("相关题目"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answer = models.ForeignKey(
        Answer, verbose_name=_("相关答案"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    problem = models.TextField(_("存在的问题"))
    responsible = models.CharField(_("责任人"), max_length=50)
    raised_on = models.DateField(_("提出日期"))
    due_on = models.DateField(_("整改期限"), help_text=_("不填则按规定期限自动计算"))
    deadline = models.DateTimeField(_("整改截止时间"), editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("整改事项")
        verbose_name_plural = _("整改事项")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__gte=models.F("raised_on")),
                name="rectification_due_after_raised",
                violation_error_message=_("整改期限不能早于提出日期。"),
            )
        ]
        indexes = [
            models.Index(fields=["project", "deadline"], name="rectification_project_due"),
            models.Index(fields=["deadline"], name="rectification_deadline"),
            models.Index(fields=["survey"], name="rectification_survey"),
        ]

    def __str__(self):
        return self.problem[:40]

    def save(self, *args, **kwargs):
        self.project_id = self.survey.project_id
        self.deadline = rectification_deadline(self.due_on)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("rectification-detail", args=[self.pk])

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        # The company keeps them; the committee, the developer and regulators read them; owners do not.
        return company_q(scope) if write else project_readers_q(scope)


class RectificationClosure(SurveyRecord):
    """The fix of a rectification item: when it was done and what was done (a photo optional)."""

    item = models.OneToOneField(
        RectificationItem, verbose_name=_("整改事项"), on_delete=models.PROTECT, related_name="closure"
    )
    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="+", editable=False
    )
    note = models.TextField(_("整改情况"))

    class Meta(SurveyRecord.Meta):
        verbose_name = _("整改完成记录")
        verbose_name_plural = _("整改完成记录")
        ordering = ["-occurred_at", "-pk"]

    def __str__(self):
        return f"{self.item} ✓"

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("item", RectificationItem, scope, write=write)

    def validate_claim(self):
        if timezone.localtime(self.occurred_at).date() < self.item.raised_on:
            raise ValidationError({"occurred_at": _("完成时间不能早于问题提出日期。")})
