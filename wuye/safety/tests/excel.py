"""Helpers of the Excel tests: real .xlsx files made with openpyxl, as a clerk would fill them in."""

import datetime
import io

from django.utils import timezone
from openpyxl import Workbook, load_workbook

from wuye.core.spreadsheets.template_book import header_text
from wuye.safety.imports_power import PowerRoomImport, PowerRoundImport

ROUND_HEADERS = [header_text(column) for column in PowerRoundImport.columns]
ROOM_HEADERS = [header_text(column) for column in PowerRoomImport.columns]


def xlsx(headers, rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def fill(template: bytes, rows) -> bytes:
    """A downloaded template with ``rows`` added below its example row, saved as the user would."""
    workbook = load_workbook(io.BytesIO(template))
    for row in rows:
        workbook.worksheets[0].append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def local(value: datetime.datetime) -> datetime.datetime:
    """What Excel holds for a moment: the local wall-clock time, without a zone."""
    return timezone.localtime(value).replace(tzinfo=None)


def round_rows(rooms, start, count, *, problems_every=0, hours=1):
    """``count`` rounds ``hours`` apart from ``start``, the rooms taking turns; each row as in the template."""
    rows = []
    for index in range(count):
        room = rooms[index % len(rooms)]
        states = (
            "运行"
            if index % 2
            else "、".join(f"{s}：{'备用' if '备用' in s else '运行'}" for s in room.supplies)
        )
        problem = (
            "2#变压器温度偏高" if problems_every and index % problems_every == problems_every - 1 else None
        )
        when = local(start + datetime.timedelta(hours=index * hours))
        rows.append([room.name, when, "王师傅", states, 400, 210.5, 26.5, problem])
    return rows


def room_rows(count, *, start=1):
    return [
        [f"{n}号配电室", f"{n}号楼地下一层", "1#变压器、2#变压器", datetime.date(2020, 1, 1), "是"]
        for n in range(start, start + count)
    ]
