"""The UI speaks Chinese by default and English on request, and the English catalogue is complete.

The pages are read as a user would (Accept-Language or the language switch); names of enterprises,
projects, people and divisions are data and stay Chinese, every label around them is translated.
The catalogue is checked against the code (every literal message has an English entry) and against
its compiled .mo (what runs is what the .po says).
"""

import ast
import gettext
import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from rest_framework.test import APIClient

from wuye.enterprises.models import Enterprise
from wuye.testing.identifiers import credit_code

pytestmark = pytest.mark.django_db

WUYE = Path(settings.BASE_DIR) / "wuye"
LC_MESSAGES = WUYE / "locale" / "en" / "LC_MESSAGES"
PO = LC_MESSAGES / "django.po"
MO = LC_MESSAGES / "django.mo"
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")
LOGIN = "/accounts/login/"


# Reading a page


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return html.unescape(content.decode())


def data_strings() -> list[str]:
    """Every text value stored in the registry (names, addresses, divisions...), longest first."""
    values = set()
    for model in apps.get_models():
        if not model.__module__.startswith("wuye."):
            continue
        names = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField)
        ]
        lists = [field.name for field in model._meta.concrete_fields if isinstance(field, models.JSONField)]
        for obj in model.objects.all():
            values.update(str(getattr(obj, name)) for name in names if getattr(obj, name))
            for name in lists:  # a power room's supplies, a round's states: names typed in by users
                value = getattr(obj, name)
                if isinstance(value, list | dict):
                    values.update(item for item in value if isinstance(item, str))
            if isinstance(getattr(obj, "full_name", None), str):
                values.add(obj.full_name)
    return sorted(values, key=len, reverse=True)


def ui_chinese(text: str, data: list[str]) -> list[str]:
    """The Chinese left on a page once its data is taken out: untranslated UI, if any.

    The language switch names each language in itself, so its "中文" button is not a leftover.
    """
    for value in data:
        text = text.replace(value, " ")
    text = text.replace(">中文</button>", "></button>")
    return [text[max(0, m.start() - 40) : m.end() + 10] for m in CJK.finditer(text)]


def choose_english(client):
    """What the language switch leaves behind: the language cookie."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def in_english(client, url, **extra):
    choose_english(client)
    response = client.get(url, **extra)
    assert response.status_code == 200, url
    return body(response)


# The login page


def test_the_login_page_is_chinese_by_default(client):
    page = body(client.get(LOGIN))
    assert '<html lang="zh-hans">' in page
    for label in ("账号登录", "用户名", "密码", "登录", "忘记密码？", "用邀请码开通"):
        assert label in page
    assert "Log in" not in page and "Username" not in page


def test_an_english_browser_still_gets_chinese_until_english_is_chosen(client):
    page = body(client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"))
    assert '<html lang="zh-hans">' in page and "账号登录" in page


def test_the_login_page_speaks_english_once_chosen(client):
    choose_english(client)
    page = body(client.get(LOGIN))
    assert '<html lang="en">' in page
    for label in ("Log in to your account", "Username", "Password", "Property Service Supervision"):
        assert label in page
    # No data on this page: not one Chinese character but the switch back to Chinese.
    assert ui_chinese(page, []) == []


def test_the_language_switch_sets_english_and_back(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": LOGIN})
    assert response.status_code == 302 and response.url == LOGIN
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = body(client.get(LOGIN))
    assert '<html lang="en">' in page and "Log in to your account" in page and "账号登录" not in page

    client.post("/i18n/setlang/", {"language": "zh-hans", "next": LOGIN})
    page = body(client.get(LOGIN))
    assert '<html lang="zh-hans">' in page and "账号登录" in page


def test_a_failed_login_is_explained_in_english(client, world):
    choose_english(client)
    page = body(client.post(LOGIN, {"username": "manager", "password": "wrong"}))
    assert "Wrong username or password." in page
    assert ui_chinese(page, []) == []


# Pages behind the login


def test_the_enterprise_list_in_english(client, world):
    client.force_login(world.users["manager"])
    page = in_english(client, "/enterprises/")
    assert '<html lang="en">' in page
    for label in ("Enterprises", "Credit code", "Registered in", "Legal representative", "Export CSV"):
        assert label in page
    assert "1 in total, page 1 of 1" in page
    assert world.inside.enterprise.name in page  # data stays as entered
    assert ui_chinese(page, data_strings()) == []


def test_a_project_in_english(client, world):
    project = world.inside.project
    client.force_login(world.users["manager"])
    page = in_english(client, f"/projects/{project.pk}/")
    for label in ("Division", "Floor area", "Service periods", "Service contracts", "Buildings"):
        assert label in page
    assert "Owners' committee" in page
    assert project.name in page and project.division.full_name in page
    left = ui_chinese(page, data_strings())
    assert left == []
    for chinese in ("所在区划", "建筑面积", "服务期", "物业服务合同", "楼栋", "修改", "首页"):
        assert all(chinese not in snippet for snippet in left)


PAGES = [
    "/",
    "/enterprises/",
    "/enterprises/?export=csv",
    "/enterprises/new/",
    "/enterprises/{enterprise}/",
    "/enterprises/{enterprise}/edit/",
    "/enterprises/{enterprise}/licences/new/",
    "/enterprises/{enterprise}/staff/new/",
    "/enterprises/staff/{staff}/",
    "/enterprises/staff/{staff}/edit/",
    "/enterprises/staff/{staff}/posts/new/",
    "/projects/",
    "/projects/?export=csv",
    "/projects/new/",
    "/projects/{project}/",
    "/projects/{project}/edit/",
    "/projects/{project}/buildings/new/",
    "/projects/buildings/{building}/",
    "/projects/households/{household}/edit/",
    "/projects/{project}/owners/new/",
    "/projects/{project}/committees/new/",
    "/projects/{project}/contracts/new/",
    "/projects/contracts/{contract}/edit/",
    "/accounts/password/",
    "/accounts/password/done/",
    "/admin/",
    "/admin/estates/project/",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_in_english_has_no_chinese_but_data(client, world, path):
    inside = world.inside
    url = path.format(
        enterprise=inside.enterprise.pk,
        staff=inside.staff.pk,
        project=inside.project.pk,
        building=inside.building.pk,
        household=inside.household.pk,
        contract=inside.contract.pk,
    )
    client.force_login(world.users["admin"])
    assert ui_chinese(in_english(client, url), data_strings()) == []


# Pages of the duties and the scorecards, with records and an evaluation behind them.
DUTY_PAGES = [
    "/safety/entrances/{entrance}/",
    "/safety/entrances/{entrance}/shifts/new/",
    "/safety/patrol-routes/{route}/",
    "/safety/patrol-routes/{route}/stickers/",
    "/safety/patrol-points/{point}/rotate/",
    "/safety/cameras/{camera}/",
    "/safety/projects/{project}/camera-checks/new/",
    "/safety/power-rooms/{room}/",
    "/p/{token}/",
    "/compliance/projects/{project}/",
    "/compliance/enterprises/{enterprise}/",
    "/compliance/reviews/",
]


@pytest.mark.parametrize("role", ["manager", "regulator"])
def test_duty_pages_and_scorecards_in_english(client, world, role):
    from wuye.compliance.catalogue import load_catalogue
    from wuye.compliance.engine import evaluate
    from wuye.safety.stickers import sticker_token
    from wuye.safety.tests.world import add_patrols, add_power_rooms

    inside = add_patrols(add_power_rooms(world)).inside
    evaluate(full=True)
    client.force_login(world.users[role])
    # The code's own text is shown as it was enacted (lang="zh-hans"): data, like the names.
    data = sorted(
        [*data_strings(), *(clause.text for clause in load_catalogue().clauses)], key=len, reverse=True
    )
    for path in DUTY_PAGES:
        url = path.format(
            entrance=inside.entrance.pk,
            route=inside.patrolroute.pk,
            point=inside.patrolpoint.pk,
            camera=inside.camera.pk,
            project=inside.project.pk,
            room=inside.powerroom.pk,
            token=sticker_token(inside.patrolpoint),
            enterprise=inside.enterprise.pk,
        )
        if role == "regulator" and (path.startswith(("/p/", "/safety/patrol-points/")) or "/new/" in path):
            continue  # pages of those who record the duties
        if role == "regulator" and "/stickers/" in path:
            continue
        assert ui_chinese(in_english(client, url), data) == [], url


@pytest.mark.parametrize("role", ["regulator_bt", "manager", "staff", "committee", "owner", "stranger"])
def test_every_home_page_in_english(client, world, role):
    client.force_login(world.users[role])
    page = in_english(client, "/")
    assert "Hello," in page
    assert ui_chinese(page, data_strings()) == []


# Messages


BAD_CODE = credit_code(779, area="150203")[:-1]


def test_a_bad_credit_code_through_the_api_is_explained_in_english(world):
    api = APIClient()
    api.force_authenticate(world.users["regulator_bt"])
    payload = {
        "name": "新城物业服务有限公司",
        "credit_code": BAD_CODE,
        "legal_representative": "李四",
        "address": "包头市青山区幸福路8号",
        "service_phone": "0472-7654321",
    }
    english = api.post("/api/enterprises/", payload, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 400
    assert english.json()["credit_code"] == ["The credit code must have 18 characters; this one has 17."]
    chinese = api.post("/api/enterprises/", payload, format="json")
    assert chinese.json()["credit_code"] == ["统一社会信用代码应为18位，当前为17位。"]


def test_a_form_error_and_the_saved_message_are_in_english(client, world):
    enterprise = world.inside.enterprise
    client.force_login(world.users["manager"])
    data = {
        "name": enterprise.name,
        "credit_code": BAD_CODE,
        "legal_representative": enterprise.legal_representative,
        "address": enterprise.address,
        "service_phone": enterprise.service_phone,
    }
    url = f"/enterprises/{enterprise.pk}/edit/"
    choose_english(client)
    page = body(client.post(url, data))
    assert "Please correct the fields marked in red below." in page
    assert "The credit code must have 18 characters; this one has 17." in page
    assert ui_chinese(page, data_strings()) == []

    data["credit_code"] = enterprise.credit_code
    page = body(client.post(url, data, follow=True))
    assert "Saved." in page and "已保存" not in page
    assert Enterprise.objects.get(pk=enterprise.pk).credit_code == enterprise.credit_code


# The catalogue


def read_po(path: Path) -> list[dict]:
    """The entries of a .po file: flags, msgctxt, msgid, msgid_plural and msgstr (index -> text)."""
    entries, entry, key = [], None, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry is not None:
                entries.append(entry)
            entry = None
            continue
        if entry is None:
            entry = {"flags": set(), "msgctxt": None, "msgid": "", "msgid_plural": None, "msgstr": {}}
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#~"):
            entry["flags"].add("obsolete")
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            text = ast.literal_eval(line)
            if key[0] == "msgstr":
                entry["msgstr"][key[1]] += text
            else:
                entry[key[0]] += text
        else:
            match = re.fullmatch(r'(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(".*")', line)
            assert match, f"unreadable line in {path.name}: {line!r}"
            name, index, text = match.group(1), match.group(2), ast.literal_eval(match.group(3))
            if name == "msgstr":
                key = ("msgstr", int(index) if index is not None else 0)
                entry["msgstr"][key[1]] = text
            else:
                key = (name, None)
                entry[name] = text
    return entries


def catalogue() -> list[dict]:
    return [entry for entry in read_po(PO) if entry["msgid"]]


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"%\((\w+)\)", text))


def test_the_catalogue_is_complete_and_nothing_is_fuzzy():
    entries = read_po(PO)
    header = entries[0]
    assert header["msgid"] == "" and "fuzzy" not in header["flags"]
    assert "Language: en\n" in header["msgstr"][0]
    translated = catalogue()
    assert len(translated) > 300
    problems = []
    for entry in translated:
        label = (entry["msgctxt"], entry["msgid"])
        if "fuzzy" in entry["flags"] or "obsolete" in entry["flags"]:
            problems.append(("fuzzy or obsolete", label))
        expected = 2 if entry["msgid_plural"] is not None else 1
        strings = [entry["msgstr"].get(index, "") for index in range(expected)]
        if not all(s.strip() for s in strings):
            problems.append(("empty msgstr", label))
        if any(CJK.search(s) for s in strings):
            problems.append(("Chinese in the English text", label))
        if "python-format" in entry["flags"]:
            wanted = placeholders(entry["msgid"]) | placeholders(entry["msgid_plural"] or "")
            for s in strings:
                if placeholders(s) - wanted or (entry["msgid_plural"] is None and placeholders(s) != wanted):
                    problems.append(("placeholders differ", label, s))
    assert problems == []


def test_the_compiled_catalogue_says_what_the_po_says():
    with MO.open("rb") as file:
        compiled = gettext.GNUTranslations(file)._catalog
    expected = {}
    for entry in catalogue():
        key = entry["msgid"] if entry["msgctxt"] is None else f"{entry['msgctxt']}\x04{entry['msgid']}"
        if entry["msgid_plural"] is None:
            expected[key] = entry["msgstr"][0]
        else:
            for index, text in entry["msgstr"].items():
                expected[(key, index)] = text
    compiled = {key: value for key, value in compiled.items() if key != ""}
    assert compiled == expected, "django.mo is stale: run `manage.py compilemessages -l en --ignore=.venv`"


def test_msgfmt_accepts_the_po_and_gives_the_committed_mo(tmp_path):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        message = "GNU gettext (msgfmt) is not installed (apt-get install gettext)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " — CI must not skip this test")
        pytest.skip(message)
    out = tmp_path / "django.mo"
    result = subprocess.run(
        [msgfmt, "--check", "-o", str(out), str(PO)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == MO.read_bytes(), (
        "django.mo differs from the compiled django.po: run `manage.py compilemessages -l en --ignore=.venv`"
    )


# The code against the catalogue

GETTEXT = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy"}
PGETTEXT = {"pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy"}
SKIPPED_DIRS = {"tests", "migrations", "demo", "data", "testing", "locale", "static", "bench"}
# Chinese that is not UI text: a language named in itself, the API's brand title, a data test, and
# the console lines of `serve`, which are written in both languages at once.
NOT_UI = {
    # The onboarding template's example row: sample data (a company, a person, an estate), not UI text.
    "oversight/imports_onboarding.py": {
        "鹿城物业服务有限公司",
        "王明",
        "包头市昆都仑区钢铁大街1号",
        "包头市市场监督管理局",
        "阳光小区",
        "昆都仑区阳光路8号",
        "包头市阳光房地产开发有限公司",
        "1号楼",
        "李华",
        "张三",
    },
    # Issue 9 parameters: what a regulator may type (yes, no, a full-width comma between codes): input parsed, not shown.
    "compliance/parameters.py": {"是", "否", "，"},
    # Parsing "电梯运行费：0.30" (either colon), and a template's example approval number (data).
    "finance/imports_fees.py": {"：", "包价字〔2024〕1号"},
    # What a fee notice says unless changed: data in the notice's language, not interface text.
    "finance/models/notices.py": {"全体业主及物业使用人", "按房屋建筑面积按月计收"},
    # The sender's display name of the platform's mail (a default of DEFAULT_FROM_EMAIL).
    "settings.py": {"简体中文", "Wuye 物业监督 API", "物业监督 <noreply@wuye.local>"},
    # The note of a ticket's evidence row is data kept as written (a verdict or the fields amended).
    "servicedesk/actions_tickets.py": {"：", "；", "（", "）"},
    "regions/forms.py": {"盟"},
    # Data, not UI: division names that say city or district; the shape of an elevator's registration
    # number (TSG 08-2017) and the full-width forms it is typed in.
    "safety/elevator_rules.py": {"区", "市"},
    "safety/imports_elevators.py": {"梯11蒙B01234(19)"},
    "safety/models/elevators.py": {
        "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼",
        "^梯[0-9A-Z]{2}[",
        "（",
        "）",
        "！",
        "～",
    },
    # Data, not UI: what separates the names typed in a drill; the characters of a licence plate.
    "safety/models/plans.py": {r"[、,，;；\s]+"},
    "safety/models/vehicles.py": {
        "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼",
        "挂学警港澳",
    },
    # What the Excel reader recognises in cells people typed (2026年3月1日, 是/否, lists run with 、),
    # never shown.
    "core/spreadsheets/columns.py": {"%Y年%m月%d日", "是", "有", "否", "无", "[、，,；;\\n]+"},
    "core/spreadsheets/reading.py": {"[\\s*＊]"},
    "safety/imports_power.py": {"^(?P<name>.+?)\\s*[:：=]\\s*(?P<state>[^:：=]+)$"},
    "estates/management/commands/serve.py": {
        "物业监督 Wuye 已启动: http://",
        "/   (Ctrl-C 停止 / stop)",
        "API 文档 / API docs: http://",
        "/api/docs/    管理后台 / admin: http://",
        "演示账号 Demo logins (密码 password: ",
    },
}


def source_files(suffix: str):
    for path in sorted(WUYE.rglob(f"*{suffix}")):
        if not SKIPPED_DIRS & set(path.relative_to(WUYE).parts[:-1]):
            yield path


def call_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def python_messages(tree) -> tuple[set, set]:
    """(messages the code translates, ids of the string nodes inside translation calls)."""
    messages, inside = set(), set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = call_name(node)
        if name not in GETTEXT | PGETTEXT:
            continue
        inside.update(id(child) for child in ast.walk(node))
        args = [
            a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None for a in node.args
        ]
        context = args.pop(0) if name in PGETTEXT and args else None
        if args and args[0] is not None:
            messages.add((context, args[0]))
        if name.startswith(("ngettext", "npgettext")) and len(args) > 1 and args[1] is not None:
            messages.add((context, args[1]))
    return messages, inside


def docstrings(tree) -> set:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


TRANSLATE = re.compile(r"""\{%\s*translate\s+(["'])(.*?)\1(?:\s+context\s+(["'])(.*?)\3)?.*?%\}""", re.S)
BLOCK = re.compile(r"\{%\s*blocktranslate\b(.*?)%\}(.*?)\{%\s*endblocktranslate\s*%\}", re.S)
UNDERSCORE = re.compile(r"""_\((["'])(.*?)\1\)""")
COMMENT = re.compile(r"\{#.*?#\}|\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.S)


def template_messages(text: str) -> set:
    messages = {(m.group(4), m.group(2)) for m in TRANSLATE.finditer(text)}
    messages |= {(None, m.group(2)) for m in UNDERSCORE.finditer(text)}
    for match in BLOCK.finditer(text):
        context = re.search(r"""context\s+(["'])(.*?)\1""", match.group(1))
        for part in re.split(r"\{%\s*plural\s*%\}", match.group(2)):
            message = re.sub(r"\{\{\s*(\w+)\s*\}\}", r"%(\1)s", part.replace("%", "%%"))
            messages.add((context.group(2) if context else None, message))
    return messages


def untranslated_template_text(text: str) -> list[str]:
    for pattern in (COMMENT, BLOCK, TRANSLATE, UNDERSCORE):
        text = pattern.sub("", text)
    text = text.replace('{% if code == "zh-hans" %}中文{% else %}', "")
    return CJK.findall(text)


def test_no_chinese_ui_text_in_the_code_is_left_untranslated():
    left = []
    for path in source_files(".py"):
        relative = str(path.relative_to(WUYE))
        tree = ast.parse(path.read_text(encoding="utf-8"))
        _, inside = python_messages(tree)
        skip = inside | docstrings(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and CJK.search(node.value)
                and id(node) not in skip
                and node.value not in NOT_UI.get(relative, set())
            ):
                left.append(f"{relative}:{node.lineno}: {node.value!r}")
    for path in source_files(".html"):
        left += [f"{path.relative_to(WUYE)}: {text}" for text in untranslated_template_text(path.read_text())]
    assert left == [], "wrap these in gettext / {% translate %}, then run makemessages -l en"


def test_every_message_in_the_code_has_an_english_entry():
    known = {(entry["msgctxt"], entry["msgid"]) for entry in catalogue()}
    known |= {(entry["msgctxt"], entry["msgid_plural"]) for entry in catalogue() if entry["msgid_plural"]}
    used = set()
    for path in source_files(".py"):
        used |= python_messages(ast.parse(path.read_text(encoding="utf-8")))[0]
    for path in source_files(".html"):
        used |= template_messages(path.read_text(encoding="utf-8"))
    missing = sorted((m for m in used - known if CJK.search(m[1])), key=str)
    assert missing == [], "run makemessages -l en, translate the new entries and compilemessages"
