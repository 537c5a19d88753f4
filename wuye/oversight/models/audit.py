"""The audit view's stored results: each verification of a project's evidence chain (verify_evidence)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wuye.core.models import within
from wuye.core.scoping import ScopedManager


class ChainVerification(models.Model):
    """One walk of a project's evidence chain: when, by whose request, intact or the first broken link."""

    project = models.ForeignKey(
        "estates.Project", verbose_name=_("项目"), on_delete=models.CASCADE, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("申请人"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    ok = models.BooleanField(_("完好"), null=True)  # None while queued
    records = models.PositiveBigIntegerField(_("记录数"), default=0)
    broken = models.TextField(_("第一处断裂"), blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("证据链校验")
        verbose_name_plural = _("证据链校验")
        indexes = [models.Index(fields=["project", "-requested_at"], name="verification_latest")]

    def __str__(self):
        return f"project:{self.project_id} {self.requested_at:%Y-%m-%d %H:%M}"

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        from wuye.estates.models import Project

        return within("project", Project, scope, write=False)
