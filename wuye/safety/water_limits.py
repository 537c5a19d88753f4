"""The seven routine items of a water test and the GB 5749 limits they are held to: the one home of the rule.

The items are GB 17051-1997 §4.2's (catalogue ``4.6.water_test`` ``routine_items``); each is a field of
``WaterTest`` of the same name. Their limits are the parameters of ``4.6.water_quality`` in force for a
division on a day. The check asks the database with ``failed_q`` and words a failure with
``limit_in_words``; the pages colour each value with ``fails``.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.compliance.parameters import param

QUALITY_CHECK = "4.6.water_quality"
MAX, MIN, RANGE, ABSENT = "max", "min", "range", "absent"


@dataclass(frozen=True)
class RoutineItem:
    """One routine item: its field, its name and unit, and the parameters of its limit."""

    name: str  # the catalogue's routine item and the WaterTest field
    label: str
    unit: str
    rule: str  # MAX, MIN, RANGE (two parameters) or ABSENT (a switch: whether detection is allowed)
    params: tuple[str, ...]


ROUTINE_ITEMS = [
    RoutineItem("colour", gettext_lazy("色度"), gettext_lazy("度"), MAX, ("colour_max",)),
    RoutineItem("turbidity", gettext_lazy("浑浊度"), "NTU", MAX, ("turbidity_max",)),
    RoutineItem(
        "odour_visible_matter", gettext_lazy("臭和味、肉眼可见物"), "", ABSENT, ("odour_taste_allowed",)
    ),
    RoutineItem("ph", "pH", "", RANGE, ("ph_min", "ph_max")),
    RoutineItem("total_coliforms", gettext_lazy("总大肠菌群"), "", ABSENT, ("coliforms_allowed",)),
    RoutineItem("total_bacteria", gettext_lazy("菌落总数"), "CFU/mL", MAX, ("total_bacteria_max",)),
    RoutineItem("residual_chlorine", gettext_lazy("游离余氯"), "mg/L", MIN, ("free_chlorine_min",)),
]
ITEMS = {item.name: item for item in ROUTINE_ITEMS}


def limits_in_force(division: str | None, day) -> dict:
    """{parameter name: value} of 4.6.water_quality for a division on a day."""
    names = {name for item in ROUTINE_ITEMS for name in item.params}
    return {name: param(QUALITY_CHECK, name, division, day) for name in sorted(names)}


def fails(item: RoutineItem, value, limits: dict) -> bool:
    """Whether a measured value breaks its limit (exactly the limit passes)."""
    if value is None:
        return False
    if item.rule == MAX:
        return value > limits[item.params[0]]
    if item.rule == MIN:
        return value < limits[item.params[0]]
    if item.rule == RANGE:
        return value < limits[item.params[0]] or value > limits[item.params[1]]
    return bool(value) and not limits[item.params[0]]


def failed_q(item: RoutineItem, limits: dict) -> Q:
    """The tests whose value of ``item`` breaks its limit, as a filter (the same rule as ``fails``)."""
    low, high = limits[item.params[0]], limits[item.params[-1]]
    if item.rule == MAX:
        return Q(**{f"{item.name}__gt": low})
    if item.rule == MIN:
        return Q(**{f"{item.name}__lt": low})
    if item.rule == RANGE:
        return Q(**{f"{item.name}__lt": low}) | Q(**{f"{item.name}__gt": high})
    return Q(pk__in=[]) if low else Q(**{item.name: True})


def number(value) -> str:
    """A decimal as the report prints it: 1.20 → 1.2, 100 → 100."""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    return str(value)


def value_in_words(item: RoutineItem, value) -> str:
    if item.rule == ABSENT:
        return _("检出") if value else _("未检出")
    return f"{number(value)} {item.unit}".strip()


def limit_in_words(item: RoutineItem, limits: dict) -> str:
    unit = f" {item.unit}" if item.unit else ""
    if item.rule == MAX:
        return _("不超过%(limit)s") % {"limit": number(limits[item.params[0]]) + unit}
    if item.rule == MIN:
        return _("不低于%(limit)s") % {"limit": number(limits[item.params[0]]) + unit}
    if item.rule == RANGE:
        return _("%(low)s至%(high)s") % {
            "low": number(limits[item.params[0]]),
            "high": number(limits[item.params[1]]) + unit,
        }
    return _("允许检出") if limits[item.params[0]] else _("不得检出")


def item_rows(test, limits: dict) -> list[dict]:
    """The seven items of a test for a page: name, value, limit and whether it fails, in the catalogue's order."""
    rows = []
    for item in ROUTINE_ITEMS:
        value = getattr(test, item.name)
        rows.append(
            {
                "item": item,
                "value": value_in_words(item, value),
                "limit": limit_in_words(item, limits),
                "fails": fails(item, value, limits),
            }
        )
    return rows
