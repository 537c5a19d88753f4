"""The words of the ticket pipeline: kinds, urgencies, complaint categories, channels, statuses, ratings."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TicketKind(models.TextChoices):
    REPAIR = "repair", _("报修")
    HELP = "help", _("求助")
    INQUIRY = "inquiry", _("问询")
    COMPLAINT = "complaint", _("投诉")
    SUGGESTION = "suggestion", _("建议")


class Urgency(models.TextChoices):
    ORDINARY = "ordinary", _("一般")
    URGENT = "urgent", _("紧急")


class ComplaintCategory(models.TextChoices):
    ATTITUDE = "attitude", _("服务态度")
    MISCONDUCT = "misconduct", _("违纪刁难")
    FEES = "fees", _("收费")
    NOISE = "noise", _("噪音")
    HYGIENE = "hygiene", _("环境卫生")
    SAFETY = "safety", _("安全")
    OTHER = "other", _("其他")


class TicketChannel(models.TextChoices):
    """How the owner asked (not how the record reached the server: that is the evidence channel)."""

    WEB = "web", _("业主网上提交")
    PHONE = "phone", _("电话")
    WALK_IN = "walk_in", _("来访")
    LETTER = "letter", _("来信")


class TicketStatus(models.TextChoices):
    RECEIVED = "received", _("已受理登记")
    ACCEPTED = "accepted", _("已接单")
    ASSIGNED = "assigned", _("已派单")
    ON_SITE = "on_site", _("已到场")
    DONE = "done", _("已办结")
    FOLLOWED_UP = "followed_up", _("已回访")
    CLOSED = "closed", _("已关闭")
    WITHDRAWN = "withdrawn", _("已撤回")


class EventKind(models.TextChoices):
    MOVE = "move", _("状态变更")
    APPOINTMENT = "appointment", _("预约")
    OUTCOME = "outcome", _("核实结果")
    AMEND = "amend", _("补正登记")
    COMMENT = "comment", _("业委会意见")
    ESCALATION = "escalation", _("提请监管部门")


class FollowUpMethod(models.TextChoices):
    PHONE = "phone", _("电话回访")
    OWNER = "owner", _("业主评价")


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASIC = "basic", _("基本满意")
    DISSATISFIED = "dissatisfied", _("不满意")


# Kinds whose request concerns a dwelling: without a household the record is incomplete (6.R).
HOUSEHOLD_KINDS = frozenset({TicketKind.REPAIR, TicketKind.HELP})
# Kinds answered without a visit: accepted → done directly (an answer).
ANSWER_ONLY_KINDS = frozenset({TicketKind.INQUIRY, TicketKind.SUGGESTION})
# Kinds followed up after completion (3.3: "completed repair or complaint").
FOLLOW_UP_KINDS = frozenset({TicketKind.REPAIR, TicketKind.COMPLAINT})
# Statuses of a ticket still being handled.
OPEN_STATUSES = frozenset(
    {TicketStatus.RECEIVED, TicketStatus.ACCEPTED, TicketStatus.ASSIGNED, TicketStatus.ON_SITE}
)
