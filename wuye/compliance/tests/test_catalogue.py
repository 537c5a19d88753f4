"""Meta-tests of the packaged catalogue: it covers the whole code and every default of the spec."""

import re
from collections import Counter
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from wuye.compliance.catalogue import check, clause, load_catalogue
from wuye.compliance.catalogue_schema import EXPECTED_CLAUSE_IDS, KINDS, UNITS

# The source document lives beside the spec, outside the repository; where it is, texts are compared.
SOURCE_TEXT = Path("/work/shared/spec/code-of-conduct.zh.txt")
ROLE_PREFIXES = {"6.M": "管理人员：", "6.R": "接待人员：", "6.W": "维修人员："}

ROLLING = ("period", "grace", "backfill_limit", "backfill_fulfils")
CALENDAR = ("bucket", "due_after")


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


@pytest.fixture(scope="module")
def checks(catalogue):
    return [item for entry in catalogue.clauses for item in entry.checks]


def test_the_ids_are_exactly_the_35_items_in_order(catalogue):
    ids = [entry.id for entry in catalogue.clauses]

    assert ids == list(EXPECTED_CLAUSE_IDS)
    assert len(ids) == 35


def test_every_a_clause_has_an_automatic_check(catalogue):
    for entry in catalogue.clauses:
        if entry.kind == "A":
            assert any(item.kind == "A" for item in entry.checks), entry.id


def test_a_clause_kind_is_its_strongest_check(catalogue):
    for entry in catalogue.clauses:
        assert entry.kind == min((item.kind for item in entry.checks), key=KINDS.index), entry.id


def test_check_ids_are_unique_and_prefixed_by_their_clause(catalogue, checks):
    counts = Counter(item.id for item in checks)

    assert [check_id for check_id, count in counts.items() if count > 1] == []
    for entry in catalogue.clauses:
        for item in entry.checks:
            assert item.clause_id == entry.id


def test_every_parameter_has_a_source_and_a_valid_unit(catalogue, checks):
    parameters = [*catalogue.defaults, *(parameter for item in checks for parameter in item.parameters)]

    assert parameters
    for parameter in parameters:
        assert parameter.source.strip(), parameter.name
        assert parameter.unit in UNITS, parameter.name


def test_points_follow_the_severity_defaults(catalogue, checks):
    points = {
        severity: catalogue.default(f"points_{severity}").default for severity in ("minor", "major", "severe")
    }

    for item in checks:
        assert item.points == points[item.severity], item.id


def test_every_clause_has_the_default_cap(catalogue):
    cap = catalogue.default("cap_per_clause").default

    assert {entry.cap for entry in catalogue.clauses} == {cap}


def test_only_sudden_withdrawal_and_refusing_to_leave_are_vetoes(checks):
    vetoes = {item.id for item in checks if item.veto}

    assert vetoes == {"2.1.sudden_withdrawal", "2.4.refused_to_leave"}


def test_the_developer_is_party_a_of_its_own_duties(checks):
    assert check("2.3.developer_documents").party == "A"
    assert {item.party for item in checks} == {"A", "B"}


def test_registry_and_catalogue_agree(checks):
    """DESIGN.md's meta-test: every non-planned check has code, and code only for non-planned checks."""
    from wuye.compliance.registry import registered_checks

    registered = set(registered_checks())
    implemented = {item.id for item in checks if not item.planned}
    assert implemented - registered == set(), "the catalogue says implemented, but no code registers these"
    assert registered - implemented == set(), "code registers these, but the catalogue still says planned"


def test_periodic_duties_carry_all_their_parameters(checks):
    for item in checks:
        names = {parameter.name for parameter in item.parameters}
        for shape in (ROLLING, CALENDAR):
            if names & set(shape):
                assert set(shape) <= names, item.id


@pytest.mark.parametrize(
    ("check_id", "name", "default", "unit", "source"),
    [
        ("4.8.round_gap", "period", 1, "hours", "the code"),
        ("4.8.round_gap", "grace", 15, "minutes", "platform default"),
        ("4.8.round_gap", "backfill_fulfils", False, "bool", "platform default"),
        ("4.1.patrol_gap", "period", 2, "hours", "practice (2–3 h by service level)"),
        ("4.1.patrol_gap", "checkin_max_distance", 200, "metres", "platform default"),
        ("4.2.maintenance_gap", "period", 15, "days", "特种设备安全监察条例 Art. 31; TSG T5002"),
        ("4.2.maintenance_gap", "backfill_fulfils", True, "bool", "platform default"),
        ("2.1.exit_notice", "notice_before_expiry", 90, "days", "民法典 Art. 947"),
        ("2.1.exit_notice", "notice_open_ended", 60, "days", "民法典 Art. 948"),
        ("2.3.developer_documents", "documents_before_inspection", 20, "days", "物业承接查验办法"),
        ("1.4.labour_contract", "contract_deadline", 1, "months", "劳动合同法 Art. 10, 82"),
        ("1.5.bill_matches_standard", "bill_tolerance", Decimal("0.01"), "yuan", "platform default"),
        ("1.6.statement_published", "due_after", 30, "days", "practice"),
        ("2.5.use_authorised", "approval_area", Fraction(3, 4), "ratio", "民法典 Art. 278"),
        ("4.3.extinguisher_age", "max_age_co2", 12, "years", "GB 50444-2008 §5.4.3"),
        ("4.6.water_quality", "free_chlorine_min", Decimal("0.05"), "mg_per_l", "GB 5749-2022"),
        ("4.6.water_quality", "ph_max", Decimal("8.5"), "ph", "GB 5749"),
        ("4.7.sewer_flush", "bucket", 3, "months", "the code"),
        ("5.1.case_reported", "report_deadline", 3, "days", "物业管理条例 Art. 45; deadline: practice"),
    ],
)
def test_defaults_match_the_spec(check_id, name, default, unit, source):
    parameter = check(check_id).parameter(name)

    assert (parameter.default, parameter.unit, parameter.source) == (default, unit, source)


def test_scoring_defaults_match_the_design(catalogue):
    values = {parameter.name: parameter.default for parameter in catalogue.defaults}

    assert values["appeal_deadline"] == 15
    assert values["appeal_decision_deadline"] == 20
    assert [values[f"grade_{grade}_min"] for grade in "abc"] == [90, 75, 60]


def test_lookups_by_id():
    assert clause("6.W").section == 6
    assert check("1.3.certificate_lent").severity == "severe"
    with pytest.raises(KeyError):
        clause("1.9")
    with pytest.raises(KeyError):
        check("4.8.nope")


def test_load_catalogue_is_cached():
    assert load_catalogue() is load_catalogue()


@pytest.mark.skipif(not SOURCE_TEXT.exists(), reason="the source document is outside this checkout")
def test_clause_texts_are_copied_exactly_from_the_source(catalogue):
    source = {}
    section = 0
    for line in SOURCE_TEXT.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if re.match(r"[一二三四五六]、", line):
            section += 1
        elif match := re.fullmatch(r"(\d)\.(.+)", line):
            source[f"{section}.{match[1]}"] = match[2]
        for clause_id, prefix in ROLE_PREFIXES.items():
            if line.startswith(prefix):
                source[clause_id] = line.removeprefix(prefix)

    assert {entry.id: entry.text for entry in catalogue.clauses} == source
