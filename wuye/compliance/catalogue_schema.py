"""The records catalogue.yaml becomes, and the validation that builds them.

Every error names the key path (``clauses[31].checks[0].parameters[1].unit``) and what is wrong, so a
mistake in the YAML is found without reading Python. The schema is described in catalogue.yaml's header.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from functools import cached_property
from typing import Any

# Items per numbered section of the code; section 6 has one item per staff role instead.
SECTION_SIZES = {1: 8, 2: 6, 3: 8, 4: 8, 5: 2}
STAFF_ROLES = ("M", "R", "W")
EXPECTED_CLAUSE_IDS = tuple(
    f"{section}.{item}" for section, size in SECTION_SIZES.items() for item in range(1, size + 1)
) + tuple(f"6.{role}" for role in STAFF_ROLES)

KINDS = ("A", "E", "F")  # strongest first: a clause's kind is the strongest of its checks
PARTIES = ("A", "B")
SEVERITIES = ("minor", "major", "severe")
# DESIGN.md's units, plus metres and the drinking-water units of clause 4.6 (GB 5749).
INTEGER_UNITS = frozenset({"minutes", "hours", "days", "months", "years", "count", "metres"})
DECIMAL_UNITS = frozenset({"yuan", "percent", "ntu", "degree", "cfu_per_ml", "mg_per_l", "ph"})
# Only where no number can say it: switches, a hotline, code lists, exact vote fractions.
OTHER_UNITS = frozenset({"bool", "text", "list", "ratio"})
UNITS = INTEGER_UNITS | DECIMAL_UNITS | OTHER_UNITS

CODE = re.compile(r"[a-z][a-z0-9_]*")
RATIO = re.compile(r"([1-9]\d*)/([1-9]\d*)")

CATALOGUE_KEYS = ("defaults", "clauses")
CLAUSE_KEYS = ("id", "section", "text", "name", "kind", "cap", "checks")
CHECK_KEYS = ("id", "description", "kind", "planned", "party", "veto", "severity", "points", "parameters")
PARAMETER_KEYS = ("name", "default", "unit", "source")
LABEL_KEYS = ("zh", "en")

ParameterValue = int | Decimal | Fraction | bool | str | tuple[str, ...]


class CatalogueError(ValueError):
    """catalogue.yaml breaks the schema; the message starts with the key path."""

    def __init__(self, path: str, problem: str):
        self.path = path or "(top level)"
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


@dataclass(frozen=True)
class Label:
    """A short text in Chinese (shown) and English (for the API and developers)."""

    zh: str
    en: str


@dataclass(frozen=True)
class Parameter:
    """A default value a check applies, with its unit and the text it comes from."""

    name: str
    default: ParameterValue
    unit: str
    source: str


@dataclass(frozen=True)
class Check:
    """One check of a clause, as the catalogue declares it."""

    id: str
    description: Label
    kind: str
    planned: bool
    party: str
    veto: bool
    severity: str
    points: int
    parameters: tuple[Parameter, ...]

    @property
    def clause_id(self) -> str:
        return self.id.rsplit(".", 1)[0]

    def parameter(self, name: str) -> Parameter:
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        raise KeyError(f"check {self.id} has no parameter {name!r}")


@dataclass(frozen=True)
class Clause:
    """One item of the code of conduct and its checks."""

    id: str
    section: int
    text: str
    name: Label
    kind: str
    cap: int
    checks: tuple[Check, ...]


@dataclass(frozen=True)
class Catalogue:
    """The whole catalogue: clauses in the code's order and the shared defaults."""

    clauses: tuple[Clause, ...]
    defaults: tuple[Parameter, ...]

    @cached_property
    def clauses_by_id(self) -> dict[str, Clause]:
        return {clause.id: clause for clause in self.clauses}

    @cached_property
    def checks_by_id(self) -> dict[str, Check]:
        return {check.id: check for clause in self.clauses for check in clause.checks}

    def default(self, name: str) -> Parameter:
        for parameter in self.defaults:
            if parameter.name == name:
                return parameter
        raise KeyError(f"no default {name!r} in the catalogue")


def parse_catalogue(data: Any) -> Catalogue:
    data = _mapping(data, "", CATALOGUE_KEYS)
    defaults = _parameters(data["defaults"], "defaults")
    items = _list(data["clauses"], "clauses")
    check_paths: dict[str, str] = {}
    clause_paths: dict[str, str] = {}
    clauses = []
    for index, item in enumerate(items):
        path = f"clauses[{index}]"
        clauses.append(_clause(item, path, clause_paths, check_paths))
    missing = [clause_id for clause_id in EXPECTED_CLAUSE_IDS if clause_id not in clause_paths]
    if missing:
        raise CatalogueError("clauses", f"missing clause ids: {', '.join(missing)} (expected all 35 items)")
    return Catalogue(clauses=tuple(clauses), defaults=defaults)


def _clause(data: Any, path: str, clause_paths: dict[str, str], check_paths: dict[str, str]) -> Clause:
    data = _mapping(data, path, CLAUSE_KEYS)
    clause_id = _clause_id(data["id"], f"{path}.id")
    if clause_id in clause_paths:
        raise CatalogueError(
            f"{path}.id", f"duplicate clause id {clause_id!r} (also {clause_paths[clause_id]})"
        )
    clause_paths[clause_id] = path
    section = _integer(data["section"], f"{path}.section", minimum=1)
    if str(section) != clause_id.split(".")[0]:
        raise CatalogueError(
            f"{path}.section", f"is {section}, but clause {clause_id} is in section {clause_id[0]}"
        )
    kind = _choice(data["kind"], f"{path}.kind", KINDS)
    checks = _checks(data["checks"], f"{path}.checks", clause_id, check_paths)
    if not checks:
        raise CatalogueError(f"{path}.checks", f"a kind {kind} clause needs at least one check")
    strongest = min((check.kind for check in checks), key=KINDS.index)
    if kind != strongest:
        raise CatalogueError(
            f"{path}.kind", f"is {kind}, but its strongest check is {strongest} (A over E over F)"
        )
    return Clause(
        id=clause_id,
        section=section,
        text=_text(data["text"], f"{path}.text"),
        name=_label(data["name"], f"{path}.name"),
        kind=kind,
        cap=_integer(data["cap"], f"{path}.cap", minimum=1),
        checks=checks,
    )


def _clause_id(value: Any, path: str) -> str:
    if not isinstance(value, str):
        # An unquoted 1.1 is read by YAML as a float.
        raise CatalogueError(path, f"expected a quoted string, got {_describe(value)}")
    if value not in EXPECTED_CLAUSE_IDS:
        raise CatalogueError(path, f"{value!r} is not an item of the code ({', '.join(EXPECTED_CLAUSE_IDS)})")
    return value


def _checks(data: Any, path: str, clause_id: str, check_paths: dict[str, str]) -> tuple[Check, ...]:
    checks = []
    for index, item in enumerate(_list(data, path)):
        check = _check(item, f"{path}[{index}]", clause_id)
        if check.id in check_paths:
            raise CatalogueError(
                f"{path}[{index}].id", f"duplicate check id {check.id!r} (also {check_paths[check.id]})"
            )
        check_paths[check.id] = f"{path}[{index}]"
        checks.append(check)
    return tuple(checks)


def _check(data: Any, path: str, clause_id: str) -> Check:
    data = _mapping(data, path, CHECK_KEYS)
    check_id = _text(data["id"], f"{path}.id")
    prefix = f"{clause_id}."
    if not check_id.startswith(prefix) or not CODE.fullmatch(check_id[len(prefix) :]):
        raise CatalogueError(f"{path}.id", f"{check_id!r} must be {prefix}<snake_case name>")
    severity = _choice(data["severity"], f"{path}.severity", SEVERITIES)
    veto = _boolean(data["veto"], f"{path}.veto")
    if veto and severity != "severe":
        raise CatalogueError(f"{path}.veto", f"a veto check must be severe, not {severity}")
    return Check(
        id=check_id,
        description=_label(data["description"], f"{path}.description"),
        kind=_choice(data["kind"], f"{path}.kind", KINDS),
        planned=_boolean(data["planned"], f"{path}.planned"),
        party=_choice(data["party"], f"{path}.party", PARTIES),
        veto=veto,
        severity=severity,
        points=_integer(data["points"], f"{path}.points", minimum=1),
        parameters=_parameters(data["parameters"], f"{path}.parameters"),
    )


def _parameters(data: Any, path: str) -> tuple[Parameter, ...]:
    parameters: list[Parameter] = []
    for index, item in enumerate(_list(data, path)):
        parameter = _parameter(item, f"{path}[{index}]")
        if any(other.name == parameter.name for other in parameters):
            raise CatalogueError(f"{path}[{index}].name", f"duplicate parameter name {parameter.name!r}")
        parameters.append(parameter)
    return tuple(parameters)


def _parameter(data: Any, path: str) -> Parameter:
    data = _mapping(data, path, PARAMETER_KEYS)
    name = _text(data["name"], f"{path}.name")
    if not CODE.fullmatch(name):
        raise CatalogueError(f"{path}.name", f"{name!r} must be snake_case")
    unit = _choice(data["unit"], f"{path}.unit", sorted(UNITS))
    return Parameter(
        name=name,
        default=_value(data["default"], f"{path}.default", unit),
        unit=unit,
        source=_text(data["source"], f"{path}.source"),
    )


def parse_value(value: Any, path: str, unit: str) -> ParameterValue:
    """A parameter value of ``unit`` from YAML or JSON (catalogue defaults and division overrides)."""
    return _value(value, path, unit)


def _value(value: Any, path: str, unit: str) -> ParameterValue:
    if unit in INTEGER_UNITS:
        return _integer(value, path, minimum=0)
    if unit in DECIMAL_UNITS:
        return _decimal(value, path)
    if unit == "bool":
        return _boolean(value, path)
    if unit == "text":
        return _text(value, path)
    if unit == "ratio":
        return _ratio(value, path)
    codes = tuple(_text(item, f"{path}[{index}]") for index, item in enumerate(_list(value, path)))
    bad = [code for code in codes if not CODE.fullmatch(code)]
    if not codes or bad or len(set(codes)) != len(codes):
        raise CatalogueError(path, "a list must hold distinct snake_case codes, at least one")
    return codes


def _mapping(value: Any, path: str, keys: tuple[str, ...]) -> dict:
    if not isinstance(value, dict):
        raise CatalogueError(path, f"expected a mapping, got {_describe(value)}")
    unknown = [key for key in value if key not in keys]
    if unknown:
        raise CatalogueError(_key(path, unknown[0]), f"unknown key (allowed: {', '.join(keys)})")
    missing = [key for key in keys if key not in value]
    if missing:
        raise CatalogueError(_key(path, missing[0]), "missing")
    return value


def _list(value: Any, path: str) -> list:
    if not isinstance(value, list):
        raise CatalogueError(path, f"expected a list, got {_describe(value)}")
    return value


def _text(value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise CatalogueError(path, f"expected a string, got {_describe(value)}")
    if not value.strip():
        raise CatalogueError(path, "must not be empty")
    return value


def _label(value: Any, path: str) -> Label:
    value = _mapping(value, path, LABEL_KEYS)
    return Label(zh=_text(value["zh"], f"{path}.zh"), en=_text(value["en"], f"{path}.en"))


def _choice(value: Any, path: str, choices) -> str:
    if not isinstance(value, str) or value not in choices:
        raise CatalogueError(path, f"{_describe(value)} is not one of {', '.join(choices)}")
    return value


def _boolean(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise CatalogueError(path, f"expected true or false, got {_describe(value)}")
    return value


def _integer(value: Any, path: str, minimum: int) -> int:
    # bool is an int subclass in Python; YAML's `yes` must not pass as 1.
    if isinstance(value, bool) or not isinstance(value, int):
        raise CatalogueError(path, f"expected a whole number, got {_describe(value)}")
    if value < minimum:
        raise CatalogueError(path, f"must be at least {minimum}, got {value}")
    return value


def _decimal(value: Any, path: str) -> Decimal:
    # Through str() so that 0.01 becomes Decimal("0.01"), not the binary float's expansion.
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise CatalogueError(path, f"expected a number, got {_describe(value)}")
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise CatalogueError(path, f"expected a number, got {_describe(value)}")
    if not number.is_finite() or number < 0:
        raise CatalogueError(path, f"must be a finite number not below 0, got {value!r}")
    return number


def _ratio(value: Any, path: str) -> Fraction:
    match = RATIO.fullmatch(value) if isinstance(value, str) else None
    if not match or int(match[1]) > int(match[2]):
        raise CatalogueError(
            path, f'expected a fraction between 0 and 1 such as "2/3", got {_describe(value)}'
        )
    return Fraction(int(match[1]), int(match[2]))


def _key(path: str, key: Any) -> str:
    return f"{path}.{key}" if path else str(key)


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    return f"{type(value).__name__} {value!r}"
