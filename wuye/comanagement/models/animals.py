"""Clause 5.2: animals. A yearly notice to owners (no poultry or livestock; pets kept safely and
registered); the pet register per household (kind, dog licence number, rabies vaccination date, when the
owner was urged to register); reports of unauthorised animals to the authority.

Written by the company serving the project; read by the project's readers; an owner reads his own pets
and the notices of his project.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuye.comanagement.choices_animals import AnimalKind, PetKind
from wuye.comanagement.models.scoping import company_q, household_records_q, project_readers_q
from wuye.core.models import RegistryModel
from wuye.core.uploads import DOCUMENT_EXTENSIONS, check_file
from wuye.estates.models import Household, Project

__all__ = ["AnimalNotice", "Pet", "UnauthorisedAnimal"]


def in_project(record, errors):
    if record.project_id and record.household_id and record.household.project_id != record.project_id:
        errors["household"] = _("该房屋不属于本项目，不能登记。")


class AnimalNotice(RegistryModel):
    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="animal_notices"
    )
    given_on = models.DateField(_("告知日期"))
    content = models.TextField(_("告知内容"))
    file = models.FileField(_("告知书或张贴照片"), upload_to="comanagement/notices/%Y/", blank=True)

    class Meta:
        verbose_name = _("饲养动物告知")
        verbose_name_plural = _("饲养动物告知")
        ordering = ["-given_on", "-pk"]
        indexes = [models.Index(fields=["project", "given_on"], name="animalnotice_project_day")]

    def __str__(self):
        return _("%(day)s 饲养动物告知") % {"day": self.given_on}

    def clean(self):
        check_file(self, required=False, extensions=DOCUMENT_EXTENSIONS, field="file")

    def get_absolute_url(self):
        return reverse("animals-list", args=[self.project_id]) + f"#notice-{self.pk}"

    @classmethod
    def scope_q(cls, scope, *, write: bool):
        if write:
            return company_q(scope)
        owned = Household.objects.filter(pk__in=scope.household_ids).values("project_id")
        return project_readers_q(scope) | Q(project_id__in=owned)


class Pet(RegistryModel):
    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="pets"
    )
    household = models.ForeignKey(
        Household, verbose_name=_("房屋"), on_delete=models.PROTECT, related_name="pets"
    )
    kind = models.CharField(_("种类"), max_length=10, choices=PetKind.choices)
    description = models.CharField(_("品种、毛色等"), max_length=100, blank=True)
    recorded_on = models.DateField(_("登记入册日期"))
    licence_number = models.CharField(_("养犬登记证号"), max_length=50, blank=True)
    rabies_vaccinated_on = models.DateField(_("狂犬病疫苗接种日期"), null=True, blank=True)
    urged_on = models.DateField(
        _("督促办理登记日期"), null=True, blank=True, help_text=_("告知业主到公安机关办理养犬登记的日期")
    )
    gone_on = models.DateField(_("迁出或死亡日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("宠物")
        verbose_name_plural = _("宠物")
        ordering = ["project", "household", "pk"]
        indexes = [models.Index(fields=["project", "kind"], name="pet_project_kind")]

    def __str__(self):
        return _("%(household)s的%(kind)s") % {"household": self.household, "kind": self.get_kind_display()}

    def clean(self):
        errors = {}
        in_project(self, errors)
        if self.licence_number and self.kind != PetKind.DOG:
            errors["licence_number"] = _("只有犬只有养犬登记证号。")
        for name in ("urged_on", "gone_on"):
            value = getattr(self, name)
            if value and self.recorded_on and value < self.recorded_on:
                errors[name] = _("日期不能早于登记入册日期。")
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self):
        return reverse("animals-list", args=[self.project_id]) + f"#pet-{self.pk}"

    @classmethod
    def scope_q(cls, scope, *, write: bool):
        return household_records_q(scope, write=write)


class UnauthorisedAnimal(RegistryModel):
    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="unauthorised_animals"
    )
    household = models.ForeignKey(
        Household,
        verbose_name=_("房屋"),
        on_delete=models.PROTECT,
        related_name="unauthorised_animals",
        null=True,
        blank=True,
    )
    kind = models.CharField(_("种类"), max_length=10, choices=AnimalKind.choices)
    description = models.CharField(_("情况"), max_length=200)
    found_at = models.DateTimeField(_("发现时间"))
    reported_at = models.DateTimeField(_("报告职能部门时间"), null=True, blank=True)
    authority = models.CharField(_("报告的部门"), max_length=100, blank=True)
    file = models.FileField(_("报告或照片"), upload_to="comanagement/animals/%Y/", blank=True)

    class Meta:
        verbose_name = _("擅自饲养动物")
        verbose_name_plural = _("擅自饲养动物")
        ordering = ["-found_at", "-pk"]
        indexes = [models.Index(fields=["project", "found_at"], name="unauthorised_project_found")]

    def __str__(self):
        return _("%(day)s %(kind)s：%(what)s") % {
            "day": self.found_at.date() if self.found_at else "",
            "kind": self.get_kind_display(),
            "what": self.description,
        }

    def clean(self):
        errors = {}
        in_project(self, errors)
        if self.reported_at and self.found_at and self.reported_at < self.found_at:
            errors["reported_at"] = _("报告时间不能早于发现时间。")
        if self.reported_at and not self.authority:
            errors["authority"] = _("请填写报告的部门。")
        if errors:
            raise ValidationError(errors)
        check_file(self, required=False, extensions=DOCUMENT_EXTENSIONS, field="file")

    def get_absolute_url(self):
        return reverse("animals-list", args=[self.project_id]) + f"#animal-{self.pk}"

    @classmethod
    def scope_q(cls, scope, *, write: bool):
        if write:
            return company_q(scope)
        return project_readers_q(scope)
