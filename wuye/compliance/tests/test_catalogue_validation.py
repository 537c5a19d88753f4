"""A broken catalogue is refused with the key path of the mistake."""

import copy
import re

import pytest
import yaml

from wuye.compliance.catalogue import CATALOGUE_PATH, CatalogueError, load_catalogue


@pytest.fixture(scope="module")
def valid_data():
    return yaml.safe_load(CATALOGUE_PATH.read_text(encoding="utf-8"))


def index_of(data, clause_id):
    return next(index for index, item in enumerate(data["clauses"]) if item["id"] == clause_id)


def write(tmp_path, data):
    path = tmp_path / "catalogue.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def param(data, clause_id, check_index, parameter_index):
    return data["clauses"][index_of(data, clause_id)]["checks"][check_index]["parameters"][parameter_index]


def missing_source(data):
    del param(data, "4.8", 0, 1)["source"]


def empty_source(data):
    param(data, "4.8", 0, 1)["source"] = " "


def bad_unit(data):
    param(data, "4.8", 0, 1)["unit"] = "weeks"


def default_of_wrong_type(data):
    param(data, "4.8", 0, 0)["default"] = "one"


def duplicate_check_id(data):
    checks = data["clauses"][index_of(data, "4.8")]["checks"]
    checks[1]["id"] = checks[0]["id"]


def duplicate_clause_id(data):
    data["clauses"][index_of(data, "1.8")]["id"] = "1.7"


def missing_clause(data):
    data["clauses"].pop()


def unexpected_clause_id(data):
    data["clauses"][index_of(data, "1.8")]["id"] = "1.9"


def unquoted_clause_id(data):
    data["clauses"][0]["id"] = 1.1


def unknown_check_key(data):
    data["clauses"][0]["checks"][0]["colour"] = "red"


def unknown_top_level_key(data):
    data["version"] = 2


def check_id_of_another_clause(data):
    data["clauses"][0]["checks"][0]["id"] = "1.2.licence_valid"


def a_clause_without_checks(data):
    data["clauses"][index_of(data, "4.8")]["checks"] = []


def kind_weaker_than_its_checks(data):
    data["clauses"][index_of(data, "4.8")]["kind"] = "E"


def bad_party(data):
    data["clauses"][0]["checks"][0]["party"] = "C"


def bad_severity(data):
    data["clauses"][0]["checks"][0]["severity"] = "fatal"


def points_as_text(data):
    data["clauses"][0]["checks"][0]["points"] = "five"


def veto_on_a_minor_check(data):
    data["clauses"][0]["checks"][0]["veto"] = True


def wrong_section(data):
    data["clauses"][0]["section"] = 2


def missing_name_in_english(data):
    del data["clauses"][0]["name"]["en"]


def bad_ratio(data):
    param(data, "2.5", 0, 0)["default"] = "3/2"


CASES = [
    (missing_source, "clauses[29].checks[0].parameters[1].source", "missing"),
    (empty_source, "clauses[29].checks[0].parameters[1].source", "must not be empty"),
    (bad_unit, "clauses[29].checks[0].parameters[1].unit", "'weeks' is not one of"),
    (default_of_wrong_type, "clauses[29].checks[0].parameters[0].default", "expected a whole number"),
    (duplicate_check_id, "clauses[29].checks[1].id", "duplicate check id '4.8.round_gap'"),
    (duplicate_clause_id, "clauses[7].id", "duplicate clause id '1.7' (also clauses[6])"),
    (missing_clause, "clauses", "missing clause ids: 6.W"),
    (unexpected_clause_id, "clauses[7].id", "'1.9' is not an item of the code"),
    (unquoted_clause_id, "clauses[0].id", "expected a quoted string, got float 1.1"),
    (unknown_check_key, "clauses[0].checks[0].colour", "unknown key"),
    (unknown_top_level_key, "version", "unknown key"),
    (check_id_of_another_clause, "clauses[0].checks[0].id", "must be 1.1.<snake_case name>"),
    (a_clause_without_checks, "clauses[29].checks", "a kind A clause needs at least one check"),
    (kind_weaker_than_its_checks, "clauses[29].kind", "is E, but its strongest check is A"),
    (bad_party, "clauses[0].checks[0].party", "'C' is not one of A, B"),
    (bad_severity, "clauses[0].checks[0].severity", "is not one of minor, major, severe"),
    (points_as_text, "clauses[0].checks[0].points", "expected a whole number, got str 'five'"),
    (veto_on_a_minor_check, "clauses[0].checks[0].veto", "a veto check must be severe"),
    (wrong_section, "clauses[0].section", "clause 1.1 is in section 1"),
    (missing_name_in_english, "clauses[0].name.en", "missing"),
    (bad_ratio, "clauses[12].checks[0].parameters[0].default", "between 0 and 1"),
]


@pytest.mark.parametrize(("mutate", "path", "problem"), CASES, ids=[case[0].__name__ for case in CASES])
def test_a_broken_catalogue_names_the_key_path(tmp_path, valid_data, mutate, path, problem):
    data = copy.deepcopy(valid_data)
    mutate(data)

    with pytest.raises(CatalogueError, match=rf"^{re.escape(path)}: .*{re.escape(problem)}") as caught:
        load_catalogue(write(tmp_path, data))

    assert caught.value.path == path


def test_the_unchanged_data_loads(tmp_path, valid_data):
    assert len(load_catalogue(write(tmp_path, valid_data)).clauses) == 35


def test_invalid_yaml_is_a_catalogue_error(tmp_path):
    path = tmp_path / "catalogue.yaml"
    path.write_text("clauses: [\n", encoding="utf-8")

    with pytest.raises(CatalogueError, match="not valid YAML"):
        load_catalogue(path)


def test_an_empty_file_is_refused(tmp_path):
    path = tmp_path / "catalogue.yaml"
    path.write_text("", encoding="utf-8")

    with pytest.raises(CatalogueError, match=r"^\(top level\): expected a mapping, got null"):
        load_catalogue(path)
