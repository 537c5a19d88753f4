"""Demo regulator events (clauses 1.8, 3.6), recorded by the region's regulator (demo-regulator):

E1. Petition (钢城小区): 30 owners petitioned the district government 40 days ago over the heating and
    the serving company (3.6.regulator_event).
E2. Labour-dispute ruling (呼和浩特市青城物业管理有限公司): an arbitration award 60 days ago ordered the
    company to pay a dismissed cleaner's wages and compensation (1.8.internal_relations).
"""

import datetime

from wuye.accounts.models import User
from wuye.comanagement.choices_events import EventKind
from wuye.comanagement.models import RegulatorEvent
from wuye.estates.demo.build import bulk
from wuye.estates.models import ServicePeriod

PETITION = "gangcheng"  # E1
RULING = "qingcheng"  # E2: the enterprise


def build_events(region, seed: int) -> None:
    today = region.today
    regulator = User.objects.filter(username="demo-regulator").first()
    project = region.projects[PETITION]
    serving = ServicePeriod.objects.current(today).filter(project=project).order_by("-start").first()
    enterprise = region.enterprises[RULING]
    bulk(
        RegulatorEvent,
        [
            RegulatorEvent(
                enterprise=serving.enterprise,
                project=project,
                kind=EventKind.PETITION,
                occurred_on=today - datetime.timedelta(days=40),
                source="区信访局来访登记",
                description="30余名业主到区政府集体上访，反映供暖不热、物业公司维修不及时。",
                recorded_by=regulator,
            ),
            RegulatorEvent(
                enterprise=enterprise,
                kind=EventKind.LABOUR_RULING,
                occurred_on=today - datetime.timedelta(days=60),
                source="劳动人事争议仲裁委员会裁决书",
                description="裁决公司支付被辞退保洁员工资及经济补偿金。",
                recorded_by=regulator,
            ),
        ],
    )
    region.faults.append(f"群体上访：{project.name}业主40天前集体上访（监管部门记录）。")
    region.faults.append(f"劳动争议败诉：{enterprise.name}60天前劳动仲裁裁决败诉（监管部门记录）。")
