"""Clause 1.6: the fee notice (收费公示) a project posts, as 物业服务收费明码标价规定 Art. 6 asks.

A notice is a dated version: the latest one published by a day is the one posted then. What it shows of
the fee standards (items, rates, pricing regime, base rate and range) is read from the standards in force
(``notices.fee_notice``), so it never disagrees with them; what the standards do not say (who pays, the
service content and standard, the billing method and start, the basis of the fee, the hotline) is the
notice's own. A notice published before a standard in force was published is out of date: it must be
posted again (check 1.6.standards_published).
"""

from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.estates.models import Project, ProjectOwned

__all__ = ["FeeNotice"]

DEFAULT_HOTLINE = "12358"


class FeeNotice(ProjectOwned):
    """One version of a project's posted fee notice."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="fee_notices"
    )
    published_on = models.DateField(_("公示日期"))
    company_name = models.CharField(_("物业服务企业名称"), max_length=100)
    payer = models.CharField(_("收费对象"), max_length=100, default="全体业主及物业使用人")
    service_content = models.TextField(_("服务内容"))
    service_standard = models.TextField(_("服务标准"))
    billing_method = models.CharField(
        _("计费方式"), max_length=100, default="按房屋建筑面积按月计收"
    )  # data, not UI text
    billing_start_date = models.DateField(_("计费起始时间"))
    fee_basis = models.CharField(
        _("收费依据"), max_length=200, help_text=_("如价格主管部门批准文件文号或物业服务合同")
    )
    price_complaint_hotline = models.CharField(
        _("价格举报电话"),
        max_length=20,
        default=DEFAULT_HOTLINE,
        validators=[RegexValidator(r"^\d+$", _("价格举报电话只能填数字，如12358。"))],
    )

    class Meta:
        verbose_name = _("收费公示")
        verbose_name_plural = _("收费公示")
        ordering = ["project", "-published_on", "-pk"]
        indexes = [models.Index(fields=["project", "published_on"], name="feenotice_latest")]

    def __str__(self):
        return _("%(project)s收费公示（%(day)s）") % {"project": self.project, "day": self.published_on}

    def clean(self):
        self.price_complaint_hotline = (self.price_complaint_hotline or "").strip()

    def get_absolute_url(self):
        return reverse("fee-standards", args=[self.project_id])
