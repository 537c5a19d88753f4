"""``param(check_id, name, division, date)``: the value of a check parameter in force (DESIGN.md).

A regulator may override a default for its division from a date on; a county inherits its league's
override, a league the region's. Durations in minutes, hours and days come back as timedeltas, so a
check never multiplies units by hand; months and years stay whole numbers (calendar arithmetic).
"""

import datetime
from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils import timezone
from django.utils.translation import gettext_lazy

from wuye.compliance.catalogue import check as catalogue_check
from wuye.compliance.catalogue_schema import (
    DECIMAL_UNITS,
    INTEGER_UNITS,
    CatalogueError,
    Parameter,
    ParameterValue,
    parse_value,
)

DURATION_UNITS = {"minutes": "minutes", "hours": "hours", "days": "days"}
UNIT_ERRORS = {
    **{unit: gettext_lazy("请填写不小于0的数。") for unit in DECIMAL_UNITS},
    "text": gettext_lazy("请填写取值。"),
    "ratio": gettext_lazy("请填写0到1之间的分数，如 2/3。"),
    "list": gettext_lazy("请填写以逗号分隔的代码（小写字母、数字和下划线），至少一个，不得重复。"),
}
# Within ``preloaded()``: {division chain: its overrides of every check, parameter and date}.
_PRELOADED: ContextVar[dict | None] = ContextVar("wuye_parameters_preloaded", default=None)


@contextmanager
def preloaded(store: dict | None = None):
    """Within the block the overrides of a division (and its ancestors) are read once, for every check,
    parameter and date at once.

    For a batch of records over many days (an Excel import of a year of visits) and for a page that
    reads many parameters (the project page's cards): one query per division instead of one per
    parameter and day. ``store`` keeps what was read across blocks (an import's validation and its
    save); it is meant for the length of one request, not longer (``ParametersPerRequest``).
    """
    token = _PRELOADED.set(store if store is not None else {})
    try:
        yield
    finally:
        _PRELOADED.reset(token)


def division_chain(code: str | None) -> list[str]:
    """A division and its ancestors, nearest first: 150203 → [150203, 150200, 150000]."""
    if not code:
        return []
    chain = [code, code[:4] + "00", code[:2] + "0000"]
    return list(dict.fromkeys(chain))


# A division may also override a check's points, like any parameter (its default is the catalogue's).
POINTS = "points"


def parameter_spec(check_id: str, name: str):
    check = catalogue_check(check_id)
    if name == POINTS:
        return Parameter(name=POINTS, default=check.points, unit="count", source="catalogue")
    for parameter in check.parameters:
        if parameter.name == name:
            return parameter
    raise KeyError(f"check {check_id!r} has no parameter {name!r}")


def parameter_specs(check_id: str) -> list[Parameter]:
    """Every value of a check a division may override: its parameters, then its points."""
    return [*catalogue_check(check_id).parameters, parameter_spec(check_id, POINTS)]


def nearest(overrides, chain: list[str]):
    """The override in force among (division code, value, valid_from, ...) rows all in force by their
    date: the nearest division's, then the latest."""
    return min(overrides, key=lambda row: (chain.index(row[0]), -row[2].toordinal()))


def raw_param(check_id: str, name: str, division: str | None = None, on: datetime.date | None = None):
    """The value in force, as the catalogue's unit gives it (int, Decimal, bool, ...)."""
    from wuye.compliance.models import ParameterOverride

    spec = parameter_spec(check_id, name)
    chain = division_chain(division)
    if chain:
        on = on or timezone.localdate()
        store = _PRELOADED.get()
        if store is None:
            overrides = (
                ParameterOverride.objects.in_force()
                .filter(check_id=check_id, name=name, division_id__in=chain, valid_from__lte=on)
                .values_list("division_id", "value", "valid_from")
            )
        else:
            key = tuple(chain)
            if key not in store:
                # Every override of the chain at once: a handful of rows, one query per division a
                # request or a batch looks at, whatever the number of parameters it reads.
                store[key] = list(
                    ParameterOverride.objects.in_force()
                    .filter(division_id__in=chain)
                    .values_list("check_id", "name", "division_id", "value", "valid_from")
                )
            overrides = [
                row[2:] for row in store[key] if row[0] == check_id and row[1] == name and row[4] <= on
            ]
        if overrides:
            return parse_value(nearest(overrides, chain)[1], f"{check_id}.{name}", spec.unit)
    return spec.default


def param(check_id: str, name: str, division: str | None = None, on: datetime.date | None = None):
    """The value in force; durations in minutes, hours or days as a timedelta."""
    spec = parameter_spec(check_id, name)
    value: ParameterValue = raw_param(check_id, name, division, on)
    if spec.unit in DURATION_UNITS:
        return datetime.timedelta(**{DURATION_UNITS[spec.unit]: int(value)})
    return value


def value_from_text(text: str, unit: str):
    """The JSON value of an override typed as text in ``unit`` (the form and the API), or ValueError with
    the reason in Chinese. Stored as the catalogue holds defaults: whole numbers, decimals as strings."""
    from django.utils.translation import gettext as _

    text = (text or "").strip()
    if unit in INTEGER_UNITS:
        if not text.isdigit():
            raise ValueError(_("请填写不小于0的整数。"))
        value = int(text)
    elif unit in DECIMAL_UNITS:
        value = text
    elif unit == "bool":
        choices = {"true": True, "是": True, "1": True, "false": False, "否": False, "0": False}
        if text.lower() not in choices:
            raise ValueError(_("请填写“是”或“否”。"))
        value = choices[text.lower()]
    elif unit == "list":
        value = [code for code in text.replace("，", ",").replace(",", " ").split() if code]
    else:
        value = text
    try:
        parse_value(value, "value", unit)
    except CatalogueError:
        raise ValueError(UNIT_ERRORS.get(unit) or _("取值不符合该参数的单位。"))
    return value


def values_in_force(check_id: str, names: tuple[str, ...], on: datetime.date):
    """A function of a division: the tuple of the parameters ``names`` of the check in force there."""
    return lambda division: tuple(param(check_id, name, division, on) for name in names)


def by_division(items, value_of, division_of=None) -> dict:
    """{value_of(division): [items]}: ``items`` grouped by what is in force in their division (the item
    itself, or ``division_of(item)``), worked out once per division, not per item."""
    values, groups = {}, defaultdict(list)
    for item in items:
        division = item if division_of is None else division_of(item)
        if division not in values:
            values[division] = value_of(division)
        groups[values[division]].append(item)
    return groups
