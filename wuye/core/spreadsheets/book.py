"""A workbook of several sheets imported as one: every sheet's problems, or every sheet's records.

A ``BookSpec`` lists its sheets (``ImportSpec``s, in the order their records are saved: a sheet
may point at the rows of the sheets before it). Each sheet is read, parsed and checked as a single
import is (``check_sheet``); a sheet's ``check_file`` finds the earlier sheets' rows in
``context.extra["book"]`` (sheet class → its ``ParsedRow``s). Problems carry the sheet's title.
Nothing is saved unless no sheet has a problem; then ``run_import`` saves all in one transaction.
"""

from django.utils.translation import gettext as _
from openpyxl import Workbook

from wuye.core.spreadsheets.columns import listing
from wuye.core.spreadsheets.importing import SPECS, ImportRejected, Problem, check_sheet
from wuye.core.spreadsheets.reading import (
    MAX_BYTES,
    MAX_UNPACKED,
    SheetRefused,
    in_every_language,
    match_headers,
    open_book,
    read_bytes,
    sheet_rows,
)
from wuye.core.spreadsheets.template_book import (
    explain_columns,
    sheet_title,
    write_lines,
    write_sheet,
)


class BookRecords(dict):
    """sheet class → its unsaved records; ``len`` counts the records of every sheet."""

    def __len__(self):
        return sum(len(records) for records in self.values())


class BookSpec:
    """A workbook of several sheets (``sheets``: ImportSpec classes, in saving order)."""

    name = ""
    title = ""
    sheets: list = []
    max_bytes = MAX_BYTES
    max_unpacked = MAX_UNPACKED  # the workbook's XML unzipped: past this it is refused as a zip bomb

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.__dict__.get("name"):  # run by name, as a single sheet's spec is (``import_excel``)
            SPECS[cls.name] = cls

    def rules(self) -> list:
        """The lines heading the 说明 sheet."""
        return [self.title]

    def specs(self):
        if not hasattr(self, "_specs"):
            self._specs = [sheet() for sheet in self.sheets]
        return self._specs

    def sheet_titles(self) -> list[str]:
        return [sheet_title(spec.title) for spec in self.specs()]

    # -- reading and checking -------------------------------------------------------------------

    def open(self, upload):
        """The workbook and, per sheet spec, its worksheet; SheetRefused names every missing sheet."""
        workbook = open_book(read_bytes(upload, self.max_bytes), self.max_unpacked)
        found, missing = {}, []
        for spec in self.specs():
            names = in_every_language(lambda spec=spec: sheet_title(spec.title))
            sheet = next((workbook[name] for name in names if name in workbook.sheetnames), None)
            if sheet is None:
                missing.append(names[0])
            found[type(spec)] = sheet
        if missing:
            raise SheetRefused(
                _("缺少工作表：%(sheets)s。请使用本页提供的模板。") % {"sheets": listing(missing)}
            )
        return found

    def check_layout(self, upload) -> None:
        """The quick check of an upload before its rows are read: a workbook with every sheet and each
        sheet's headers; ImportRejected otherwise."""
        try:
            sheets = self.open(upload)
        except SheetRefused as refused:
            raise ImportRejected([Problem(None, "", refused.reason)]) from None
        problems = []
        for spec in self.specs():
            header = next(sheets[type(spec)].iter_rows(max_row=1, values_only=True), ())
            try:
                match_headers(list(header), spec.columns)
            except SheetRefused as refused:
                problems.append(Problem(None, "", refused.reason, sheet_title(spec.title)))
        if problems:
            raise ImportRejected(problems, sheets=self.sheet_titles())

    def check_book(self, upload, context) -> BookRecords:
        """Every sheet's records, validated; ImportRejected with every problem of every sheet."""
        progress = context.extra.get("progress") or (lambda done, title: None)
        try:
            sheets = self.open(upload)
        except SheetRefused as refused:
            raise ImportRejected([Problem(None, "", refused.reason)]) from None
        book, records, problems = context.extra.setdefault("book", {}), BookRecords(), []
        specs = self.specs()
        for index, spec in enumerate(specs):
            title = sheet_title(spec.title)
            progress(index / len(specs), title)
            try:
                rows = sheet_rows(
                    sheets[type(spec)],
                    spec.columns,
                    max_rows=spec.max_rows,
                    example=spec.example_cells(),
                    allow_empty=True,  # a book may leave a sheet empty (no staff yet)
                )
            except SheetRefused as refused:
                problems.append(Problem(None, "", refused.reason, title))
                book[type(spec)] = []
                continue
            parsed, sheet_problems = check_sheet(spec, rows, context)
            book[type(spec)] = parsed
            records[type(spec)] = [row.record for row in parsed if row.record is not None]
            problems += [Problem(p.row, p.column, p.reason, title) for p in sheet_problems]
        if not problems and not len(records):
            problems.append(Problem(None, "", _("没有可导入的数据行：每个工作表请从第 2 行起填写。")))
        if problems:
            raise ImportRejected(problems, sheets=self.sheet_titles())
        progress(1, "")  # checked: the writing begins
        return records

    def save(self, records: BookRecords, context) -> BookRecords:
        """Every sheet's records, in sheet order (in the import's transaction)."""
        saved = BookRecords()
        for spec in self.specs():
            saved[type(spec)] = spec.save(records.get(type(spec), []), context)
        return saved

    # -- the template ---------------------------------------------------------------------------

    def build_template(self, context) -> Workbook:
        workbook = Workbook()
        guide = workbook.active
        guide.title = sheet_title(_("说明"))
        top = write_lines(guide, self.rules(), 1) + 1
        hidden = []
        for spec in self.specs():
            lists = write_sheet(
                workbook, workbook.create_sheet(), spec, context, _("%(title)s选项") % {"title": spec.title}
            )
            if lists is not None:
                hidden.append(lists)
            top = write_lines(guide, [_("工作表：%(title)s") % {"title": spec.title}], top)
            top = explain_columns(guide, spec, top) + 1
        for lists in hidden:  # after the data sheets, hidden
            workbook.move_sheet(lists, offset=len(workbook.sheetnames))
            lists.sheet_state = "hidden"
        return workbook
