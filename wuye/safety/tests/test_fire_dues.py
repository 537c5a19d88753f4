"""Next due times of clauses 4.3 and 4.4 for the safety overview, and their fixed number of queries."""

import datetime

import pytest
from django.utils import timezone

from wuye.safety.dues_fire import due_items
from wuye.safety.models import FireEquipment, FirePassage, FloodProtection, LightningProtection
from wuye.safety.overview import OVERDUE, SOON
from wuye.safety.tests.test_fire_checks import blocked, check, full_test, local, protection_test

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def by_duty(items):
    return {(item.asset, item.duty): item for item in items}


def assets(world, count=1, first=0):
    project = world.inside.project
    made = []
    for index in range(first, first + count):
        made += [
            FireEquipment.objects.create(
                project=project,
                name=f"{index}号室外消火栓",
                kind="hydrant",
                in_service_from=datetime.date(2026, 3, 1),
            ),
            FireEquipment.objects.create(
                project=project,
                name=f"{index}号楼灭火器箱",
                kind="extinguisher",
                extinguisher_type="water_based",
                production_date=datetime.date(2020, 4, 10),
                in_service_from=datetime.date(2026, 3, 1),
            ),
            FireEquipment.objects.create(
                project=project,
                name=f"{index}号报警系统",
                kind="alarm_system",
                in_service_from=datetime.date(2025, 3, 1),
            ),
            LightningProtection.objects.create(
                project=project,
                name=f"{index}号锅炉房",
                hazardous=True,
                in_service_from=datetime.date(2025, 9, 1),
            ),
            FloodProtection.objects.create(
                project=project,
                name=f"{index}号排水泵",
                kind="drainage_pump",
                in_service_from=datetime.date(2025, 5, 1),
            ),
        ]
    return made


def test_each_asset_and_duty_is_due_when_its_check_says(world):
    hydrant, extinguisher, alarm, boiler, pumps = assets(world)
    check(world, hydrant, local(2026, 3, 15, 9))
    full_test(world, alarm, local(2025, 3, 10, 10))
    from wuye.safety.models import FloodCheck, LightningTest

    protection_test(world, LightningTest, boiler, local(2025, 9, 10, 10))
    protection_test(world, FloodCheck, pumps, local(2025, 5, 20, 9))
    passage = FirePassage.objects.create(
        project=world.inside.project, name="东侧消防车道", in_service_from=datetime.date(2026, 1, 1)
    )
    blocked(world, passage, local(2026, 4, 1, 8))
    now = local(2026, 4, 2, 9)
    items = by_duty(due_items(world.inside.project, now))
    monthly = items["0号室外消火栓", "月度检查"]
    assert monthly.last_done == local(2026, 3, 15, 9) and monthly.due == local(2026, 5, 4)
    assert items["0号楼灭火器箱", "月度检查"].due == local(2026, 4, 4)  # March not checked: due soon
    assert items["0号楼灭火器箱", "月度检查"].state(now) == SOON
    scrap = items["0号楼灭火器箱", "到期报废（6年）"]
    assert scrap.due == local(2026, 4, 10) and scrap.state(now) == SOON and "水基型" in scrap.note
    assert items["0号报警系统", "年度全面检测"].due == local(2026, 3, 10, 10)
    assert items["0号报警系统", "年度全面检测"].state(now) == OVERDUE
    assert items["0号锅炉房", "防雷检测（6个月）"].due == local(2026, 3, 10, 10)
    assert items["0号排水泵", "防涝检查（1年）"].due == local(2026, 5, 20, 9)
    cleared = items[f"{world.inside.project.name} 东侧消防车道", "清除占用"]
    assert cleared.due == local(2026, 4, 2, 8) and cleared.state(now) == OVERDUE
    assert cleared.note == "私家车占用" and "/fix/" in cleared.record_url


# The parameters in force (monthly 4, full test 2, scrapping ages 4, lightning 4: each period with its
# grace, flood 2), then one query each for the fire equipment, the lightning and the flood protection with
# their last records, and the open defects.
QUERIES = 20


def test_the_queries_do_not_grow_with_the_assets(world, django_assert_num_queries):
    assets(world)
    now = timezone.now()
    with django_assert_num_queries(QUERIES):
        assert len(due_items(world.inside.project, now)) == 7
    assets(world, 4, first=1)
    with django_assert_num_queries(QUERIES):
        assert len(due_items(world.inside.project, now)) == 35
