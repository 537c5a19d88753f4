"""Import specs and the all-or-nothing run: every problem of every row, or every row written.

``run_import(spec, upload, context)`` reads the rows, parses each cell, resolves lookups (one query
per lookup column), checks keys that must be unique (within the file, and against the database in
one query), builds each row's record and lets the model validate it (``full_clean``, and for
evidence what ``append_evidence`` would refuse), then — only if no row has a problem — saves all
records in one transaction (``bulk_create``, with history for registries, or ``bulk_append_evidence``).
Otherwise it raises ``ImportRejected`` with every problem as (row, column, reason) and writes nothing.
"""

import datetime
import pkgutil
from dataclasses import dataclass, field
from importlib import import_module

from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from wuye.core.evidence import BULK_BATCH, Channel, _stamp, bulk_append_evidence
from wuye.core.spreadsheets.columns import CellError, Lookup
from wuye.core.spreadsheets.reading import MAX_ROWS, SheetRefused, cell_text, in_every_language, read_rows

# Every named spec, by name: filled as the modules defining them are imported (``discover_specs``).
SPECS: dict[str, type] = {}


def discover_specs() -> dict[str, type]:
    """Import every ``imports*.py`` module of the project's apps, so their specs are in ``SPECS``."""
    for app in apps.get_app_configs():
        if app.name.startswith("wuye."):
            for module in pkgutil.iter_modules([app.path]):
                if module.name.startswith("imports"):
                    import_module(f"{app.name}.{module.name}")
    return SPECS


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong: the row as Excel numbers it (None: the whole file), the column's header, why;
    in a workbook of several sheets, also the sheet's title."""

    row: int | None
    column: str
    reason: str
    sheet: str = ""

    def __str__(self):
        if self.sheet:
            return _("工作表“%(sheet)s” %(problem)s") % {
                "sheet": self.sheet,
                "problem": str(Problem(self.row, self.column, self.reason)),
            }
        if self.row is None:
            return self.reason
        if self.column:
            return _("第 %(row)s 行 %(column)s：%(reason)s") % {
                "row": self.row,
                "column": self.column,
                "reason": self.reason,
            }
        return _("第 %(row)s 行：%(reason)s") % {"row": self.row, "reason": self.reason}


class ImportRejected(Exception):
    """Nothing was written; ``problems`` lists every reason, row by row."""

    def __init__(self, problems, *, sheets=()):
        order = {str(title): index for index, title in enumerate(sheets)}  # a book's sheets in book order
        self.problems = sorted(
            problems, key=lambda p: (order.get(p.sheet, -1), p.sheet, p.row or 0, p.column, p.reason)
        )
        super().__init__("; ".join(str(p) for p in self.problems[:5]))


@dataclass
class ImportContext:
    """Who imports, when the server received the file, and what the rows belong to."""

    user: object
    project: object = None
    enterprise: object = None
    now: datetime.datetime = field(default_factory=timezone.now)
    extra: dict = field(default_factory=dict)


@dataclass
class ParsedRow:
    number: int
    values: dict
    problems: list = field(default_factory=list)
    record: object = None  # the row's unsaved record, once built and validated


class ImportSpec:
    """What one import is: its columns, the model, how a row becomes a record and how records are saved.

    Subclasses set ``model``, ``title`` and ``columns``, usually ``fixed`` (what every row gets from
    the page: its project) and ``unique`` with ``existing``; they override ``build`` only when a row is
    more than its values (a cell whose meaning depends on a looked-up record).
    """

    name = ""  # used in file names: "power-rooms"
    title = ""  # the sheet's title and the page's: "配电室"
    model = None
    columns: list = []
    # Column keys that together identify a record (a room's name in its project): refused twice in
    # a file, and refused when ``existing(context)`` already has them.
    unique: tuple[str, ...] = ()
    max_rows = MAX_ROWS

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.__dict__.get("name"):  # a named spec can be run by name (``manage.py import_excel``)
            SPECS[cls.name] = cls

    def fixed(self, context) -> dict:
        """Values every row gets from where it is imported (``{"project": context.project}``)."""
        return {}

    def existing(self, context):
        """The records a ``unique`` key must not repeat (None: no such check)."""
        return None

    def check_file(self, rows: list, context) -> None:
        """Checks of the whole file beyond ``unique`` (a second key that must be unique), run once for
        all rows: append a ``Problem`` to the ``problems`` of each row at fault (rows are ``ParsedRow``s,
        lookups resolved)."""

    def build(self, values: dict, context):
        """The unsaved record of one row; a ValidationError here is reported against the row."""
        given = {key: value for key, value in values.items() if value is not None}
        return self.model(**self.fixed(context), **given)

    def trusted_fields(self, context) -> list[str]:
        """Relations already known to exist (fixed, or found by a lookup): not re-validated row by row."""
        return [*self.fixed(context), *(c.field for c in self.columns if isinstance(c, Lookup))]

    def validate(self, record, context) -> None:
        # Uniqueness is checked for the whole file at once (``unique``), not one query per row.
        record.full_clean(
            exclude=self.trusted_fields(context), validate_unique=False, validate_constraints=False
        )

    def save(self, records: list, context) -> list:
        """Write the records (in the import's transaction): registries with their history rows."""
        if hasattr(self.model, "history"):
            saved = bulk_create_with_history(
                records, self.model, batch_size=BULK_BATCH, default_user=context.user
            )
        else:
            saved = self.model._default_manager.bulk_create(records, batch_size=BULK_BATCH)
        # As save_record does: what the user wrote must still be within his write scope.
        pks = [record.pk for record in saved]
        if self.model.objects.writable_by(context.user).filter(pk__in=pks).count() != len(pks):
            raise PermissionDenied
        return saved

    # -- the template's example row -------------------------------------------------------------

    def example_cells(self) -> list[dict]:
        """{key: text} of the example row in each language, as the reader compares it to row 2."""
        return in_every_language(
            lambda: {
                column.key: cell_text(column.cell(column.example))
                for column in self.columns
                if column.example is not None
            }
        )


class EvidenceImportSpec(ImportSpec):
    """Records that are evidence: appended with channel ``import``, server time of receipt, chained.

    Each row is checked as ``append_evidence`` would check it (claim, not in the future, model rules)
    before anything is written, so a bad row is reported with its number instead of stopping the batch.
    Records older than their duty's back-fill limit are flagged by the evidence base.
    """

    def validate(self, record, context) -> None:
        # The evidence base's own checks, run ahead: the limit is irrelevant here (the real stamp and
        # its back-fill flag come with bulk_append_evidence).
        _stamp(
            record,
            user=context.user,
            channel=Channel.IMPORT,
            now=context.now,
            backfill_limit=lambda _record: datetime.timedelta.max,
            checked=self.trusted_fields(context),
        )

    def save(self, records: list, context) -> list:
        return bulk_append_evidence(records, user=context.user, channel=Channel.IMPORT, now=context.now)


def parse_rows(spec: ImportSpec, rows, context) -> list[ParsedRow]:
    """Each row's values, cell by cell; a cell's problem does not stop the others."""
    parsed = []
    for row in rows:
        item = ParsedRow(row.number, {})
        for column in spec.columns:
            raw = row.cells.get(column.key)
            if raw is None:
                if column.required:
                    item.problems.append(Problem(row.number, str(column.header), _("必填。")))
                item.values[column.key] = column.blank()
                continue
            try:
                item.values[column.key] = column.parse(raw, context)
            except CellError as error:
                item.problems.append(Problem(row.number, str(column.header), error.reason))
        parsed.append(item)
    return parsed


def resolve_lookups(spec: ImportSpec, parsed, context) -> None:
    """Replace each lookup's name by its record: one query per lookup column for the whole file."""
    for column in spec.columns:
        if not isinstance(column, Lookup):
            continue
        names = {row.values[column.key] for row in parsed if row.values.get(column.key)}
        found, ambiguous = column.resolve(names, context) if names else ({}, set())
        for row in parsed:
            name = row.values.get(column.key)
            if not name:
                row.values[column.key] = None
                continue
            if name in ambiguous:
                reason = _("“%(value)s”对应多条记录，无法确定是哪一条。") % {"value": name}
            elif name not in found:
                reason = str(column.not_found) % {"value": name}
            else:
                row.values[column.key] = found[name]
                continue
            row.values[column.key] = None
            row.problems.append(Problem(row.number, str(column.header), reason))


def _key_value(value):
    return getattr(value, "pk", value)


def check_unique(spec: ImportSpec, parsed, context) -> None:
    """A ``unique`` key twice in the file, or already stored: the second row / the row is refused."""
    if not spec.unique:
        return
    columns = {column.key: column for column in spec.columns}
    first = columns[spec.unique[0]]
    seen = {}
    for row in parsed:
        key = tuple(_key_value(row.values.get(name)) for name in spec.unique)
        if any(part in (None, "") for part in key):
            continue
        if key in seen:
            row.problems.append(
                Problem(row.number, str(first.header), _("与第 %(row)s 行重复。") % {"row": seen[key]})
            )
        else:
            seen[key] = row.number
    existing = spec.existing(context)
    if existing is None or not seen:
        return
    fields = [columns[name].field for name in spec.unique]
    lookups = [
        f"{name}_id" if isinstance(columns[key], Lookup) else name
        for key, name in zip(spec.unique, fields, strict=True)
    ]
    candidates = existing.filter(**{f"{lookups[0]}__in": {key[0] for key in seen}}).order_by()
    stored = set(candidates.values_list(*lookups))
    for row in parsed:
        key = tuple(_key_value(row.values.get(name)) for name in spec.unique)
        if key in stored and seen.get(key) == row.number:
            value = first.cell(row.values[first.key])
            row.problems.append(
                Problem(row.number, str(first.header), _("“%(value)s”已经登记过。") % {"value": value})
            )


def error_problems(spec: ImportSpec, number: int, error: ValidationError) -> list[Problem]:
    """A model's ValidationError as problems of one row, each under the column of the field at fault."""
    headers = {column.field: str(column.header) for column in spec.columns}
    if not hasattr(error, "error_dict"):
        return [Problem(number, "", message) for message in error.messages]
    problems = []
    for name, messages in error.message_dict.items():
        header = headers.get(name)
        if header is None and name != NON_FIELD_ERRORS:
            try:
                header = str(spec.model._meta.get_field(name).verbose_name)
            except FieldDoesNotExist:
                header = ""
        problems += [Problem(number, header or "", message) for message in messages]
    return problems


def check_rows(spec: ImportSpec, upload, context) -> list:
    """Every row's record, validated; raises ImportRejected with every problem found."""
    if hasattr(spec, "check_book"):  # a workbook of several sheets (book.py): its own reading
        return spec.check_book(upload, context)
    try:
        rows = read_rows(upload, spec.columns, max_rows=spec.max_rows, example=spec.example_cells())
    except SheetRefused as refused:
        raise ImportRejected([Problem(None, "", refused.reason)]) from None
    parsed, problems = check_sheet(spec, rows, context)
    if problems:
        raise ImportRejected(problems)
    return [row.record for row in parsed]


def check_sheet(spec: ImportSpec, rows, context) -> tuple[list, list]:
    """The sheet's rows parsed, each good one with its ``record``, and the problems of the others."""
    parsed = parse_rows(spec, rows, context)
    resolve_lookups(spec, parsed, context)
    check_unique(spec, parsed, context)
    spec.check_file(parsed, context)
    problems = []
    for row in parsed:
        if row.problems:
            problems += row.problems
            continue
        try:
            record = spec.build(row.values, context)
            spec.validate(record, context)
        except ValidationError as error:
            problems += error_problems(spec, row.number, error)
            continue
        row.record = record
    return parsed, problems


def run_import(spec: ImportSpec, upload, context: ImportContext) -> list:
    """Import every row of ``upload`` or none: the saved records, or ImportRejected with every problem."""
    records = check_rows(spec, upload, context)
    try:
        with transaction.atomic():
            return spec.save(records, context)
    except ValidationError as error:  # a rule only the save sees; the rows were fine one by one
        raise ImportRejected([Problem(None, "", message) for message in error.messages]) from None
    except IntegrityError:  # someone saved the same key meanwhile
        raise ImportRejected([Problem(None, "", _("保存时与刚登记的记录冲突，请重新导入。"))]) from None
