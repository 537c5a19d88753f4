"""An onboarding import: the uploaded book, who sent it, how far its job got, and what came of it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.core.scoping import ScopedManager, own_q


class OnboardingStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    CHECKING = "checking", _("检查中")
    WRITING = "writing", _("写入中")
    DONE = "done", _("已导入")
    REJECTED = "rejected", _("未导入（有错误）")
    FAILED = "failed", _("出错")


FINISHED = (OnboardingStatus.DONE, OnboardingStatus.REJECTED, OnboardingStatus.FAILED)


class OnboardingBatch(models.Model):
    """One upload of the onboarding book, imported all or nothing by a background job."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("上传人"), on_delete=models.PROTECT
    )
    file = models.FileField(_("文件"), upload_to="onboarding/%Y/")
    filename = models.CharField(_("文件名"), max_length=200)
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=OnboardingStatus.choices, default=OnboardingStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("进度（%）"), default=0)
    stage = models.CharField(_("当前步骤"), max_length=60, blank=True)
    problems = models.JSONField(_("问题"), default=list, blank=True, help_text=_("[工作表, 行, 列, 原因]"))
    counts = models.JSONField(_("导入条数"), default=dict, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("批量建档导入")
        verbose_name_plural = pgettext_lazy("plural", "批量建档导入")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return self.filename

    def get_absolute_url(self):
        return reverse("onboarding-batch", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return own_q(scope, "uploaded_by_id")  # an upload is its uploader's (the administrator sees all)
