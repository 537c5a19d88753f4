from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from wuye.core.evidence import EvidenceRecord
from wuye.core.models import within
from wuye.estates.models import Project, ProjectOwned
from wuye.safety.choices import SupplyState


class PowerRoom(ProjectOwned):
    """A power distribution room (配电室) of a project, inspected at least every hour (clause 4.8)."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="power_rooms"
    )
    name = models.CharField(_("名称"), max_length=60)
    location = models.CharField(_("位置"), max_length=100, blank=True)
    supplies = models.JSONField(
        _("供电回路"), default=list, help_text=_("如：1#变压器、2#变压器、备用发电机")
    )
    in_service_from = models.DateField(_("投用日期"))
    active = models.BooleanField(_("在用"), default=True)

    class Meta:
        verbose_name = _("配电室")
        verbose_name_plural = _("配电室")
        ordering = ["project", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "name"],
                name="powerroom_unique_name",
                violation_error_message=_("配电室名称重复。"),
            )
        ]

    def __str__(self):
        return f"{self.project.name} {self.name}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("power-room-detail", args=[self.pk])

    def clean(self):
        if (
            not isinstance(self.supplies, list)
            or not self.supplies
            or not all(isinstance(s, str) and s.strip() for s in self.supplies)
        ):
            raise ValidationError({"supplies": _("请列出至少一个供电回路的名称。")})
        if len(set(self.supplies)) != len(self.supplies):
            raise ValidationError({"supplies": _("供电回路名称重复。")})
        if self.pk and self.in_service_from:
            # Rounds already recorded must stay after the room's start, or they would be claims
            # "before the room existed" that the record itself was never refused for.
            first = self.rounds.order_by("occurred_at").values_list("occurred_at", flat=True).first()
            if first is not None and timezone.localtime(first).date() < self.in_service_from:
                raise ValidationError(
                    {
                        "in_service_from": _("已有%(date)s的巡视记录，投用日期不能晚于该日。")
                        % {"date": timezone.localtime(first).date()}
                    }
                )


class PowerRound(EvidenceRecord):
    """One inspection round of a power room: the state of each supply, readings and problems found."""

    power_room = models.ForeignKey(
        PowerRoom, verbose_name=_("配电室"), on_delete=models.PROTECT, related_name="rounds"
    )
    inspector = models.CharField(_("巡视人"), max_length=50)
    supply_states = models.JSONField(_("回路状态"), default=dict)
    voltage = models.DecimalField(_("电压（V）"), max_digits=7, decimal_places=1, null=True, blank=True)
    current = models.DecimalField(_("电流（A）"), max_digits=7, decimal_places=1, null=True, blank=True)
    temperature = models.DecimalField(_("室温（℃）"), max_digits=4, decimal_places=1, null=True, blank=True)
    problems = models.TextField(_("发现的问题"), blank=True)

    chain_attr = "power_room.project_id"
    backfill_check = "4.8.round_gap"

    class Meta(EvidenceRecord.Meta):
        verbose_name = _("配电室巡视")
        verbose_name_plural = _("配电室巡视")
        ordering = ["-occurred_at"]
        indexes = [
            # The rolling check scans each room's rounds in time order; incremental runs find new rows.
            # It reads back-fill and id from the index too: an index-only scan, rows arrive in time
            # order across rooms, so reading the table in room order would jump around it.
            models.Index(
                fields=["power_room", "occurred_at", "backfilled", "id"], name="powerround_room_time"
            ),
            models.Index(fields=["recorded_at"], name="powerround_recorded"),
        ]

    def __str__(self):
        return f"{self.power_room} {timezone.localtime(self.occurred_at):%Y-%m-%d %H:%M}"

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("power_room", PowerRoom, scope, write=write)

    def division_code(self):
        return self.power_room.project.division_id

    def validate_claim(self):
        room = self.power_room
        if timezone.localtime(self.occurred_at).date() < room.in_service_from:
            raise ValidationError(
                {
                    "occurred_at": _("巡视时间早于配电室投用日期（%(date)s）。")
                    % {"date": room.in_service_from}
                }
            )
        states = self.supply_states if isinstance(self.supply_states, dict) else None
        if states is None or set(states) != set(room.supplies):
            raise ValidationError(
                {
                    "supply_states": _("请为每个供电回路选择状态：%(names)s。")
                    % {"names": pgettext("list separator", "、").join(room.supplies)}
                }
            )
        if any(state not in SupplyState.values for state in states.values()):
            raise ValidationError({"supply_states": _("回路状态只能是运行、备用或停用。")})


class Defect(ProjectOwned):
    """A problem a record reported (a fault in a power round): to be fixed by its deadline.

    Not evidence itself: it is opened by the record that found the problem and closed by the record
    that fixes it (a DefectFix); a defect open past its deadline is a finding under the record's clause.
    """

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="defects"
    )
    check_id = models.CharField(_("检查项"), max_length=60)
    source = models.CharField(_("来源记录"), max_length=60)  # "safety.powerround:12"
    subject_name = models.CharField(_("部位"), max_length=200)
    description = models.TextField(_("问题"))
    found_at = models.DateTimeField(_("发现时间"))
    deadline = models.DateTimeField(_("整改期限"))
    fixed_at = models.DateTimeField(_("整改时间"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("隐患")
        verbose_name_plural = _("隐患")
        ordering = ["-found_at"]
        indexes = [models.Index(fields=["check_id", "deadline"], name="defect_check_deadline")]

    def __str__(self):
        return f"{self.subject_name}: {self.description[:30]}"


class DefectFix(EvidenceRecord):
    """The record that a defect was repaired (or reported to the authority), with what was done."""

    defect = models.ForeignKey(Defect, verbose_name=_("隐患"), on_delete=models.PROTECT, related_name="fixes")
    note = models.TextField(_("处理情况"))

    chain_attr = "defect.project_id"

    class Meta(EvidenceRecord.Meta):
        verbose_name = _("隐患整改")
        verbose_name_plural = _("隐患整改")
        ordering = ["-occurred_at"]

    def __str__(self):
        return f"{self.defect} → {timezone.localtime(self.occurred_at):%Y-%m-%d %H:%M}"

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("defect", Defect, scope, write=write)

    def division_code(self):
        return self.defect.project.division_id

    def validate_claim(self):
        if self.occurred_at < self.defect.found_at:
            raise ValidationError({"occurred_at": _("整改时间不能早于发现问题的时间。")})
