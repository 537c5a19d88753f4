"""The layers of DESIGN.md, as far as the code keeps them: the duty apps (safety, servicedesk, finance) are
siblings that never import each other — what two of them share lives below them (core, estates) or in
compliance — and nothing imports the public pages (disclosure) but the URLs. Tests, migrations and the
demo (which builds every app's records) are left out."""

import ast
from pathlib import Path

WUYE = Path(__file__).resolve().parents[2]
DUTY_APPS = {"safety", "servicedesk", "finance"}


def imports_between_apps():
    """(importing app, imported app, file) of every import of another wuye app outside tests and the demo."""
    for path in WUYE.rglob("*.py"):
        parts = path.relative_to(WUYE).parts
        if len(parts) < 2 or {"tests", "migrations", "demo"} & set(parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                modules = [node.module]
            elif isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            else:
                continue
            for module in modules:
                if module.startswith("wuye.") and module.split(".")[1] != parts[0]:
                    yield parts[0], module.split(".")[1], "/".join(parts)


def test_duty_apps_do_not_import_each_other():
    crossing = [edge for edge in imports_between_apps() if edge[0] in DUTY_APPS and edge[1] in DUTY_APPS]
    assert crossing == []


def test_only_the_urls_import_the_public_pages():
    importing = [edge for edge in imports_between_apps() if edge[1] == "disclosure"]
    assert [file for _app, _target, file in importing] in ([], ["urls.py"])
