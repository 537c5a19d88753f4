"""The weekly digests sent to regulators (the reminders themselves are servicedesk Notifications)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.core.scoping import ScopedManager, own_q


class RegulatorDigest(models.Model):
    """What changed in a regulator's divisions in the week before ``week_start``, as it was sent.

    Kept (``content``, the figures and rows as sent) so the digest can be read again; one per regulator
    and week, so the Monday job run twice sends it once.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("接收人"), on_delete=models.CASCADE, related_name="digests"
    )
    week_start = models.DateField(_("周报日期"))
    content = models.JSONField(_("内容"), default=dict)
    created_at = models.DateTimeField(_("生成时间"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("监管周报")
        verbose_name_plural = _("监管周报")
        ordering = ["-week_start", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "week_start"],
                name="digest_once_per_user_week",
                violation_error_message=_("本周周报已生成。"),
            )
        ]

    def __str__(self):
        return _("%(week)s 监管周报") % {"week": self.week_start}

    def get_absolute_url(self):
        return reverse("oversight-digest-detail", args=[self.pk])

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return own_q(scope)
