"""The rule catalogue: the code of conduct as data, loaded once from catalogue.yaml and validated.

Checks, reminders, the `catalogue` command and the API read clauses, checks and default parameters
from here; nothing else parses the YAML.
"""

import functools
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import yaml

from wuye.compliance.catalogue_schema import (
    Catalogue,
    CatalogueError,
    Check,
    Clause,
    Label,
    Parameter,
    ParameterValue,
    parse_catalogue,
)

__all__ = [
    "CATALOGUE_PATH",
    "Catalogue",
    "CatalogueError",
    "Check",
    "Clause",
    "Label",
    "Parameter",
    "catalogue_as_json",
    "check",
    "clause",
    "load_catalogue",
]

CATALOGUE_PATH = Path(__file__).with_name("catalogue.yaml").resolve()


def load_catalogue(path: str | Path | None = None) -> Catalogue:
    """The validated catalogue at `path` (default: the packaged one), read once per path."""
    # The packaged one without resolving its path again: a scorecard asks for it some hundred times.
    return _load(Path(path).resolve() if path else CATALOGUE_PATH)


@functools.lru_cache(maxsize=16)
def _load(path: Path) -> Catalogue:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise CatalogueError("", f"{path.name} is not valid YAML: {exc}")
    return parse_catalogue(data)


def clause(clause_id: str) -> Clause:
    try:
        return load_catalogue().clauses_by_id[clause_id]
    except KeyError:
        raise KeyError(f"no clause {clause_id!r} in the catalogue")


def check(check_id: str) -> Check:
    try:
        return load_catalogue().checks_by_id[check_id]
    except KeyError:
        raise KeyError(f"no check {check_id!r} in the catalogue")


def default(check_id: str, name: str) -> ParameterValue:
    """A parameter's catalogue default, until the dated, per-division ``param()`` lookup exists."""
    for parameter in check(check_id).parameters:
        if parameter.name == name:
            return parameter.default
    raise KeyError(f"check {check_id!r} has no parameter {name!r}")


def catalogue_as_json(catalogue: Catalogue | None = None) -> list[dict]:
    """Clauses as JSON-ready dicts; Decimal and Fraction defaults become exact strings ("0.01", "2/3")."""
    catalogue = catalogue or load_catalogue()
    return [_clause_json(item) for item in catalogue.clauses]


def _clause_json(item: Clause) -> dict:
    return {
        "id": item.id,
        "kind": item.kind,
        "text": item.text,
        "section": item.section,
        "name": _label_json(item.name),
        "cap": item.cap,
        "checks": [_check_json(entry) for entry in item.checks],
    }


def _check_json(item: Check) -> dict:
    return {
        "id": item.id,
        "kind": item.kind,
        "planned": item.planned,
        "party": item.party,
        "veto": item.veto,
        "severity": item.severity,
        "points": item.points,
        "description": _label_json(item.description),
        "parameters": [_parameter_json(parameter) for parameter in item.parameters],
    }


def _parameter_json(item: Parameter) -> dict:
    return {"name": item.name, "default": _value_json(item.default), "unit": item.unit, "source": item.source}


def _label_json(item: Label) -> dict:
    return {"zh": item.zh, "en": item.en}


def _value_json(value):
    # Strings, as the evidence chain writes Decimals: a float would not be exact money.
    if isinstance(value, Decimal | Fraction):
        return str(value)
    if isinstance(value, tuple):
        return list(value)
    return value
