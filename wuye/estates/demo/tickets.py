"""A year of service-desk tickets in every demo estate (issue 6), handled through the real actions, with the
faults T1–T8 for the checks of clauses 1.2, 3.1, 3.2, 3.3, 6.R and 6.W to find.

About two tickets a month per estate, of every kind, received by phone, at the desk, by letter or on the
web, each step well inside its deadline: answered within hours, urgent repairs reached within 25
minutes, completed within two days, repairs and complaints followed up by phone within three days,
then closed. Tickets of the last days stop where "now" is. The faults:

T1. Complaint answered late (1.2, 和谐家园): a noise complaint 40 days ago answered after 31 hours.
T2. Repair answered late (3.3, 青城华府): a repair 75 days ago answered after 27 hours.
T3. No follow-up (3.3, 锦绣华庭): a repair completed 25 days ago, never followed up.
T4. Dissatisfied, reopened (阳光花园, the demo owner's home): his repair 12 days ago was rated
    dissatisfied, reopened, redone the next day and then rated satisfied (no finding: all in time).
T5. Misconduct found true (3.2, 钢城小区): a complaint 50 days ago that a guard insulted an owner.
T6. Appointment missed (6.W, 北梁新居): a repair 20 days ago, the worker came 90 minutes after the window.
T7. Incomplete reception record (6.R, 书香苑): a repair called in 30 days ago, logged without the
    household and the caller's phone.
T8. Attitude complaints (3.1, 玉龙湾小区): more than 10 per 1,000 households in one half year.
"""

import datetime
import random

from django.utils import timezone

from wuye.accounts.choices import Role
from wuye.accounts.models import Membership, User
from wuye.compliance.duties import bucket_of
from wuye.compliance.parameters import param
from wuye.estates.demo.names import mobile
from wuye.estates.demo.plan import PROJECTS
from wuye.estates.demo.power import demo_now
from wuye.estates.models import Household
from wuye.servicedesk import actions_tickets as actions
from wuye.servicedesk.choices_tickets import TicketStatus as S
from wuye.servicedesk.models import Ticket
from wuye.servicedesk.notify_tickets import muted

MINUTE = datetime.timedelta(minutes=1)
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)
PER_MONTH = 2
SURNAMES = "王李张刘陈杨赵黄周吴"
# (kind, urgency, complaint category, what the owner said)
REQUESTS = [
    ("repair", "ordinary", "", "卫生间地漏返水，请派人疏通"),
    ("repair", "ordinary", "", "楼道声控灯不亮"),
    ("repair", "ordinary", "", "单元门门禁刷卡没反应"),
    ("repair", "urgent", "", "厨房水管爆裂，水流不止"),
    ("repair", "urgent", "", "配电箱冒烟，整个单元停电"),
    ("help", "", "", "老人在家摔倒，需要帮忙联系家属"),
    ("help", "", "", "钥匙锁在屋里，请帮忙联系开锁"),
    ("inquiry", "", "", "请问本季度物业费的缴费截止日期"),
    ("inquiry", "", "", "装修需要办理哪些手续"),
    ("complaint", "", "noise", "楼上夜间装修噪音扰民"),
    ("complaint", "", "hygiene", "垃圾桶满溢两天无人清运"),
    ("complaint", "", "fees", "车位费收据金额与公示标准不符"),
    ("suggestion", "", "", "建议在小区东门增设非机动车棚"),
]
CHANNELS = ["phone", "phone", "walk_in", "phone", "letter"]


def build_tickets(region, seed: int) -> None:
    rng = random.Random(f"{seed}-tickets")
    now = demo_now(region.today)
    desk = Desk(region, rng, now)
    with muted():  # a year that happened before anyone signed in: nobody is told now
        for plan in PROJECTS:
            desk.year_of(plan.key)
        desk.faults()
    region.faults += FAULT_LINES


FAULT_LINES = [
    "T1 投诉超时未答复：和谐家园",
    "T2 报修超时未响应：青城华府",
    "T3 报修办结后未回访：锦绣华庭",
    "T4 业主不满意、工单重新处理：阳光花园",
    "T5 投诉员工刁难业主经核实属实：钢城小区",
    "T6 维修人员未按约定时间上门：北梁新居",
    "T7 接待登记缺项：书香苑",
    "T8 服务态度投诉过多：玉龙湾小区",
]


class Desk:
    """The service desk of every estate: its reception account, and how each ticket is handled."""

    def __init__(self, region, rng, now):
        self.region, self.rng, self.now = region, rng, now
        self.staff = {}
        self.households = {}

    def clerk(self, key):
        if key not in self.staff:
            project = self.region.projects[key]
            user = User.objects.create_user(f"{key}-service", password=None, full_name=f"{project.name}客服")
            Membership.objects.create(user=user, role=Role.STAFF, project=project)
            self.staff[key] = user
            self.households[key] = list(Household.objects.filter(project=project).order_by("pk"))
        return self.staff[key]

    def file(
        self,
        key,
        kind,
        urgency,
        category,
        text,
        received,
        *,
        channel="phone",
        household=True,
        by=None,
        phone=True,
    ):
        clerk = self.clerk(key)
        home = self.rng.choice(self.households[key]) if household is True else household or None
        number = mobile(self.rng)
        ticket = Ticket(
            project=self.region.projects[key],
            household=home,
            kind=kind,
            urgency=urgency,
            complaint_category=category,
            channel=channel,
            contact_name=self.rng.choice(SURNAMES) + ("先生" if self.rng.random() < 0.5 else "女士"),
            contact_phone=number if phone else "",
            description=text,
            received_at=received,
        )
        late = received + self.rng.randint(2, 8) * MINUTE
        return actions.file_ticket(by or clerk, ticket, now=min(late, self.now) if by is None else received)

    def step(self, ticket, status, when, **kwargs) -> bool:
        """Make the move at ``when`` unless that is still to come; False once the ticket stops (now)."""
        if when > self.now:
            return False
        clerk = self.staff[self.key_of(ticket)]
        if status == S.ON_SITE:
            actions.arrive(clerk, ticket, now=when)
        elif status == S.FOLLOWED_UP:
            rating = "satisfied" if self.rng.random() < 0.85 else "basic"
            actions.record_follow_up(
                clerk, ticket, rating=rating, comment=kwargs.get("comment", ""), now=when
            )
        else:
            actions.move_ticket(clerk, ticket, status, handler=clerk, now=when, note=kwargs.get("note", ""))
        return True

    def key_of(self, ticket):
        return next(key for key, project in self.region.projects.items() if project.pk == ticket.project_id)

    def handle(self, ticket, *, answer_after=None, follow_up=True):
        """Every step in time (the answer after ``answer_after`` when given): the normal course of a ticket."""
        rng, t = self.rng, ticket.received_at
        t += (
            answer_after or (rng.randint(3, 10) if ticket.is_urgent_repair else rng.randint(10, 180)) * MINUTE
        )
        steps = [(S.ACCEPTED, t)]
        if ticket.kind in ("inquiry", "suggestion"):
            t += rng.randint(20, 120) * MINUTE if ticket.kind == "inquiry" else rng.randint(1, 3) * DAY
            steps += [(S.DONE, t), (S.CLOSED, t + rng.randint(2, 20) * HOUR)]
        else:
            if ticket.is_urgent_repair:
                assigned, on_site = t + 2 * MINUTE, ticket.received_at + rng.randint(15, 25) * MINUTE
            else:
                assigned = t + rng.randint(5, 40) * MINUTE
                on_site = assigned + rng.randint(20, 240) * MINUTE
            t = on_site + rng.randint(40, 300) * MINUTE
            steps += [(S.ASSIGNED, assigned), (S.ON_SITE, on_site), (S.DONE, t)]
            if ticket.kind in ("repair", "complaint"):
                if follow_up:  # T3 is left done
                    t += rng.randint(20, 70) * HOUR
                    steps += [(S.FOLLOWED_UP, t), (S.CLOSED, t + rng.randint(1, 5) * HOUR)]
            else:
                steps.append((S.CLOSED, t + rng.randint(1, 10) * HOUR))
        for status, when in steps:
            if not self.step(ticket, status, when):
                break
        return ticket

    def year_of(self, key):
        rng = self.rng
        start = self.now - 365 * DAY
        for month in range(12):
            for _ in range(PER_MONTH):
                day = start + (month * 30 + rng.randint(0, 29)) * DAY
                received = timezone.localtime(day).replace(
                    hour=rng.randint(8, 20), minute=rng.randint(0, 59), second=0, microsecond=0
                )
                if received >= self.now - HOUR:
                    continue
                kind, urgency, category, text = REQUESTS[rng.randrange(len(REQUESTS))]
                ticket = self.file(key, kind, urgency, category, text, received, channel=rng.choice(CHANNELS))
                self.handle(ticket)

    def at(self, days_ago, hour, minute=0):
        day = timezone.localdate(self.now) - datetime.timedelta(days=days_ago)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))

    def faults(self):
        # T1, T2: answered late; T3: never followed up.
        late = self.file(
            "hexie", "complaint", "", "noise", "广场舞音响太大，晚上十点后仍未停止", self.at(40, 19)
        )
        self.handle(late, answer_after=31 * HOUR)
        slow = self.file("qingcheng", "repair", "ordinary", "", "客厅吸顶灯线路短路跳闸", self.at(75, 10))
        self.handle(slow, answer_after=27 * HOUR)
        forgotten = self.file("jinxiu", "repair", "ordinary", "", "阳台窗户关不严漏风", self.at(25, 9))
        self.handle(forgotten, follow_up=False)
        self.reopened()
        self.misconduct()
        self.missed_appointment()
        # T7: called in and logged without the household and the caller's phone.
        text = "楼道暖气管漏水"
        incomplete = self.file(
            "shuxiang", "repair", "ordinary", "", text, self.at(30, 15), household=None, phone=False
        )
        self.handle(incomplete)
        self.attitude_complaints("yulong")

    def reopened(self):
        """T4: the demo owner's repair, rated dissatisfied, reopened, redone, rated satisfied. Early in a
        rating window it goes into the window before, among many ratings (one dissatisfied of two would
        be a 3.1 finding of its own)."""
        today = timezone.localdate(self.now)
        into = (today - bucket_of(today, 6)).days
        base = 0 if into >= 16 else into + 4
        at = lambda days, hour, minute=0: self.at(base + days, hour, minute)  # noqa: E731
        owner = User.objects.get(username="demo-owner")
        home = Membership.objects.get(user=owner, role=Role.OWNER).household
        clerk = self.clerk("yangguang")
        ticket = self.file("yangguang", "repair", "ordinary", "", "卫生间天花板渗水", at(12, 9), channel="web",
                           household=home, by=owner)  # fmt: skip
        for status, when in [(S.ACCEPTED, at(12, 9, 20)), (S.ASSIGNED, at(12, 9, 30))]:
            actions.move_ticket(clerk, ticket, status, handler=clerk, now=when)
        actions.arrive(clerk, ticket, now=at(12, 10, 30))
        actions.move_ticket(clerk, ticket, S.DONE, now=at(12, 12))
        actions.record_follow_up(owner, ticket, rating="dissatisfied", comment="还在渗水", now=at(11, 10))
        actions.move_ticket(clerk, ticket, S.ASSIGNED, handler=clerk, now=at(11, 11))
        actions.arrive(clerk, ticket, now=at(11, 14))
        actions.move_ticket(clerk, ticket, S.DONE, note="更换楼上防水层", now=at(11, 16))
        actions.record_follow_up(owner, ticket, rating="satisfied", comment="修好了", now=at(10, 10))
        actions.move_ticket(clerk, ticket, S.CLOSED, now=at(10, 11))

    def misconduct(self):
        """T5: a complaint that a guard insulted an owner, found true by the company."""
        text = "门岗保安辱骂业主并拒绝其车辆进入"
        ticket = self.file("gangcheng", "complaint", "", "misconduct", text, self.at(50, 18))
        self.handle(ticket)
        actions.record_outcome(
            self.clerk("gangcheng"),
            ticket,
            substantiated=True,
            note="调取监控核实属实，已辞退涉事保安",
            now=self.at(45, 10),
        )

    def missed_appointment(self):
        """T6: the window agreed for the next afternoon, the worker came 90 minutes after it."""
        clerk = self.clerk("beiliang")
        ticket = self.file("beiliang", "repair", "ordinary", "", "热水器不出热水", self.at(20, 9))
        actions.move_ticket(clerk, ticket, S.ACCEPTED, now=self.at(20, 9, 30))
        actions.move_ticket(clerk, ticket, S.ASSIGNED, handler=clerk, now=self.at(20, 9, 40))
        actions.make_appointment(clerk, ticket, self.at(19, 14), self.at(19, 16), now=self.at(20, 9, 45))
        actions.arrive(clerk, ticket, now=self.at(19, 17, 30))
        actions.move_ticket(clerk, ticket, S.DONE, now=self.at(19, 18, 30))
        actions.record_follow_up(clerk, ticket, rating="basic", comment="来晚了", now=self.at(18, 10))
        actions.move_ticket(clerk, ticket, S.CLOSED, now=self.at(18, 11))

    def attitude_complaints(self, key):
        """T8: enough attitude complaints in one calendar window to pass 10 per 1,000 households."""
        project = self.region.projects[key]
        today = timezone.localdate(self.now)
        window = int(param("3.1.attitude_complaints", "window", project.division_id, today))
        limit = param("3.1.attitude_complaints", "complaint_rate_limit", project.division_id, today)
        needed = project.household_count * limit // 1000 + 1
        into = (today - bucket_of(today, window)).days
        first = 2 if into >= needed + 3 else into + 2  # all in this window, or all in the one before
        for i in range(needed):
            ticket = self.file(
                key, "complaint", "", "attitude", "客服人员态度生硬，不耐烦", self.at(first + i, 16)
            )
            self.handle(ticket)
