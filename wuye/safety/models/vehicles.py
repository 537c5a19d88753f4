"""Clause 4.5: the vehicle management rules of a project (E-kind evidence) and its registered vehicles.

The rules are a document, current for ``max_age`` after it was issued (or re-issued); a committee
member or a regulator reviews its content (``ContentReview``). Vehicles are registry data of a
household: a motor vehicle's plate is validated (GA 36-2018 formats); non-motor vehicles (electric
bicycles) may carry a local plate.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.models import RegistryModel, within
from wuye.core.uploads import DOCUMENT_EXTENSIONS, check_file
from wuye.estates.models import Household, Project
from wuye.estates.records import ProjectRecord
from wuye.safety.choices_plans import VehicleKind

# GA 36-2018: a province's one-character abbreviation, the issuing office's letter (no I or O), then
# five letters or digits (the last may be 挂 学 警 港 澳), or six for a new-energy plate (D/F and its
# kin first for a small car, last for a large one).
PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
SPECIAL = "挂学警港澳"  # trailer, learner, police, Hong Kong and Macao plates
LETTER = "A-HJ-NP-Z"
ORDINARY = rf"[{PROVINCES}][{LETTER}][{LETTER}0-9]{{4}}[{LETTER}0-9{SPECIAL}]"
NEW_ENERGY = rf"[{PROVINCES}][{LETTER}](?:[A-HJK][{LETTER}0-9][0-9]{{4}}|[0-9]{{5}}[A-HJK])"
MOTOR_PLATE = re.compile(rf"^(?:{ORDINARY}|{NEW_ENERGY})$")
NON_MOTOR_PLATE = re.compile(r"^[0-9A-Z\u4e00-\u9fff]{2,10}$")
PLATE_NOISE = re.compile(r"[\s·•.\-]")


def normalise_plate(value: str) -> str:
    """蒙b·12345 → 蒙B12345: upper case, without the dot, spaces or dashes people type."""
    return PLATE_NOISE.sub("", value or "").upper()


def check_plate(kind: str, plate: str) -> None:
    if kind == VehicleKind.MOTOR:
        if not plate:
            raise ValidationError({"plate": _("机动车须填写号牌号码。")})
        if not MOTOR_PLATE.match(plate):
            raise ValidationError({"plate": _("号牌号码格式不正确，如：蒙B12345，新能源车如：蒙BD12345。")})
    elif plate and not NON_MOTOR_PLATE.match(plate):
        raise ValidationError({"plate": _("号牌号码只能包含汉字、字母和数字，2至10位。")})


class Vehicle(RegistryModel):
    """A vehicle registered to a household: motor or non-motor, its plate and what it looks like."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="vehicles", editable=False
    )
    household = models.ForeignKey(
        Household, verbose_name=_("房屋"), on_delete=models.CASCADE, related_name="vehicles"
    )
    kind = models.CharField(_("车辆类别"), max_length=10, choices=VehicleKind.choices)
    plate = models.CharField(
        _("号牌号码"), max_length=12, blank=True, help_text=_("如：蒙B12345；非机动车选填")
    )
    description = models.CharField(_("品牌颜色"), max_length=60, blank=True, help_text=_("如：白色大众朗逸"))
    active = models.BooleanField(_("在用"), default=True)

    class Meta:
        verbose_name = _("登记车辆")
        verbose_name_plural = _("登记车辆")
        ordering = ["household", "kind", "plate"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "plate"],
                condition=~Q(plate=""),
                name="vehicle_unique_plate",
                violation_error_message=_("本项目已登记此号牌。"),
            )
        ]

    def __str__(self):
        return _("%(vehicle)s（%(household)s）") % {
            "vehicle": self.plate or self.get_kind_display(),
            "household": self.household,
        }

    def save(self, *args, **kwargs):
        # Kept beside the household, as a household keeps its project: scopes filter by project directly.
        self.project_id = self.household.project_id
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("vehicle-update", args=[self.pk])

    def clean(self):
        self.plate = normalise_plate(self.plate)
        if self.household_id is not None:
            self.project_id = self.household.project_id
        if self.kind:
            check_plate(self.kind, self.plate)

    def validate_constraints(self, exclude=None):
        # The project comes from the household (not a form field): the plate is unique within it.
        exclude = set(exclude or ()) - {"project"}
        super().validate_constraints(exclude=exclude)

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        # Plates are personal data, like the owner register: not for the developer; an owner sees his own.
        if write:
            return within("project", Project, scope, write=True)
        readers = within("project", Project, scope.whole_project_readers, write=False)
        return readers | Q(household_id__in=scope.household_ids)


class VehicleRules(ProjectRecord):
    """The project's vehicle management rules (车辆管理制度) as issued: title, who is responsible, the file."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="vehicle_rules"
    )
    title = models.CharField(_("制度名称"), max_length=100)
    responsible = models.CharField(_("责任部门或责任人"), max_length=60)

    class Meta(ProjectRecord.Meta):
        verbose_name = _("车辆管理制度")
        verbose_name_plural = _("车辆管理制度")
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["project", "occurred_at"], name="vehiclerules_project_time")]

    def __str__(self):
        issued = timezone.localtime(self.occurred_at)
        return _("%(project)s · %(title)s（%(day)s）") % {
            "project": self.project.name,
            "title": self.title,
            "day": f"{issued:%Y-%m-%d}",
        }

    def validate_claim(self):
        check_file(self, required=True, extensions=DOCUMENT_EXTENSIONS)
