"""Helpers of the clause 4.2 Excel tests: elevators to import records for, and rows as a clerk types them."""

import datetime

from wuye.core.spreadsheets.template_book import header_text
from wuye.safety.imports_elevators import ElevatorImport, InspectionImport, MaintenanceVisitImport
from wuye.safety.models import Elevator
from wuye.safety.tests.excel import local

ELEVATOR_HEADERS = [header_text(column) for column in ElevatorImport.columns]
INSPECTION_HEADERS = [header_text(column) for column in InspectionImport.columns]
VISIT_HEADERS = [header_text(column) for column in MaintenanceVisitImport.columns]


def code(number: int, city: str = "B") -> str:
    return f"梯11蒙{city}{number:05d}(19)"


def make_elevators(project, count, *, city="B", since=datetime.date(2024, 1, 1), building=None):
    return [
        Elevator.objects.create(
            project=project,
            building=building,
            name=f"{n}号梯",
            registration_code=code(n, city),
            maker="通力电梯有限公司",
            in_service_from=since,
        )
        for n in range(1, count + 1)
    ]


def visit_rows(elevators, now, count, *, every=datetime.timedelta(days=14)):
    """``count`` visits, the elevators taking turns, each elevator's ``every`` apart going back from a
    day before ``now``; each row as in the template."""
    rows = []
    for index in range(count):
        elevator = elevators[index % len(elevators)]
        rounds = index // len(elevators)
        when = now - datetime.timedelta(days=1, hours=index % len(elevators)) - rounds * every
        tier = "季度维保" if rounds % 6 == 5 else "半月维保"
        rows.append(
            [
                elevator.registration_code,
                local(when),
                tier,
                "李师傅",
                "T150203198001010011",
                "机房、轿厢、层门",
                None,
            ]
        )
    return rows


def inspection_rows(elevators, years, *, today):
    """One passing inspection a year per elevator, the latest ``today`` minus 10 days."""
    rows = []
    for back in range(years):
        for elevator in elevators:
            day = today - datetime.timedelta(days=10 + 365 * back)
            until = day.replace(year=day.year + 1)
            rows.append(
                [
                    elevator.registration_code,
                    day,
                    "内蒙古自治区特种设备检验研究院",
                    "合格",
                    until,
                    f"R-{day}",
                    None,
                ]
            )
    return rows


def elevator_rows(count, *, building="1号楼", start=1, city="B"):
    return [
        [
            f"{n}号梯",
            building,
            f"{n}单元",
            code(n, city),
            "曳引式乘客电梯",
            "通力电梯有限公司",
            "MonoSpace 500",
            f"SN{n:04d}",
            1000,
            18,
            "内蒙古安达电梯工程有限公司",
            "TS3315001-2028",
            datetime.date(2028, 12, 31),
            "0472-96333",
            datetime.date(2019, 6, 1),
            "是",
        ]
        for n in range(start, start + count)
    ]
