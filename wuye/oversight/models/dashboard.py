"""The regulator's dashboard figures, one row per division per day, computed once per scoring run."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wuye.core.scoping import NOTHING, ScopedManager, division_q


class DivisionStat(models.Model):
    """A division's figures on a day (its projects and those of the divisions below): grades, mean score,
    findings in force by clause, open findings by check, ticket deadlines kept, reviews waiting."""

    division = models.ForeignKey(
        "regions.Division", verbose_name=_("行政区划"), on_delete=models.CASCADE, related_name="+"
    )
    on = models.DateField(_("日期"))
    projects = models.PositiveIntegerField(_("项目数"), default=0)
    grade_a = models.PositiveIntegerField(_("A级项目数"), default=0)
    grade_b = models.PositiveIntegerField(_("B级项目数"), default=0)
    grade_c = models.PositiveIntegerField(_("C级项目数"), default=0)
    grade_d = models.PositiveIntegerField(_("D级项目数"), default=0)
    score_total = models.DecimalField(_("项目得分合计"), max_digits=12, decimal_places=2, default=0)
    # {clause id: findings in force}, {check id: open findings}: a few dozen keys at most.
    clauses = models.JSONField(_("各条款问题数"), default=dict)
    open_checks = models.JSONField(_("各检查项未整改问题数"), default=dict)
    tickets_closed = models.PositiveIntegerField(_("近30天关闭工单数"), default=0)
    tickets_in_time = models.PositiveIntegerField(_("近30天按时办结工单数"), default=0)
    appeals_waiting = models.PositiveIntegerField(_("待裁决申诉"), default=0)
    exemptions_waiting = models.PositiveIntegerField(_("待审批豁免"), default=0)
    computed_at = models.DateTimeField(_("计算时间"), auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("区划统计")
        verbose_name_plural = _("区划统计")
        ordering = ["division", "-on"]
        constraints = [models.UniqueConstraint(fields=["division", "on"], name="division_stat_one_per_day")]

    def __str__(self):
        return f"{self.division_id} {self.on}"

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return (
            NOTHING if write else division_q("division__code", scope)
        )  # written by the engine's signal only

    @property
    def grades(self) -> dict:
        return {"A": self.grade_a, "B": self.grade_b, "C": self.grade_c, "D": self.grade_d}

    @property
    def mean_score(self):
        return (self.score_total / self.projects).quantize(Decimal("0.01")) if self.projects else None

    @property
    def ticket_rate(self):
        """Share (percent) of the tickets closed in the last 30 days that kept every deadline."""
        return round(100 * self.tickets_in_time / self.tickets_closed, 1) if self.tickets_closed else None
