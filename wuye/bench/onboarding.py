"""The onboarding suite of `make bench` (issue 9): a generated onboarding book of N projects (5 buildings of
H households each, an owner per household, an enterprise per 10 projects with 10 staff) imported whole
by a region-wide regulator, timed, with rows per second and peak memory; then rolled back.

``book_rows`` gives the rows of each sheet (the tests change a few to make faults), ``book_bytes`` the
.xlsx a bureau would upload (written in openpyxl's write-only mode).
"""

import io
import resource
import time

from openpyxl import Workbook
from stdnum.cn import ric, uscc

from wuye.core.spreadsheets.template_book import header_text, sheet_title

AREAS = ["150203", "150204", "150205", "150206", "150207"]  # 包头市's districts
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def credit_code(area: str, serial: int) -> str:
    body = "91" + area + "MA" + format_base(serial, 7)
    return body + uscc.calc_check_digit(body)


def format_base(number: int, width: int) -> str:
    digits = ""
    for _ in range(width):
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return digits


def citizen_id(area: str, serial: int) -> str:
    body = f"{area}19{90 + serial % 10:02d}{1 + serial % 12:02d}{1 + serial % 28:02d}{serial % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")  # stdnum takes the number with a check place


def book_rows(
    projects: int, buildings: int = 5, households: int = 200, *, area_codes=AREAS, serial=0
) -> dict:
    """{sheet title: rows (lists of cell values in the sheet's column order)} of a consistent book."""
    from wuye.oversight.imports_onboarding import OnboardingImport

    enterprises, project_rows, building_rows, household_rows, owner_rows, staff_rows = [], [], [], [], [], []
    for p in range(projects):
        area = area_codes[p % len(area_codes)]
        if p % 10 == 0:
            code = credit_code(area, serial + p)
            enterprises.append(
                [f"第{serial + p}物业服务有限公司", code, "王明", "包头市钢铁大街1号", "0472-5123456"]
            )
            for s in range(10):
                number = serial * 10 + p * 10 + s
                staff_rows.append(
                    [code, f"员工{number}", citizen_id(area, number), f"139{number % 10**8:08d}"]
                )
        name = f"阳光{serial + p}号小区"
        project_rows.append(
            [name, area, f"阳光路{p}号", "住宅小区", buildings * households * 90, buildings * households]
            + [None, None, code, "2021-05-01"]
        )
        for b in range(buildings):
            building_rows.append([name, area, f"{b + 1}号楼", 18, "是"])
            for h in range(households):
                unit, room = str(1 + h // 100), str(101 + h % 100)
                household_rows.append([name, area, f"{b + 1}号楼", unit, room, 90])
                owner_rows.append(
                    [
                        name,
                        area,
                        f"{b + 1}号楼",
                        unit,
                        room,
                        f"业主{p}-{b}-{h}",
                        f"138{(p * 10000 + b * 1000 + h) % 10**8:08d}",
                    ]
                )
    sheets = [enterprises, project_rows, building_rows, household_rows, owner_rows, staff_rows]
    return {str(spec.title): rows for spec, rows in zip(OnboardingImport().specs(), sheets, strict=True)}


def book_bytes(rows_by_sheet: dict) -> bytes:
    from wuye.oversight.imports_onboarding import OnboardingImport

    workbook = Workbook(write_only=True)
    for spec in OnboardingImport().specs():
        sheet = workbook.create_sheet(sheet_title(spec.title))
        sheet.append([header_text(column) for column in spec.columns])
        for row in rows_by_sheet.get(str(spec.title), []):
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def measure(projects: int, households: int, log) -> dict:
    """Generate, import as a region-wide regulator, roll back; the figures."""
    from django.db import transaction

    from wuye.accounts.choices import Role
    from wuye.accounts.models import Membership, User
    from wuye.core.spreadsheets import ImportContext, run_import
    from wuye.oversight.imports_onboarding import OnboardingImport
    from wuye.regions.models import Division

    started = time.monotonic()
    rows = book_rows(projects, households=households, serial=int(time.time()) % 100000 * 1000)
    data = book_bytes(rows)
    generated = time.monotonic() - started
    count = sum(len(sheet) for sheet in rows.values())
    log(
        f"book of {projects} projects: {count} rows, {len(data) / 1e6:.1f} MB, generated in {generated:.1f} s"
    )
    with transaction.atomic():
        user = User.objects.create(username=f"bench-onboarding-{time.time_ns()}")
        Membership.objects.create(
            user=user, role=Role.REGULATOR, division=Division.objects.get(code="150000")
        )
        started = time.monotonic()
        stages = {}

        def progress(done, title):
            stages[title or "write"] = round(time.monotonic() - started, 1)
            log(f"{time.monotonic() - started:6.1f} s {'checking ' + title if title else 'writing'}")

        saved = run_import(OnboardingImport(), data, ImportContext(user=user, extra={"progress": progress}))
        took = time.monotonic() - started
        transaction.set_rollback(True)
    return {
        "projects": projects,
        "rows": count,
        "records": len(saved),
        "book_mb": round(len(data) / 1e6, 1),
        "import_seconds": round(took, 1),
        "checked_after_seconds": stages.get("write"),
        "rows_per_second": round(count / took),
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
