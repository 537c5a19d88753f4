"""Clause 5.1: illegal construction (私搭乱建). A case is one household's building work found by the
company: what was built, when found, the written warning to the owner, the report to the authority, the
authority's answer and the outcome. A case moves by ``choices_construction.TRANSITIONS``; each move is a
row (CaseMove). Written by the company serving the project; read by its readers and the household's owner.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.comanagement.choices_construction import CaseStatus, Outcome
from wuye.comanagement.models.scoping import household_records_q
from wuye.core.models import RegistryModel, within
from wuye.core.scoping import ScopedManager
from wuye.core.uploads import DOCUMENT_EXTENSIONS, check_file
from wuye.estates.models import Household, Project

__all__ = ["ConstructionCase", "CaseMove"]


class ConstructionCase(RegistryModel):
    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="construction_cases"
    )
    household = models.ForeignKey(
        Household, verbose_name=_("房屋"), on_delete=models.PROTECT, related_name="construction_cases"
    )
    what = models.CharField(_("违建内容"), max_length=200)
    found_at = models.DateTimeField(_("发现时间"))
    warned_at = models.DateTimeField(_("劝阻警告时间"), null=True, blank=True)
    warning_file = models.FileField(
        _("书面警告（告知书）"), upload_to="comanagement/warnings/%Y/", blank=True
    )
    reported_at = models.DateTimeField(_("报告主管部门时间"), null=True, blank=True)
    authority = models.CharField(_("报告的部门"), max_length=100, blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    answer = models.TextField(_("主管部门答复"), blank=True)
    outcome = models.CharField(_("处理结果"), max_length=10, choices=Outcome.choices, blank=True, default="")
    status = models.CharField(
        _("状态"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.FOUND, editable=False
    )

    class Meta:
        verbose_name = _("私搭乱建案件")
        verbose_name_plural = _("私搭乱建案件")
        ordering = ["-found_at", "-pk"]
        indexes = [models.Index(fields=["project", "found_at"], name="construction_project_found")]

    def __str__(self):
        return _("%(household)s：%(what)s") % {"household": self.household, "what": self.what}

    def clean(self):
        errors = {}
        if self.project_id and self.household_id and self.household.project_id != self.project_id:
            errors["household"] = _("该房屋不属于本项目，不能登记。")
        for name, label in (
            ("warned_at", _("劝阻警告时间不能早于发现时间。")),
            ("reported_at", _("报告时间不能早于发现时间。")),
            ("answered_at", _("答复时间不能早于发现时间。")),
        ):
            value = getattr(self, name)
            if value and self.found_at and value < self.found_at:
                errors[name] = label
        if self.warned_at and not self.warning_file:
            errors.setdefault("warning_file", _("劝阻警告须附书面警告。"))
        if self.answered_at and not self.reported_at:
            errors.setdefault("answered_at", _("尚未报告主管部门，不能登记答复。"))
        if self.reported_at and not self.authority:
            errors.setdefault("authority", _("请填写报告的部门。"))
        if errors:
            raise ValidationError(errors)
        check_file(self, required=False, extensions=DOCUMENT_EXTENSIONS, field="warning_file")

    def get_absolute_url(self):
        return reverse("construction-list", args=[self.project_id]) + f"#case-{self.pk}"

    @classmethod
    def scope_q(cls, scope, *, write: bool):
        return household_records_q(scope, write=write)


class CaseMove(models.Model):
    """One move of a case (append-only): from, to, when, by whom."""

    case = models.ForeignKey(ConstructionCase, on_delete=models.CASCADE, related_name="moves")
    old = models.CharField(_("原状态"), max_length=10, blank=True)
    new = models.CharField(_("新状态"), max_length=10, choices=CaseStatus.choices)
    at = models.DateTimeField(_("时间"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("案件状态变更")
        verbose_name_plural = _("案件状态变更")
        ordering = ["case", "at", "pk"]

    def __str__(self):
        return f"{self.old or '-'} → {self.new}"

    @classmethod
    def scope_q(cls, scope, *, write: bool):
        return within("case", ConstructionCase, scope, write=write)
