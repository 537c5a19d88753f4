"""民法典 Art. 278's thresholds for using common parts, in one place: the parameters in force, the test of a
vote in SQL (exact integer cross-multiplication: areas in hundredths of a m²), the shortfalls in words,
and the project's totals from the household register.

Exactly at a threshold passes: participating × denominator ≥ total × numerator.
"""

from fractions import Fraction

from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Round
from django.utils.translation import gettext as _

from wuye.compliance.parameters import param

CHECK = "2.5.use_authorised"
THRESHOLDS = ("turnout_area", "turnout_owners", "approval_area", "approval_owners")
# (ratio, its numerator's field, its denominator's field): what each threshold compares.
RATIOS = {
    "turnout_area": ("area_participating", "area_total"),
    "turnout_owners": ("owners_participating", "owners_total"),
    "approval_area": ("area_in_favour", "area_participating"),
    "approval_owners": ("owners_in_favour", "owners_participating"),
}
AREAS = {"area_total", "area_participating", "area_in_favour"}


def thresholds(division=None, on=None) -> dict[str, Fraction]:
    return {name: Fraction(param(CHECK, name, division, on)) for name in THRESHOLDS}


def as_integer(path: str, field: str):
    """A vote's figure as an exact integer: owners as they are, areas in hundredths of a m²."""
    if field in AREAS:
        return Cast(Round(F(path) * Value(100)), BigIntegerField())
    return Cast(F(path), BigIntegerField())


def meets_thresholds(prefix: str, limits: dict[str, Fraction]):
    """A boolean expression: the vote at ``prefix`` (``""`` for a vote, ``"vote__"`` from a use) meets
    every threshold; false where there is no vote."""
    conditions = Q(**{f"{prefix}pk__isnull": False})
    annotations = {}
    for name, (part, whole) in RATIOS.items():
        limit = limits[name]
        left = ExpressionWrapper(
            as_integer(prefix + part, part) * Value(limit.denominator), output_field=BigIntegerField()
        )
        right = ExpressionWrapper(
            as_integer(prefix + whole, whole) * Value(limit.numerator), output_field=BigIntegerField()
        )
        annotations[f"_{name}_left"] = left
        annotations[f"_{name}_right"] = right
        conditions &= Q(**{f"_{name}_left__gte": F(f"_{name}_right")})
    return annotations, Case(
        When(conditions, then=Value(True)), default=Value(False), output_field=BooleanField()
    )


def with_authorisation(uses, limits: dict[str, Fraction]):
    """Uses annotated ``authorised``: a vote held on or before the use started meets every threshold."""
    annotations, meets = meets_thresholds("vote__", limits)
    return (
        uses.annotate(**annotations)
        .annotate(vote_meets=meets)
        .annotate(
            authorised=Case(
                When(Q(vote_meets=True, vote__held_on__lte=F("start")), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
    )


def percent(value: Fraction) -> str:
    return f"{float(value) * 100:.2f}%"


def shortfalls(use, vote, limits: dict[str, Fraction]) -> list[str]:
    """What keeps a use from being authorised, in plain Chinese (empty when it is)."""
    if vote is None:
        return [_("没有业主表决")]
    reasons = []
    if vote.held_on > use.start:
        reasons.append(
            _("业主表决（%(voted)s）晚于开始经营（%(start)s）") % {"voted": vote.held_on, "start": use.start}
        )
    ratios = vote.ratios()
    words = {
        "turnout_area": _("参与表决的专有部分面积%(actual)s（%(part)s/%(whole)s㎡），未达%(limit)s"),
        "turnout_owners": _("参与表决的业主%(actual)s（%(part)s/%(whole)s人），未达%(limit)s"),
        "approval_area": _("同意的面积占参与面积%(actual)s（%(part)s/%(whole)s㎡），未达%(limit)s"),
        "approval_owners": _("同意的业主占参与人数%(actual)s（%(part)s/%(whole)s人），未达%(limit)s"),
    }
    for name, (part, whole) in RATIOS.items():
        if ratios[name] < limits[name]:
            reasons.append(
                words[name]
                % {
                    "actual": percent(ratios[name]),
                    "part": getattr(vote, part),
                    "whole": getattr(vote, whole),
                    "limit": str(limits[name]),
                }
            )
    return reasons


def register_totals(project) -> tuple[int, object]:
    """The owners (one per household, as the register counts them) and the area of a project."""
    from wuye.estates.models import Household

    totals = Household.objects.filter(project=project).aggregate(
        owners=Count("pk"),
        area=Coalesce(Sum("area"), Value(0), output_field=DecimalField(max_digits=14, decimal_places=2)),
    )
    return totals["owners"], totals["area"]
