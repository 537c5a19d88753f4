"""`manage.py catalogue` prints the catalogue as a table or as JSON; it needs no database."""

import json
import re
from io import StringIO

from django.core.management import call_command

from wuye.compliance.catalogue import load_catalogue

CLAUSE_KEYS = {"id", "kind", "text", "section", "name", "checks"}
CHECK_KEYS = {"id", "kind", "planned", "party", "veto", "severity", "points", "description", "parameters"}
PARAMETER_KEYS = {"name", "default", "unit", "source"}


def run(*args, **options):
    out = StringIO()
    call_command("catalogue", *args, stdout=out, **options)
    return out.getvalue()


def test_json_lists_every_clause_with_its_checks_and_parameters():
    clauses = json.loads(run(format="json"))

    assert [item["id"] for item in clauses] == [item.id for item in load_catalogue().clauses]
    for item in clauses:
        assert item.keys() >= CLAUSE_KEYS
        assert set(item["name"]) == {"zh", "en"}
        for entry in item["checks"]:
            assert entry.keys() >= CHECK_KEYS
            for parameter in entry["parameters"]:
                assert set(parameter) == PARAMETER_KEYS


def test_json_keeps_chinese_readable_and_decimals_exact():
    output = run("--format", "json")
    by_id = {item["id"]: item for item in json.loads(output)}
    tolerance = by_id["1.5"]["checks"][0]["parameters"][0]

    assert "证照齐全" in output  # ensure_ascii=False
    assert tolerance == {
        "name": "bill_tolerance",
        "default": "0.01",
        "unit": "yuan",
        "source": "platform default",
    }


def test_table_is_the_default_and_ends_with_the_totals():
    catalogue = load_catalogue()
    checks = [item for entry in catalogue.clauses for item in entry.checks]

    output = run()

    totals = f"35 clauses, {len(checks)} checks, {sum(item.planned for item in checks)} planned"
    assert output.rstrip().splitlines()[-1].endswith(f"({totals})")
    assert re.search(r"^4\.8\s+A\s+供配电巡视\s+2\s+0$", output, re.MULTILINE)  # both 4.8 checks implemented
    assert run(format="table") == output
