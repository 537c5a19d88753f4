from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wuye.core.scoping import NOTHING, ScopedManager
from wuye.regions.choices import DivisionLevel


class Division(models.Model):
    """A GB/T 2260 administrative division of Inner Mongolia: the region, a league/city or a county."""

    code = models.CharField(_("区划代码"), max_length=6, primary_key=True)
    name = models.CharField(_("名称"), max_length=40)
    level = models.CharField(_("级别"), max_length=10, choices=DivisionLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级区划"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    objects = ScopedManager()

    class Meta:
        verbose_name = _("行政区划")
        verbose_name_plural = pgettext_lazy("plural", "行政区划")
        ordering = ["code"]

    def __str__(self):
        return self.name

    @property
    def full_name(self) -> str:
        if self.level == DivisionLevel.COUNTY and self.parent_id:
            return f"{self.parent.name}{self.name}"
        return self.name

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        # Public reference data: every user with a role reads it, only operators (superusers) change it.
        return NOTHING if write else Q()

    @property
    def league_code(self) -> str:
        return self.code if self.level != DivisionLevel.COUNTY else self.code[:4] + "00"


def area_candidates(area_code: str) -> list[str]:
    return [area_code, area_code[:4] + "00", area_code[:2] + "0000"] if area_code.startswith("15") else []


def divisions_for_areas(area_codes) -> dict:
    """{area code: the division it falls in, as ``division_for_area``, or None}: one query for all."""
    codes = set(area_codes)
    wanted = {candidate for code in codes for candidate in area_candidates(code)}
    found = {d.code: d for d in Division.objects.filter(code__in=wanted)} if wanted else {}
    return {code: next((found[c] for c in area_candidates(code) if c in found), None) for code in codes}


def division_for_area(area_code: str) -> Division | None:
    """The division a GB/T 2260 code falls in: itself, else its league, else the region (retired codes)."""
    return divisions_for_areas([area_code])[area_code]
