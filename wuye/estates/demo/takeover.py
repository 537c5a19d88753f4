"""Demo takeover (2.1, 2.3), with faults K1–K2.

锦绣华庭 (a new build of 九原城建置业, Party A of the 前期物业服务合同) was taken over by 鹿城物业 on the
first day of its service period, the day the flats were handed to the buyers. Its takeover is still in
the middle of the workflow: the contract registered, the acceptance inspection done (every item of the
three checklist lists; finished 20 days before the handover to buyers, within the 15-day rule), the
acceptance agreement signed, but not filed yet. The developer handed over five of the six Art. 29
categories in time (25 days before the inspection); three problems were found, each fixed in time.

K1. Developer late with documents (Party A, 2.3.developer_documents): the equipment installation, use and
    maintenance records were never handed over; an open finding from 20 days before the inspection.
K2. Takeover not filed (2.1.takeover_filed): the agreement was signed, the filing with the authority
    never made; an open finding from the 31st day after the takeover.
"""

import datetime

from django.core.files.base import ContentFile

from wuye.accounts.models import User
from wuye.core.evidence import Channel, append_evidence
from wuye.estates.demo.build import bulk, create
from wuye.estates.demo.power import at
from wuye.estates.models import ServiceContract, ServicePeriod
from wuye.lifecycle.actions_takeover import checklist
from wuye.lifecycle.choices_takeover import (
    ART_29_CATEGORIES,
    FixParty,
    InspectionResult,
    TakeoverStatus,
)
from wuye.lifecycle.models import DocumentHandover, InspectionItem, Takeover, TakeoverMove, TakeoverProblem
from wuye.safety.choices_plans import ArchiveCategory

PROJECT = "jinxiu"
MISSING = ArchiveCategory.EQUIPMENT_RECORDS  # fault K1
DAYS = datetime.timedelta
PROBLEMS = [
    ("facade", "3号楼外墙局部渗水", FixParty.DEVELOPER, 30, 21),
    ("manholes", "小区东侧井盖缺失2处", FixParty.DEVELOPER, 15, 9),
    ("management_rooms", "物业管理用房未安装门禁", FixParty.COMPANY, 10, 6),
]
PDF = b"%PDF-1.4\n% demo acceptance agreement\n%%EOF\n"


def build_takeover(region, seed: int) -> None:
    project = region.projects[PROJECT]
    enterprise = region.enterprises["lucheng"]
    manager = User.objects.get(username="demo-manager")
    developer = User.objects.get(username="demo-developer")
    taken_over_on = region.takeovers[PROJECT]
    inspection_finished = taken_over_on - DAYS(days=20)
    inspection_started = inspection_finished - DAYS(days=8)
    signed = inspection_finished + DAYS(days=2)
    takeover = create(
        Takeover,
        project=project,
        enterprise=enterprise,
        contract=ServiceContract.objects.filter(project=project, enterprise=enterprise).earliest("start"),
        service_period=ServicePeriod.objects.get(project=project, enterprise=enterprise),
        taken_over_on=taken_over_on,
        buyers_handover_on=taken_over_on,
        created_by=manager,
    )
    move(
        takeover,
        manager,
        TakeoverStatus.INSPECTING,
        inspection_started,
        inspection_started_on=inspection_started,
    )
    handed = inspection_started - DAYS(days=25)
    for category in ART_29_CATEGORIES:
        if category != MISSING:
            create(
                DocumentHandover,
                takeover=takeover,
                category=category,
                handed_over_on=handed,
                handed_by=developer.full_name or "建设单位",
                received_by=manager.full_name or "物业服务企业",
            )
    items = inspect(takeover, inspection_started, inspection_finished)
    for code, description, fixer, within, fixed_after in PROBLEMS:
        create(
            TakeoverProblem,
            takeover=takeover,
            item=items[code],
            description=description,
            fixer=fixer,
            found_on=items[code].inspected_on,
            due_on=items[code].inspected_on + DAYS(days=within),
            fixed_on=items[code].inspected_on + DAYS(days=fixed_after),
        )
    takeover.agreement_file.save(f"{PROJECT}-agreement.pdf", ContentFile(PDF), save=False)
    move(
        takeover,
        manager,
        TakeoverStatus.AGREED,
        signed,
        inspection_finished_on=inspection_finished,
        agreement_signed_on=signed,
    )
    region.faults += [
        f"建设单位未移交资料：{project.name}的建设单位至今未移交“{MISSING.label}”。",
        f"接管未备案：{enterprise.name}接管{project.name}后未向主管部门备案。",
    ]


def inspect(takeover, started, finished) -> dict:
    """Every item of the three lists, a day's share at a time; the problems' items marked so."""
    problems = {code: description for code, description, *_rest in PROBLEMS}
    span = (finished - started).days
    rows, index = [], 0
    for area, codes in checklist(takeover, finished).items():
        for code in codes:
            found = problems.get(code, "")
            rows.append(
                InspectionItem(
                    takeover=takeover,
                    area=area,
                    item=code,
                    result=InspectionResult.PROBLEM if found else InspectionResult.OK,
                    problem=found,
                    inspected_on=started + DAYS(days=index * span // 31),
                )
            )
            index += 1
    return {item.item: item for item in bulk(InspectionItem, rows)}


def move(takeover, user, to_status, day, **fields) -> None:
    """A step as the action takes it: the fields, the status, and its move row at 10:00 that day."""
    for name, value in fields.items():
        setattr(takeover, name, value)
    from_status = takeover.status
    takeover.status = to_status
    takeover.save()
    when = at(day, 10)
    append_evidence(
        TakeoverMove(
            takeover=takeover,
            project_id=takeover.project_id,
            from_status=from_status,
            to_status=to_status,
            occurred_at=when,
        ),
        user=user,
        channel=Channel.WEB,
        now=when,
    )
