"""The spreadsheet framework on its own: each column kind's parsing, the reader's refusals, the template, the export."""

import datetime
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from wuye.core import spreadsheets as xl
from wuye.core.evidence import Channel
from wuye.core.spreadsheets.reading import MAX_BYTES, cell_text

NOW = timezone.make_aware(datetime.datetime(2026, 3, 10, 12, 0))
CONTEXT = xl.ImportContext(user=None, now=NOW)


def xlsx(*rows) -> bytes:
    """A real workbook whose first sheet holds ``rows`` (the first being the headers)."""
    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def parse(column, raw):
    return column.parse(raw, CONTEXT)


def reason(column, raw) -> str:
    with pytest.raises(xl.CellError) as caught:
        column.parse(raw, CONTEXT)
    return caught.value.reason


# -- column kinds --------------------------------------------------------------------------------


def test_text_is_stripped_numbers_read_as_typed_and_length_is_bounded():
    column = xl.Text("name", "名称", max_length=4)
    assert parse(column, "  1号楼 ") == "1号楼"
    assert parse(column, 101.0) == "101"
    assert reason(column, "一二三四五") == "不能超过4个字，现有5个字。"
    assert column.blank() == ""


def test_a_text_list_splits_on_chinese_and_latin_separators_and_refuses_repeats():
    column = xl.TextList("supplies", "供电回路", max_length=6)
    assert parse(column, "1#变压器、2#变压器，备用发电机;  ") == ["1#变压器", "2#变压器", "备用发电机"]
    assert reason(column, "1#变压器、1#变压器") == "有重复的项。"
    assert reason(column, "一二三四五六七") == "每一项不能超过6个字。"


def test_integers_from_cells_and_text_within_bounds():
    column = xl.Integer("floors", "层数", min_value=1, max_value=99)
    assert parse(column, 12) == 12
    assert parse(column, 12.0) == 12
    assert parse(column, " 7 ") == 7
    assert reason(column, 12.5) == "请填写整数。"
    assert reason(column, "十二") == "请填写整数。"
    assert reason(column, True) == "请填写整数。"
    assert reason(column, 0) == "不能小于1。"
    assert reason(column, 100) == "不能大于99。"


def test_numbers_keep_their_decimals_exactly_and_refuse_more():
    column = xl.Number("voltage", "电压", max_digits=4, decimal_places=1, min_value=0)
    assert parse(column, 400.5) == Decimal("400.5")
    assert parse(column, "230") == Decimal("230.0")
    assert parse(column, 0.1) == Decimal("0.1")
    assert reason(column, 400.55) == "最多保留1位小数。"
    assert reason(column, "1000") == "数值过大。"
    assert reason(column, "abc") == "请填写数字。"
    assert reason(column, "NaN") == "请填写数字。"
    assert reason(column, -1) == "不能小于0。"


def test_dates_from_date_cells_and_the_usual_ways_of_typing_them():
    column = xl.Date("tested_on", "检测日期", not_future=True)
    want = datetime.date(2026, 3, 1)
    for raw in (
        datetime.datetime(2026, 3, 1),
        want,
        "2026-03-01",
        "2026/3/1",
        "2026.03.01",
        "2026年3月1日",
        "20260301",
    ):
        assert parse(column, raw) == want, raw
    assert reason(column, "2026-02-30") == "请填写日期，如 2026-03-01。"
    assert reason(column, 46082) == "请填写日期，如 2026-03-01。"
    assert parse(column, datetime.date(2026, 3, 10)) == datetime.date(2026, 3, 10)  # today
    assert reason(column, datetime.date(2026, 3, 11)) == "晚于今天。"


def test_datetimes_are_local_times_to_the_minute_and_not_in_the_future():
    column = xl.DateTime("occurred_at", "巡视时间", not_future=True)
    want = timezone.make_aware(datetime.datetime(2026, 3, 1, 8, 30))
    for raw in (
        datetime.datetime(2026, 3, 1, 8, 30),
        "2026-03-01 08:30",
        "2026/3/1 8:30",
        "2026-03-01T08:30:00",
    ):
        assert parse(column, raw) == want, raw
    assert want.astimezone(datetime.UTC).hour == 0  # Asia/Shanghai, 8 hours ahead of UTC
    assert reason(column, "2026-03-01") == "请填写日期和时间，如 2026-03-01 08:30。"
    assert parse(column, NOW + datetime.timedelta(minutes=5)) == NOW + datetime.timedelta(minutes=5)
    assert reason(column, "2026-03-10 12:06") == "晚于当前时间。"


def test_a_choice_takes_the_label_or_the_code_and_exports_the_label():
    column = xl.Choice("channel", "途径", choices=Channel)
    assert parse(column, "导入") == "import"
    assert parse(column, "IMPORT") == "import"
    assert reason(column, "传真") == "应为：网页、手机、导入、接口。"
    assert column.cell("phone") == "手机"
    assert column.options(CONTEXT) == ["网页", "手机", "导入", "接口"]


def test_booleans_are_yes_or_no():
    column = xl.Boolean("active", "在用")
    assert parse(column, "是") is True and parse(column, "否") is False
    assert parse(column, True) is True and parse(column, 0) is False
    assert reason(column, "也许") == "请填写“是”或“否”。"
    assert column.cell(True) == "是" and column.cell(None) is None


def test_cells_compare_alike_however_excel_returns_them():
    assert cell_text(400) == cell_text(400.0) == cell_text(Decimal("400.0")) == "400"
    assert cell_text(datetime.datetime(2026, 3, 1)) == "2026-03-01"


# -- the reader ----------------------------------------------------------------------------------

COLUMNS = [
    xl.Text("name", "名称", required=True, example="1号楼"),
    xl.Integer("floors", "层数", example=6),
    xl.Boolean("elevator", "有电梯"),
]


def refusal(data, **kwargs) -> str:
    with pytest.raises(xl.SheetRefused) as caught:
        xl.read_rows(data, COLUMNS, **kwargs)
    return caught.value.reason


def test_rows_come_back_with_the_numbers_excel_shows_blank_rows_skipped():
    rows = xl.read_rows(
        xlsx(["*名称", "层数", "有电梯 "], ["1号楼", 6, "是"], [], ["2号楼", None, None]), COLUMNS
    )
    assert [(row.number, row.cells) for row in rows] == [
        (2, {"name": "1号楼", "floors": 6, "elevator": "是"}),
        (4, {"name": "2号楼", "floors": None, "elevator": None}),
    ]


def test_the_untouched_example_row_is_skipped_and_an_edited_one_is_data():
    example = {"name": "1号楼", "floors": "6"}
    kept = xlsx(["名称", "层数"], ["1号楼", 6], ["3号楼", 9])
    assert [row.number for row in xl.read_rows(kept, COLUMNS, example=example)] == [3]
    edited = xlsx(["名称", "层数"], ["1号楼", 7], ["3号楼", 9])
    assert [row.number for row in xl.read_rows(edited, COLUMNS, example=example)] == [2, 3]


def test_columns_may_come_in_any_order_and_optional_ones_may_be_left_out():
    rows = xl.read_rows(xlsx(["层数", "名称"], [6, "1号楼"]), COLUMNS)
    assert rows[0].cells == {"floors": 6, "name": "1号楼"}


def test_missing_and_unknown_headers_are_named():
    reason = refusal(xlsx(["层数", "楼高", "备注"], [6, 30, ""]))
    assert "缺少必填列：名称。" in reason and "无法识别的列：楼高、备注。" in reason


def test_a_header_twice_is_refused():
    assert refusal(xlsx(["名称", "名称"], ["1号楼", "2号楼"])) == "列“名称”出现了两次。"


def test_an_empty_sheet_and_a_sheet_without_data_are_refused():
    assert refusal(xlsx()) == "工作表是空的：第一行应为列标题。"
    assert refusal(xlsx(["名称", "层数"])) == "没有可导入的数据行：请从第 2 行起填写。"


def test_files_that_are_not_xlsx_are_refused_by_what_they_are():
    assert "旧版 Excel（.xls）" in refusal(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    assert "不是 Excel 文件" in refusal("名称,层数\n1号楼,6\n".encode())
    assert "已损坏" in refusal(b"PK\x03\x04 not really a zip")
    assert refusal(b"") == "文件是空的。"


def test_too_big_and_too_many_rows_are_refused():
    assert "文件太大" in refusal(b"PK\x03\x04" + b"\0" * MAX_BYTES)
    data = xlsx(["名称"], *([f"{n}号楼"] for n in range(11)))
    assert refusal(data, max_rows=10) == "一次最多导入 10 行，本文件更多。请分成几个文件导入。"
    assert len(xl.read_rows(data, COLUMNS, max_rows=11)) == 11


# -- the template --------------------------------------------------------------------------------


class BuildingSpec(xl.ImportSpec):
    title, max_rows = "楼栋", 50
    columns = [
        *COLUMNS,
        xl.Date("built_on", "竣工日期", example=datetime.date(2010, 5, 1), help="以竣工验收为准"),
        xl.Choice("channel", "途径", choices=Channel, required=True, example="web"),
    ]


def test_the_template_has_marked_headers_an_example_lists_formats_and_an_explanation():
    book = load_workbook(io.BytesIO(xl.template_bytes(BuildingSpec(), CONTEXT)))
    sheet, notes = book.worksheets[0], book["说明"]
    assert book.sheetnames[:2] == ["楼栋", "说明"]
    assert [cell.value for cell in sheet[1]] == ["*名称", "层数", "有电梯", "竣工日期", "*途径"]
    assert sheet["A1"].font.b and sheet["A1"].font.color.rgb.endswith("C00000") and not sheet["B1"].font.color
    assert sheet.freeze_panes == "A2"
    assert sheet["D1"].comment.text == "以竣工验收为准"
    assert [cell.value for cell in sheet[2]] == ["1号楼", 6, None, datetime.datetime(2010, 5, 1), "网页"]
    assert sheet["A2"].font.i and "示例" in sheet["A2"].comment.text
    assert sheet["D2"].number_format == "yyyy-mm-dd" and sheet.column_dimensions["A"].number_format == "@"
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation if v.type == "list"}
    assert lists == {"C2:C52": '"是,否"', "E2:E52": '"网页,手机,导入,接口"'}
    checks = {
        str(v.sqref): (v.type, v.formula1) for v in sheet.data_validations.dataValidation if v.type != "list"
    }
    assert checks == {"B2:B52": ("whole", "-1000000000"), "D2:D52": ("date", "DATE(1900,1,1)")}
    assert notes["A1"].value == "填写说明：楼栋" and "每次最多导入 50 行" in notes["A4"].value
    explained = [[cell.value for cell in row] for row in notes.iter_rows(min_row=9, max_row=10)]
    assert explained == [
        ["名称", "是", "文本", "1号楼", None],
        ["层数", "否", "整数", "6", None],
    ]


def test_long_drop_down_lists_go_to_a_hidden_sheet():
    names = [f"第{n}号配电室" for n in range(40)]

    class Many(xl.ImportSpec):
        title = "多"
        columns = [xl.Choice("room", "配电室", choices=[(n, n) for n in names])]

    book = load_workbook(io.BytesIO(xl.template_bytes(Many(), CONTEXT)))
    (validation,) = book.worksheets[0].data_validations.dataValidation
    assert validation.formula1 == "'选项'!$A$1:$A$40"
    assert book["选项"].sheet_state == "hidden" and book["选项"]["A40"].value == names[-1]


def test_the_example_row_of_a_template_is_skipped_on_import():
    spec = BuildingSpec()
    book = load_workbook(io.BytesIO(xl.template_bytes(spec, CONTEXT)))
    book.worksheets[0].append(["2号楼", 9, "否", datetime.date(2012, 1, 1), "手机"])
    buffer = io.BytesIO()
    book.save(buffer)
    rows = xl.read_rows(buffer.getvalue(), spec.columns, example=spec.example_cells())
    assert [row.number for row in rows] == [3]


# -- model errors under their columns ------------------------------------------------------------


def test_a_models_errors_go_under_the_column_of_their_field_or_the_fields_own_name():
    from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

    from wuye.core.spreadsheets.importing import error_problems
    from wuye.safety.imports_power import PowerRoundImport

    error = ValidationError(
        {
            "supply_states": ["缺少回路。"],
            "recorded_by": ["没有登记人。"],  # no column: the model field's own name
            NON_FIELD_ERRORS: ["整条记录有误。"],
        }
    )
    assert [str(p) for p in error_problems(PowerRoundImport(), 7, error)] == [
        "第 7 行 回路状态：缺少回路。",
        "第 7 行 登记人：没有登记人。",
        "第 7 行：整条记录有误。",
    ]
    assert [str(p) for p in error_problems(PowerRoundImport(), 7, ValidationError("不行。"))] == [
        "第 7 行：不行。"
    ]
