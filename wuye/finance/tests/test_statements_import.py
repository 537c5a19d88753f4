"""Excel import of a draft statement's lines: all or nothing, each bad row named by row, column and
reason; the pages answer by role (the URL matrix names them as walked here)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from wuye.core.spreadsheets import ImportContext, ImportRejected, run_import
from wuye.core.spreadsheets.template_book import header_text
from wuye.finance.imports_statements import StatementLineImport
from wuye.finance.models import StatementLine
from wuye.safety.tests.excel import xlsx
from wuye.testing import factories as f
from wuye.testing.expectations import can_read
from wuye.testing.personas import ROLES

pytestmark = pytest.mark.django_db
HEADERS = [header_text(column) for column in StatementLineImport.columns]
COMPANY = {"inside": {"manager", "staff", "admin"}, "outside": {"admin"}}


@pytest.fixture
def draft(world):
    return f.statement(world.users["staff"], world.inside.project, closing="60.00", lines={"4001.01": "60"})


def run(world, statement, rows, user="staff"):
    context = ImportContext(user=world.users[user], project=statement.project, extra={"statement": statement})
    return run_import(StatementLineImport(), xlsx(HEADERS, rows), context)


def lines_of(statement):
    return sorted(StatementLine.objects.filter(statement=statement).values_list("account__code", "amount"))


def test_a_good_file_replaces_the_drafts_lines(world, draft):
    run(world, draft, [["4001", 60], ["4001.01", 40], ["4001.02", "20.00"]])
    assert [code for code, _amount in lines_of(draft)] == ["4001", "4001.01", "4001.02"]


def test_a_wrong_code_and_a_repeated_code_are_named_by_row_and_column_and_nothing_is_written(world, draft):
    before = lines_of(draft)
    with pytest.raises(ImportRejected) as caught:
        run(world, draft, [["4001.01", 30], ["4999.01", 30], ["4001.01", 1], ["5001.01", -1]])
    found = {(p.row, p.column, p.reason) for p in caught.value.problems}
    assert (3, "科目编码", "没有编码为“4999.01”的科目。") in found
    assert (4, "科目编码", "与第 2 行重复。") in found
    assert any(row == 5 and column == "金额（元）" for row, column, _reason in found)
    assert lines_of(draft) == before


def test_figures_that_do_not_add_up_are_refused_whole(world, draft):
    before = lines_of(draft)
    with pytest.raises(ImportRejected) as caught:
        run(world, draft, [["4001", 60], ["4001.01", 50]])
    assert "二级科目合计" in str(caught.value.problems[0])
    assert lines_of(draft) == before


def test_a_published_statement_is_not_imported_into(world, draft):
    from wuye.finance.actions_statements import publish_statement

    publish_statement(world.users["staff"], draft)
    with pytest.raises(ImportRejected):
        run(world, draft, [["4001.01", 60]])
    assert lines_of(draft) == [("4001.01", 60)]


def test_the_template_lists_the_account_codes(client, world, draft):
    client.force_login(world.users["staff"])
    response = client.get(reverse("statement-import-template", args=[draft.pk]))
    book = load_workbook(io.BytesIO(response.content))
    cells = {str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row}
    assert {"4001.01", "5007.02"} <= cells


def test_the_import_page_writes_and_goes_back_to_the_statement(client, world, draft):
    client.force_login(world.users["staff"])
    upload = SimpleUploadedFile("lines.xlsx", xlsx(HEADERS, [["4001.01", 60]]))
    response = client.post(reverse("statement-import", args=[draft.pk]), {"file": upload})
    assert response.status_code == 302 and response.url == draft.get_absolute_url()


@pytest.mark.parametrize("role", ROLES)
def test_the_import_pages_answer_by_role(client, world, role):
    drafts = {s: f.statement(world.users["admin"], getattr(world, s).project) for s in ("inside", "outside")}
    client.force_login(world.users[role])
    for side, statement in drafts.items():
        reads = can_read(role, "project", side) and role != "owner"
        want = 404 if not reads else 200 if role in COMPANY[side] else 403
        for name in ("statement-import", "statement-import-template"):
            assert client.get(reverse(name, args=[statement.pk])).status_code == want, (name, side)
