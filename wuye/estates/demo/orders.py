"""Demo rectification orders (整改通知, clause 3.6), issued by the 包头市 regulator (demo-regulator-bt) to the
company serving the estate (鹿城, answered by demo-manager):

O1. Overdue (钢城小区): ordered 40 days ago to repair the heating and answer within 15 days; no answer
    came (3.6.rectification_overdue, from the deadline on).
O2. Done (锦绣华庭): ordered 60 days ago to clear the fire passages; answered with photos in 10 days and
    accepted two days later: no finding.

The orders are seeded before any evaluation, so they name no findings; their requirement says what to do.
"""

import datetime

from django.core.files.base import ContentFile

from wuye.accounts.models import User
from wuye.compliance.duties import start_of_day
from wuye.core.evidence import Channel
from wuye.estates.models import ServicePeriod
from wuye.oversight.actions_orders import record_move
from wuye.oversight.choices_orders import OrderStatus
from wuye.oversight.models import OrderAnswer, RectificationOrder

OVERDUE = "gangcheng"  # O1
DONE = "jinxiu"  # O2


def at(day: datetime.date, hour: int) -> datetime.datetime:
    return start_of_day(day) + datetime.timedelta(hours=hour)


def move(order, user, from_status, when, note=""):
    record_move(user, order, from_status, note, when, Channel.WEB)


def issue(region, key, regulator, days_ago, requirement) -> RectificationOrder:
    project = region.projects[key]
    serving = ServicePeriod.objects.current(region.today).filter(project=project).order_by("-start").first()
    issued_at = at(region.today - datetime.timedelta(days=days_ago), 10)
    order = RectificationOrder.objects.create(
        enterprise=serving.enterprise,
        project=project,
        division_id=project.division_id,
        requirement=requirement,
        deadline=issued_at.date() + datetime.timedelta(days=15),
        issued_by=regulator,
        issued_at=issued_at,
    )
    move(order, regulator, "", issued_at)
    return order


def build_orders(region, seed: int) -> None:
    regulator = User.objects.get(username="demo-regulator-bt")
    manager = User.objects.get(username="demo-manager")
    overdue = issue(
        region,
        OVERDUE,
        regulator,
        40,
        "业主集体反映供暖不热、维修不及时。请于期限内完成供暖设施检修，并书面回复整改情况。",
    )
    done = issue(region, DONE, regulator, 60, "消防通道有杂物堆放。请清理全部消防通道，并上传清理后的照片。")
    answered_at = at(region.today - datetime.timedelta(days=50), 16)
    OrderAnswer.objects.create(
        order=done,
        text="已清理全部消防通道的杂物，并在通道口张贴禁止堆放的提示。",
        file=ContentFile(b"%PDF-1.4 demo", name="消防通道清理照片.pdf"),
        answered_by=manager,
    )
    done.status, done.answered_at = OrderStatus.ANSWERED, answered_at
    done.save()
    move(done, manager, OrderStatus.ISSUED, answered_at)
    accepted_at = at(region.today - datetime.timedelta(days=48), 9)
    done.status, done.accepted_at = OrderStatus.ACCEPTED, accepted_at
    done.save()
    move(done, regulator, OrderStatus.ANSWERED, accepted_at, "现场复查合格。")
    region.faults.append(
        f"整改通知逾期：{overdue.project.name}的整改通知已于{overdue.deadline}到期，企业未回复。"
    )
