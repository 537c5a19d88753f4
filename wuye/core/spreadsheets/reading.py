"""Reading an uploaded workbook: refuse what is not ours clearly, hand back the rows with their Excel numbers.

A file is refused whole (``SheetRefused``) when it is not an .xlsx workbook, is too big, has too
many rows, has no header row, or its headers do not match the columns (each missing or unknown
header named). Otherwise every non-blank row below the header comes back with the number Excel shows
for it, its cells keyed by column; the untouched example row of our template is skipped.
"""

import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from wuye.core.spreadsheets.columns import listing

MAX_BYTES = 5 * 1024 * 1024  # a 5,000-row sheet of records is well under 1 MB
MAX_UNPACKED = 100 * 1024 * 1024  # a zip bomb inflates past this; a real workbook never does
MAX_ROWS = 5000
MAX_COLUMNS = 100
HEADER_ROW = 1
EXAMPLE_ROW = 2
XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls (and .doc): an OLE compound file
REQUIRED_MARK = re.compile(r"[\s*＊]")


class SheetRefused(Exception):
    """The file as a whole cannot be imported; ``reason`` says why, in Chinese."""

    def __init__(self, reason):
        super().__init__(str(reason))
        self.reason = str(reason)


@dataclass
class SheetRow:
    number: int  # the row number Excel shows
    cells: dict  # column key → raw cell value (None when blank)


def header_key(text) -> str:
    """A header as the reader compares it: no spaces, no required mark ("*名称 " → "名称")."""
    return REQUIRED_MARK.sub("", str(text or ""))


def read_bytes(upload, max_bytes: int = MAX_BYTES) -> bytes:
    """The upload's content (a Django file, a file object, bytes or a path), refused past ``max_bytes``."""
    if isinstance(upload, bytes | bytearray):
        data = bytes(upload)
    elif isinstance(upload, str):
        with open(upload, "rb") as handle:
            data = handle.read(max_bytes + 1)
    else:
        if getattr(upload, "size", None) is not None and upload.size > max_bytes:
            data = b"x" * (max_bytes + 1)
        else:
            upload.seek(0)
            data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise SheetRefused(
            _("文件太大：最大 %(mb)s MB。请分成几个文件导入。") % {"mb": max_bytes // (1024 * 1024)}
        )
    return data


def open_sheet(data: bytes):
    """The first worksheet of an .xlsx workbook (read-only, cached formula values)."""
    return open_book(data).worksheets[0]


def open_book(data: bytes, max_unpacked: int = MAX_UNPACKED):
    """An .xlsx workbook with at least one worksheet (read-only, cached formula values)."""
    if not data:
        raise SheetRefused(_("文件是空的。"))
    if data.startswith(XLS_MAGIC):
        raise SheetRefused(_("这是旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 格式后再上传。"))
    if not data.startswith(XLSX_MAGIC):
        raise SheetRefused(_("不是 Excel 文件：请上传 .xlsx 格式的表格（可先下载模板填写）。"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
        if unpacked > max_unpacked:
            raise SheetRefused(_("文件内容过大，无法导入。"))
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except SheetRefused:
        raise
    except Exception:  # openpyxl raises many kinds (KeyError, BadZipFile, InvalidFileException...)
        raise SheetRefused(_("文件已损坏或不是 .xlsx 格式，无法读取。")) from None
    if not workbook.worksheets:
        raise SheetRefused(_("文件中没有工作表。"))
    return workbook


def _row_number(cells, fallback: int) -> int:
    return next((cell.row for cell in cells if getattr(cell, "row", None)), fallback)


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def in_every_language(function) -> list:
    """``function()`` in each language of the site: a template downloaded in English imports in Chinese."""
    results = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            result = function()
        if result not in results:
            results.append(result)
    return results


def match_headers(values, columns) -> dict[int, str]:
    """{position: column key} of the header row; refuse missing required or unknown headers."""
    by_header = {}
    for column in columns:
        for name in in_every_language(lambda column=column: header_key(column.header)):
            by_header[name] = column
    positions, unknown, seen = {}, [], set()
    for position, value in enumerate(values):
        key = header_key(value)
        if not key:
            continue
        column = by_header.get(key)
        if column is None:
            unknown.append(str(value).strip())
        elif column.key in seen:
            raise SheetRefused(_("列“%(header)s”出现了两次。") % {"header": column.header})
        else:
            seen.add(column.key)
            positions[position] = column.key
    missing = [str(column.header) for column in columns if column.required and column.key not in seen]
    problems = []
    if missing:
        problems.append(_("缺少必填列：%(headers)s。") % {"headers": listing(missing)})
    if unknown:
        problems.append(_("无法识别的列：%(headers)s。") % {"headers": listing(unknown)})
    if problems:
        problems.append(_("请使用本页提供的模板，第一行的列标题不要改动。"))
        raise SheetRefused(" ".join(problems))
    return positions


def read_rows(upload, columns, *, max_rows: int = MAX_ROWS, max_bytes: int = MAX_BYTES, example=None) -> list:
    """The data rows of the upload as ``SheetRow``s; row 2 is skipped when it is the ``example``
    ({key: cell text}, or a list of them: the example in each language)."""
    return sheet_rows(open_sheet(read_bytes(upload, max_bytes)), columns, max_rows=max_rows, example=example)


def sheet_rows(sheet, columns, *, max_rows: int = MAX_ROWS, example=None, allow_empty: bool = False) -> list:
    """The data rows of one worksheet, as ``read_rows`` gives them (a workbook of several sheets reads
    each with this)."""
    examples = [example] if isinstance(example, dict) else list(example or [])
    rows = sheet.iter_rows(max_col=MAX_COLUMNS)
    header = next(rows, None)
    if header is None or all(_blank(cell.value) for cell in header):
        raise SheetRefused(_("工作表是空的：第一行应为列标题。"))
    positions = match_headers([cell.value for cell in header], columns)
    out = []
    for index, cells in enumerate(rows, start=HEADER_ROW + 1):
        values = {key: cells[position].value for position, key in positions.items() if position < len(cells)}
        if all(_blank(value) for value in values.values()):
            continue
        number = _row_number(cells, index)
        if number == EXAMPLE_ROW and any(_is_example(values, one) for one in examples):
            continue
        if len(out) == max_rows:
            raise SheetRefused(
                _("一次最多导入 %(max)s 行，本文件更多。请分成几个文件导入。") % {"max": max_rows}
            )
        out.append(SheetRow(number, {key: None if _blank(value) else value for key, value in values.items()}))
    if not out and not allow_empty:
        raise SheetRefused(_("没有可导入的数据行：请从第 %(row)s 行起填写。") % {"row": EXAMPLE_ROW})
    return out


def cell_text(value) -> str:
    """A cell as text for comparing with the example row (dates without a midnight time)."""
    if value is None:
        return ""
    if (
        hasattr(value, "hour")
        and hasattr(value, "date")
        and (value.hour, value.minute, value.second) == (0, 0, 0)
    ):
        value = value.date()
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        return format(number.normalize(), "f")  # 400, 400.0 and Decimal("400.0") alike
    return str(value).strip()


def _is_example(values: dict, example: dict) -> bool:
    return all(cell_text(values.get(key)) == text for key, text in example.items())
