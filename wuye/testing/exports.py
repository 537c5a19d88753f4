"""Reading an ``?export=xlsx`` download back in the tests: its data rows, and the rows of the list page."""

import io

import openpyxl


def exported_rows(response) -> list[tuple]:
    """The data rows (below the header) of a workbook download, blank rows left out."""
    assert response.status_code == 200, response.status_code
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [
        row for row in sheet.iter_rows(min_row=2, values_only=True) if any(cell is not None for cell in row)
    ]


def listed_and_exported(client, url, query, marker: str) -> tuple[int, list[tuple]]:
    """How many rows the list shows (``marker`` once per row, all on one page) and the export's rows."""
    listed = client.get(url, {**query, "per_page": 200}).content.decode().count(marker)
    return listed, exported_rows(client.get(url, {**query, "export": "xlsx"}))
