"""The blank template of an import: headers, an example row, drop-down lists and a sheet that explains.

Sheet 1 (named after the import) is what the reader reads: row 1 the headers (bold, frozen, required
ones marked "*" in red, each with its help as a comment), row 2 the example (grey italics on yellow;
skipped on import while left as it is), then empty rows formatted by kind (dates as dates, codes as
text) with drop-down lists for choices, yes/no and lookups that have few enough names. Sheet 2, 说明,
explains every column and the rules of the import.
"""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from wuye.core.spreadsheets.reading import EXAMPLE_ROW, HEADER_ROW

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
EXAMPLE_FILL = PatternFill("solid", fgColor="FFF2CC")
EXAMPLE_FONT = Font(italic=True, color="808080")
REQUIRED_FONT = Font(bold=True, color="C00000")
BOLD = Font(bold=True)
INLINE_LIST_LIMIT = 255  # Excel's limit on a list typed into a validation rule
FORBIDDEN_IN_TITLE = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def sheet_title(title) -> str:
    return str(title).translate(FORBIDDEN_IN_TITLE).strip()[:31] or "Sheet1"


def header_text(column) -> str:
    return f"*{column.header}" if column.required else str(column.header)


def build_template(spec, context) -> Workbook:
    workbook = Workbook()
    lists = write_sheet(workbook, workbook.active, spec, context, _("选项"))
    if lists is not None:
        lists.sheet_state = "hidden"
    explain(workbook.create_sheet(_("说明"), 1), spec)
    return workbook


def write_sheet(workbook, sheet, spec, context, lists_title):
    """Fill ``sheet`` with the headers, example row and drop-down lists of ``spec``; long lists go to a
    sheet ``lists_title``, made when needed and returned (None: none needed)."""
    author = _("物业监督")
    sheet.title = sheet_title(spec.title)
    last_row = EXAMPLE_ROW + min(spec.max_rows, 100000)  # validation ranges stay small in the file
    lists = None
    for index, column in enumerate(spec.columns, start=1):
        letter = get_column_letter(index)
        head = sheet.cell(HEADER_ROW, index, header_text(column))
        head.font, head.fill = (REQUIRED_FONT if column.required else BOLD), HEADER_FILL
        head.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if column.help:
            head.comment = Comment(str(column.help), author)
        example = sheet.cell(EXAMPLE_ROW, index, column.cell(column.example))
        if isinstance(example.value, str):
            example.data_type = "s"  # an example is never a formula
        example.font, example.fill, example.number_format = EXAMPLE_FONT, EXAMPLE_FILL, column.number_format
        dimension = sheet.column_dimensions[letter]
        dimension.width = max(column.width, len(header_text(column)) * 2 + 2)
        dimension.number_format = column.number_format
        options = column.options(context)
        if options:
            rule = f'"{",".join(options)}"'
            if len(rule) > INLINE_LIST_LIMIT or any("," in option or '"' in option for option in options):
                lists = lists or workbook.create_sheet(sheet_title(lists_title))
                for row, option in enumerate(options, start=1):
                    lists.cell(row, index, option).data_type = "s"
                rule = f"{quote_sheetname(lists.title)}!${letter}$1:${letter}${len(options)}"
            validation = DataValidation(
                type="list",
                formula1=rule,
                allow_blank=not column.required,
                showErrorMessage=True,
                errorTitle=_("输入有误"),
                error=_("请从下拉列表中选择。"),
            )
            validation.add(f"{letter}{EXAMPLE_ROW}:{letter}{last_row}")
            sheet.add_data_validation(validation)
        elif column.rule():  # a number or a date: Excel refuses text and values out of range as typed
            validation = DataValidation(
                **column.rule(),
                allow_blank=not column.required,
                showErrorMessage=True,
                errorTitle=_("输入有误"),
                error=column.describe(),
            )
            validation.add(f"{letter}{EXAMPLE_ROW}:{letter}{last_row}")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = sheet.cell(EXAMPLE_ROW, 1)
    sheet.row_dimensions[HEADER_ROW].height = 24
    sheet.cell(EXAMPLE_ROW, 1).comment = Comment(
        _("第 2 行是示例，导入时跳过。可以直接改成第一条数据，或删除这一行。"), author
    )
    return lists


def explain(sheet, spec) -> None:
    top = write_lines(sheet, import_rules(spec), 1) + 1
    explain_columns(sheet, spec, top)


def import_rules(spec) -> list:
    return [
        _("填写说明：%(title)s") % {"title": spec.title},
        _("1. 第一行是列标题，请不要修改；带 * 的列必须填写。"),
        _("2. 第二行是示例（灰色斜体），导入时会跳过；可直接改为第一条数据，或删除该行。"),
        _("3. 每次最多导入 %(max)s 行。") % {"max": spec.max_rows},
        _(
            "4. 导入要么全部成功，要么一行也不写入：任何一行有错，都会列出每个错误的行号、列名和原因，改正后重新上传即可。"
        ),
        _("5. 日期写成 2026-03-01，时间写成 2026-03-01 08:30；选项请从下拉列表选择。"),
    ]


def write_lines(sheet, lines, top: int) -> int:
    """The lines from row ``top`` down, the first in bold; the row after the last."""
    for row, text in enumerate(lines, start=top):
        sheet.cell(row, 1, str(text)).font = BOLD if row == top else Font()
    return top + len(lines)


def explain_columns(sheet, spec, top: int) -> int:
    """The table of ``spec``'s columns (name, required, format, example, help) from row ``top``; the
    row after it."""
    for index, title in enumerate([_("列名"), _("必填"), _("格式"), _("示例"), _("说明")], start=1):
        cell = sheet.cell(top, index, title)
        cell.font, cell.fill = BOLD, HEADER_FILL
    for row, column in enumerate(spec.columns, start=top + 1):
        example = column.cell(column.example)
        if hasattr(example, "strftime"):
            example = example.strftime("%Y-%m-%d %H:%M" if hasattr(example, "hour") else "%Y-%m-%d")
        values = [
            str(column.header),
            _("是") if column.required else _("否"),
            column.describe(),
            "" if example is None else str(example),
            str(column.help),
        ]
        for index, value in enumerate(values, start=1):
            cell = sheet.cell(row, index, value)
            cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDE", (16, 6, 30, 22, 50), strict=True):
        sheet.column_dimensions[letter].width = width
    return top + 1 + len(spec.columns)


def template_bytes(spec, context) -> bytes:
    buffer = io.BytesIO()
    # A workbook of several sheets (book.py) builds its own: a sheet per kind and one 说明.
    workbook = (
        spec.build_template(context) if hasattr(spec, "build_template") else build_template(spec, context)
    )
    workbook.save(buffer)
    return buffer.getvalue()
