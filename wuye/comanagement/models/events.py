"""The regulator's events (1.8, 3.6, 3.8): a petition, a major dispute, a court judgment against the
company, a malicious incident, negative press, a labour-dispute ruling, each recorded by a regulator with
its date, source, description and files. Each is a finding of the check its kind feeds
(``choices_events.CHECK_OF_KIND``), which the enterprise may appeal like any finding.

Recorded only by regulators (of the project's division, or of the enterprise's where no project is
named); read by the enterprise, by the regulators, and by the project's readers.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.comanagement.choices_events import EventKind
from wuye.comanagement.models.scoping import project_readers_q
from wuye.core.models import RegistryModel
from wuye.core.scoping import NOTHING, division_q
from wuye.core.uploads import DOCUMENT_EXTENSIONS, check_file
from wuye.enterprises.models import Enterprise
from wuye.estates.models import Project, ServicePeriod

__all__ = ["RegulatorEvent"]


class RegulatorEvent(RegistryModel):
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("企业"), on_delete=models.PROTECT, related_name="regulator_events"
    )
    project = models.ForeignKey(
        Project,
        verbose_name=_("项目"),
        on_delete=models.PROTECT,
        related_name="regulator_events",
        null=True,
        blank=True,
    )
    kind = models.CharField(_("事件类别"), max_length=10, choices=EventKind.choices)
    occurred_on = models.DateField(_("发生日期"))
    source = models.CharField(_("来源"), max_length=200, help_text=_("如信访登记号、判决书编号、媒体名称"))
    description = models.TextField(_("事件经过"))
    file = models.FileField(_("附件"), upload_to="comanagement/events/%Y/", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录人"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        editable=False,
    )
    recorded_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("监管记录事件")
        verbose_name_plural = _("监管记录事件")
        ordering = ["-occurred_on", "-pk"]
        indexes = [models.Index(fields=["enterprise", "occurred_on"], name="regulatorevent_enterprise_day")]

    def __str__(self):
        return _("%(day)s %(kind)s：%(source)s") % {
            "day": self.occurred_on,
            "kind": self.get_kind_display(),
            "source": self.source,
        }

    def clean(self):
        if self.project_id and self.enterprise_id and self.occurred_on:
            served = ServicePeriod.objects.filter(
                Q(end__isnull=True) | Q(end__gte=self.occurred_on),
                project_id=self.project_id,
                enterprise_id=self.enterprise_id,
                start__lte=self.occurred_on,
            )
            if not served.exists():
                raise ValidationError({"project": _("事件发生时该企业未服务此项目。")})
        check_file(self, required=False, extensions=DOCUMENT_EXTENSIONS, field="file")

    def get_absolute_url(self):
        return reverse("regulatorevent-list") + f"#event-{self.pk}"

    @classmethod
    def scope_q(cls, scope, *, write: bool):
        if not scope.division_codes:
            if write:
                return NOTHING
            return Q(enterprise_id__in=scope.enterprise_ids) | (
                Q(project__isnull=False) & project_readers_q(scope)
            )
        regulated = Enterprise.objects.filter(Enterprise.regulator_q(scope)).values("pk")
        mine = division_q("project__division__code", scope) | Q(
            project__isnull=True, enterprise__in=regulated
        )
        if write:
            return mine
        return mine | Q(enterprise_id__in=scope.enterprise_ids)
