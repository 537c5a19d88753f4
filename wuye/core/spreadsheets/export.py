"""Export a queryset as a workbook: one row per record, cells typed (dates as dates, numbers as numbers).

The workbook is written in openpyxl's write-only mode while the queryset is iterated in chunks, so a
list of tens of thousands of rows never sits in memory as objects. The relations the columns read
("power_room.name") are joined in the same query (``related_paths``): no query per row.
"""

import datetime
import tempfile
from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from wuye.core.spreadsheets.columns import DATE_FORMAT, DATETIME_FORMAT, Column
from wuye.core.spreadsheets.template_book import sheet_title

CHUNK = 2000
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


class ValueColumn(Column):
    """An export-only column given as (header, attribute path or function): typed by its values."""

    def __init__(self, header, export):
        key = export if isinstance(export, str) else ""
        super().__init__(key, header, export=export)

    def cell(self, value):
        if isinstance(value, datetime.datetime):
            return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
        if isinstance(value, bool):
            return _("是") if value else _("否")
        return super().cell(value)


def as_columns(columns) -> list[Column]:
    return [c if isinstance(c, Column) else ValueColumn(*c) for c in columns]


def related_paths(model, columns) -> list[str]:
    """The foreign-key chains the columns' attribute paths walk, for ``select_related``."""
    paths = set()
    for column in columns:
        if not isinstance(column.export, str) or "." not in column.export:
            continue
        current, walked = model, []
        for name in column.export.split(".")[:-1]:
            try:
                field = current._meta.get_field(name)
            except FieldDoesNotExist:
                break
            if not (field.many_to_one or field.one_to_one) or field.related_model is None:
                break
            walked.append(name)
            current = field.related_model
        if walked:
            paths.add("__".join(walked))
    return sorted(paths)


def _typed(sheet, value):
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # text is text: "=..." from a record must never become a formula
    elif isinstance(value, datetime.datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, datetime.date):
        cell.number_format = DATE_FORMAT
    elif isinstance(value, Decimal) and value.is_finite():
        places = max(-value.as_tuple().exponent, 0)  # as stored: 400.5 shows 400.5, 230 shows 230
        cell.number_format = "0." + "0" * places if places else "0"
    return cell


def write_workbook(queryset, columns, *, title, target) -> None:
    """Write ``queryset`` (iterated once, in chunks) to the file object ``target``; any other iterable
    of objects (rows computed in Python, such as the safety overview's) is written as it comes."""
    columns = as_columns(columns)
    if hasattr(queryset, "model"):
        paths = related_paths(queryset.model, columns)
        rows = (queryset.select_related(*paths) if paths else queryset).iterator(chunk_size=CHUNK)
    else:
        rows = queryset
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title(title))
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(
            column.width, len(str(column.header)) * 2 + 2
        )
    sheet.freeze_panes = "A2"
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=str(column.header))
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, Alignment(horizontal="center")
        cell.data_type = "s"
        header.append(cell)
    sheet.append(header)
    for obj in rows:
        sheet.append([_typed(sheet, column.cell(column.read(obj))) for column in columns])
    workbook.save(target)


def export_file(queryset, columns, *, title):
    """The workbook in a temporary file (in memory up to 8 MB, on disk past that), rewound to its start."""
    # Handed open to the response, which closes it once sent.
    target = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    write_workbook(queryset, columns, title=title, target=target)
    target.seek(0)
    return target
