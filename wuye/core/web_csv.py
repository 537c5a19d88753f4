"""CSV export of list pages: streamed, UTF-8 with a BOM for Excel, formulas neutralised."""

import csv
from collections.abc import Callable, Iterable
from functools import reduce

from django.http import StreamingHttpResponse
from django.utils.http import content_disposition_header

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def attribute(obj, path: str):
    return reduce(lambda value, name: None if value is None else getattr(value, name), path.split("."), obj)


class _Echo:
    def write(self, value):
        return value


def safe_cell(value) -> str:
    """Text for a spreadsheet cell; a leading formula character is neutralised (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_response(filename: str, header: list, rows: Iterable[list]) -> StreamingHttpResponse:
    """A streamed CSV with a UTF-8 BOM, so Excel opens the Chinese text correctly."""
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow([str(h) for h in header])
        for row in rows:
            yield writer.writerow([safe_cell(cell) for cell in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "no-store"
    return response


class CsvExportMixin:
    """``?export=csv`` on a list: the whole filtered, sorted list (not one page) as CSV.

    ``csv_columns`` lists (header, value of a row) pairs; the value is an attribute path
    ("division.full_name") or a function of the row.
    """

    csv_filename = "export.csv"
    csv_columns: list[tuple[str, str | Callable]] = []

    def csv_header(self) -> list:
        return [header for header, _value in self.csv_columns]

    def csv_row(self, obj) -> list:
        return [
            value(obj) if callable(value) else attribute(obj, value) for _header, value in self.csv_columns
        ]

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") != "csv":
            return super().get(request, *args, **kwargs)
        filterset = self.get_filterset(self.get_filterset_class())
        queryset = filterset.qs
        return csv_response(
            str(self.csv_filename),
            self.csv_header(),
            (self.csv_row(o) for o in queryset.iterator(chunk_size=500)),
        )
