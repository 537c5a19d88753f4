"""In-app notifications (站内通知): what a user is told about tickets, also sent by email."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.core.scoping import ScopedManager, own_q


class Notification(models.Model):
    """One message to one user (a move of his ticket, an assignment, a deadline, an escalation).

    ``key`` names what it is about ("ticketevent:12", "reminder:5:answer"): a job delivered twice,
    or a reminder looked at every quarter of an hour, still tells the user once.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("接收人"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    key = models.CharField(_("事由"), max_length=80)
    text = models.CharField(_("内容"), max_length=300)
    link = models.CharField(_("链接"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("通知时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("邮件发送时间"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = pgettext_lazy("plural", "通知")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"],
                name="notification_once_per_user",
                violation_error_message=_("已通知。"),
            )
        ]
        # The nav bar counts a user's unread ones on every page.
        indexes = [
            models.Index(
                fields=["user", "created_at"], condition=Q(read_at__isnull=True), name="notification_unread"
            ),
            models.Index(fields=["user", "-created_at"], name="notification_user_time"),
        ]

    def __str__(self):
        return self.text

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return own_q(scope)
