"""Helpers of the Excel tests of clauses 4.3 and 4.6: rows as a clerk types them into the templates."""

import datetime

from wuye.core.spreadsheets.template_book import header_text
from wuye.safety.imports_fire import FireCheckImport, FireEquipmentImport
from wuye.safety.imports_water import WaterTankImport, WaterTestImport
from wuye.safety.tests.excel import local

EQUIPMENT_HEADERS = [header_text(column) for column in FireEquipmentImport.columns]
CHECK_HEADERS = [header_text(column) for column in FireCheckImport.columns]
TANK_HEADERS = [header_text(column) for column in WaterTankImport.columns]
TEST_HEADERS = [header_text(column) for column in WaterTestImport.columns]
# Where a cell is in a test row (the template's order).
TEST_COLUMN = {column.key: index for index, column in enumerate(WaterTestImport.columns)}
CHECK_COLUMN = {column.key: index for index, column in enumerate(FireCheckImport.columns)}


def lab_rows(tanks, start, count, *, hours=2):
    """``count`` lab tests ``hours`` apart from ``start``, the tanks taking turns; good water in every row."""
    rows = []
    for index in range(count):
        when = local(start + datetime.timedelta(hours=index * hours))
        rows.append(
            [
                tanks[index % len(tanks)].name,
                when,
                "包头市疾病预防控制中心",
                "160512050123",
                f"SZ-{index:04d}",
                "水箱出水口",
                5,
                0.3,
                "无",
                7.2,
                "未检出",
                12,
                0.3,
            ]
        )
    return rows


def check_rows(equipment, start, count, *, faulty_every=0, hours=2):
    """``count`` monthly checks ``hours`` apart, the items taking turns; every ``faulty_every``-th one faulty."""
    rows = []
    for index in range(count):
        faulty = faulty_every and index % faulty_every == faulty_every - 1
        when = local(start + datetime.timedelta(hours=index * hours))
        item = equipment[index % len(equipment)]
        rows.append(
            [item.name, when, "故障" if faulty else "正常", "压力表指针在红区" if faulty else None, "王师傅"]
        )
    return rows


def equipment_rows(count, *, start=1):
    """``count`` extinguisher points, one per floor: as a register typed up from the fire plan."""
    return [
        [
            f"{n}层灭火器箱",
            "灭火器",
            f"1号楼{n}层",
            "干粉",
            datetime.date(2022, 5, 1),
            2,
            datetime.date(2022, 6, 1),
            "是",
        ]
        for n in range(start, start + count)
    ]


def tank_rows(count, *, start=1):
    return [
        [f"{n}号水箱", "屋顶水箱", f"{n}号楼屋顶", 18, f"{n}号楼", datetime.date(2020, 1, 1), "是"]
        for n in range(start, start + count)
    ]
