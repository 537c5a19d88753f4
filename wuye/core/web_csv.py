"""CSV export of list pages: streamed, UTF-8 with a BOM for Excel, formulas neutralised."""

import csv
from collections.abc import Iterable

from django.http import StreamingHttpResponse
from django.utils.http import content_disposition_header

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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
    """``?export=csv`` on a list: the whole filtered, sorted list (not one page) as CSV."""

    csv_filename = "export.csv"

    def csv_header(self) -> list:
        raise NotImplementedError

    def csv_row(self, obj) -> list:
        raise NotImplementedError

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
