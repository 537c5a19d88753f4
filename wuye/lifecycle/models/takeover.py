"""Takeover of a project by an incoming enterprise (2.1, 2.2, 2.3): the workflow and its records.

- A **takeover** is one enterprise taking one project over: the service contract registered, the
  acceptance inspection (承接查验) started and finished, the acceptance agreement signed, the takeover
  filed with the authority. Its status moves only as ``TAKEOVER_MOVES`` allows (actions_takeover), each
  move a ``TakeoverMove`` row (hash-chained evidence written by the server).
- An **inspection item** is one line of the checklist (the three catalogue lists of 2.3.inspection_recorded).
- A **document handover** is one Art. 29 category the developer handed over, with its day.
- A **problem** found in the inspection has who fixes it (the developer or the company) and a due day.
"""

from dataclasses import replace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.evidence import EvidenceRecord
from wuye.core.models import RegistryModel, within
from wuye.core.scoping import division_q, scope_of
from wuye.core.uploads import DOCUMENT_EXTENSIONS, check_file
from wuye.estates.models import Household, Project, ServiceContract, ServicePeriod
from wuye.lifecycle.choices_takeover import (
    ART_29_CHOICES,
    FixParty,
    InspectionArea,
    InspectionResult,
    TakeoverStatus,
    item_name,
)

__all__ = ["DocumentHandover", "InspectionItem", "Takeover", "TakeoverMove", "TakeoverProblem"]

PHOTO_EXTENSIONS = ["jpg", "jpeg", "png"]


def not_in_future(day, field: str) -> None:
    if day and day > timezone.localdate():
        raise ValidationError({field: _("日期不能晚于今天。")})


class Takeover(RegistryModel):
    """One enterprise taking one project over: contract, inspection, agreement and filing, by step."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="takeovers"
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("接管企业"),
        on_delete=models.PROTECT,
        related_name="takeovers",
    )
    contract = models.ForeignKey(
        ServiceContract,
        verbose_name=_("物业服务合同"),
        on_delete=models.PROTECT,
        related_name="takeovers",
    )
    service_period = models.ForeignKey(
        ServicePeriod,
        verbose_name=_("服务期"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="takeovers",
    )
    status = models.CharField(
        _("状态"),
        max_length=12,
        choices=TakeoverStatus.choices,
        default=TakeoverStatus.REGISTERED,
        editable=False,
    )
    taken_over_on = models.DateField(_("接管日期"), help_text=_("物业服务企业开始服务之日。"))
    buyers_handover_on = models.DateField(
        _("交付业主日期"), null=True, blank=True, help_text=_("新建物业交付购房人之日；非新建物业留空。")
    )
    inspection_started_on = models.DateField(_("查验开始日期"), null=True, blank=True, editable=False)
    inspection_finished_on = models.DateField(_("查验完成日期"), null=True, blank=True, editable=False)
    agreement_signed_on = models.DateField(_("查验协议签订日期"), null=True, blank=True, editable=False)
    agreement_file = models.FileField(
        _("查验协议扫描件"), upload_to="takeovers/%Y/", blank=True, editable=False
    )
    filed_on = models.DateField(_("备案日期"), null=True, blank=True, editable=False)
    filing_number = models.CharField(_("备案编号"), max_length=60, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("项目接管")
        verbose_name_plural = _("项目接管")
        ordering = ["-taken_over_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(inspection_finished_on__isnull=True)
                | Q(inspection_finished_on__gte=models.F("inspection_started_on")),
                name="takeover_finish_after_start",
                violation_error_message=_("查验完成日期不得早于查验开始日期。"),
            ),
            models.CheckConstraint(
                condition=Q(agreement_signed_on__isnull=True)
                | Q(agreement_signed_on__gte=models.F("inspection_finished_on")),
                name="takeover_agreement_after_finish",
                violation_error_message=_("查验协议不得早于查验完成日期签订。"),
            ),
        ]
        indexes = [
            models.Index(fields=["project", "status"], name="takeover_project_status"),
            models.Index(fields=["enterprise", "taken_over_on"], name="takeover_enterprise"),
        ]

    def __str__(self):
        return _("%(enterprise)s接管%(project)s") % {"enterprise": self.enterprise, "project": self.project}

    def get_absolute_url(self):
        return reverse("takeover-detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.contract_id and self.project_id and self.contract.project_id != self.project_id:
            errors["contract"] = _("该合同不属于本项目。")
        elif self.contract_id and self.enterprise_id and self.contract.enterprise_id != self.enterprise_id:
            errors["contract"] = _("该合同的乙方不是接管企业。")
        if self.service_period_id and self.service_period.project_id != self.project_id:
            errors["service_period"] = _("该服务期不属于本项目。")
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.status not in (TakeoverStatus.FILED, TakeoverStatus.CANCELLED)

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        # The incoming enterprise writes its takeover (it may not serve the project yet).
        own = Q(enterprise_id__in=scope.enterprise_ids)
        if write:
            return own
        # Its regulators, the project's committee, developer and staff read; its owners read the
        # summary (the steps and their days), not the records under it (``records_q``).
        readers = Project.objects.filter(
            Q(pk__in=scope.project_member_ids) | Q(developer_id__in=scope.developer_ids)
        ).values("pk")
        owned = Household.objects.filter(pk__in=scope.household_ids).values("project_id")
        return (
            own
            | division_q("project__division__code", scope)
            | Q(project_id__in=readers)
            | Q(project_id__in=owned)
        )


def records_q(scope, *, write: bool) -> Q:
    """The records of a takeover (moves, checklist, documents, problems): its readers but the owners."""
    return within("takeover", Takeover, replace(scope, household_ids=frozenset()), write=write)


def reads_records(user, takeover) -> bool:
    """Whether the user reads the records under a takeover (its owners read only its summary)."""
    scope = scope_of(user)
    if scope.everything:
        return True
    scope = replace(scope, household_ids=frozenset())
    return not scope.is_empty and (
        Takeover.objects.filter(Takeover.scope_q(scope, write=False), pk=takeover.pk).exists()
    )


class TakeoverMove(EvidenceRecord):
    """A move of a takeover's status (inspection started, agreement signed, filed), by whom and when."""

    chain_attr = "project_id"

    takeover = models.ForeignKey(
        Takeover, verbose_name=_("项目接管"), on_delete=models.PROTECT, related_name="moves"
    )
    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="+", editable=False
    )
    from_status = models.CharField(_("原状态"), max_length=12, choices=TakeoverStatus.choices)
    to_status = models.CharField(_("新状态"), max_length=12, choices=TakeoverStatus.choices)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta(EvidenceRecord.Meta):
        verbose_name = _("接管状态变更")
        verbose_name_plural = _("接管状态变更")
        ordering = ["occurred_at", "pk"]
        indexes = [models.Index(fields=["takeover", "occurred_at"], name="takeovermove_takeover")]

    def __str__(self):
        return f"{self.takeover_id} {self.get_from_status_display()} → {self.get_to_status_display()}"

    def division_code(self):
        return self.project.division_id

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return records_q(scope, write=write)


class InspectionItem(RegistryModel):
    """One line of the acceptance inspection's checklist: the part, its result, the problem and a photo."""

    takeover = models.ForeignKey(
        Takeover, verbose_name=_("项目接管"), on_delete=models.CASCADE, related_name="items"
    )
    area = models.CharField(_("查验类别"), max_length=30, choices=InspectionArea.choices)
    item = models.CharField(_("查验项目"), max_length=40)
    result = models.CharField(_("查验结果"), max_length=10, choices=InspectionResult.choices)
    problem = models.CharField(_("问题描述"), max_length=300, blank=True)
    photo = models.FileField(_("照片"), upload_to="takeovers/items/%Y/", blank=True)
    inspected_on = models.DateField(_("查验日期"))

    class Meta:
        verbose_name = _("查验项目")
        verbose_name_plural = _("查验项目")
        ordering = ["takeover", "area", "item"]
        constraints = [
            models.UniqueConstraint(
                fields=["takeover", "area", "item"],
                name="inspectionitem_once",
                violation_error_message=_("该项目已查验登记，请修改原记录。"),
            )
        ]

    def __str__(self):
        return f"{self.get_area_display()} · {item_name(self.item)}"

    @property
    def item_label(self) -> str:
        return item_name(self.item)

    def clean(self):
        not_in_future(self.inspected_on, "inspected_on")
        if self.result == InspectionResult.PROBLEM and not self.problem.strip():
            raise ValidationError({"problem": _("查验结果为有问题时须描述问题。")})
        check_file(self, required=False, extensions=PHOTO_EXTENSIONS, field="photo")

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return records_q(scope, write=write)


class DocumentHandover(RegistryModel):
    """One Art. 29 category of documents the developer handed over to the incoming enterprise, and when."""

    takeover = models.ForeignKey(
        Takeover, verbose_name=_("项目接管"), on_delete=models.CASCADE, related_name="handovers"
    )
    category = models.CharField(_("资料类别"), max_length=40, choices=ART_29_CHOICES)
    handed_over_on = models.DateField(_("移交日期"))
    handed_by = models.CharField(_("移交人（建设单位）"), max_length=50)
    received_by = models.CharField(_("接收人"), max_length=50)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    document = models.FileField(_("移交清单"), upload_to="takeovers/documents/%Y/", blank=True)

    class Meta:
        verbose_name = _("资料移交")
        verbose_name_plural = _("资料移交")
        ordering = ["takeover", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["takeover", "category"],
                name="documenthandover_once",
                violation_error_message=_("该类资料已登记移交。"),
            )
        ]

    def __str__(self):
        return f"{self.get_category_display()} {self.handed_over_on}"

    def clean(self):
        not_in_future(self.handed_over_on, "handed_over_on")
        check_file(self, required=False, extensions=DOCUMENT_EXTENSIONS, field="document")

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        if write:
            # The developer's own users record its handover; the incoming enterprise may record it too.
            developers = Takeover.objects.filter(project__developer_id__in=scope.developer_ids)
            return records_q(scope, write=True) | Q(takeover_id__in=developers.values("pk"))
        return records_q(scope, write=False)


class TakeoverProblem(RegistryModel):
    """A problem the inspection found: what, who fixes it (developer or company), by when, fixed when."""

    takeover = models.ForeignKey(
        Takeover, verbose_name=_("项目接管"), on_delete=models.CASCADE, related_name="problems"
    )
    item = models.ForeignKey(
        InspectionItem,
        verbose_name=_("查验项目"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="problems",
    )
    description = models.CharField(_("问题"), max_length=300)
    fixer = models.CharField(_("整改责任方"), max_length=10, choices=FixParty.choices)
    found_on = models.DateField(_("发现日期"))
    due_on = models.DateField(_("整改期限"))
    fixed_on = models.DateField(_("整改完成日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("查验问题")
        verbose_name_plural = _("查验问题")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["fixer", "due_on"], name="takeoverproblem_due")]

    def __str__(self):
        return self.description

    def clean(self):
        errors = {}
        if self.found_on and self.found_on > timezone.localdate():
            errors["found_on"] = _("日期不能晚于今天。")
        if self.fixed_on and self.fixed_on > timezone.localdate():
            errors["fixed_on"] = _("日期不能晚于今天。")
        if self.found_on and self.due_on and self.due_on < self.found_on:
            errors["due_on"] = _("整改期限不得早于发现日期。")
        if self.found_on and self.fixed_on and self.fixed_on < self.found_on:
            errors["fixed_on"] = _("整改完成日期不得早于发现日期。")
        if self.item_id and self.takeover_id and self.item.takeover_id != self.takeover_id:
            errors["item"] = _("该查验项目不属于本次接管。")
        if errors:
            raise ValidationError(errors)

    def overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.fixed_on is None and self.due_on < today

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return records_q(scope, write=write)
