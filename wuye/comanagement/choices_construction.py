"""Choices of the construction part (5.1): where a case stands, how it ended."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    FOUND = "found", _("已发现")
    WARNED = "warned", _("已劝阻警告")
    REPORTED = "reported", _("已报告主管部门")
    ANSWERED = "answered", _("主管部门已答复")
    CLOSED = "closed", _("已结案")


class Outcome(models.TextChoices):
    NONE = "", _("未结案")
    STOPPED = "stopped", _("业主自行停工")
    RESTORED = "restored", _("已拆除恢复原状")
    ENFORCED = "enforced", _("由主管部门依法处理")
    OTHER = "other", _("其他")


# Each move a case may make; every move is a row (CaseMove).
TRANSITIONS = {
    "": {CaseStatus.FOUND},
    CaseStatus.FOUND: {CaseStatus.WARNED, CaseStatus.REPORTED},
    CaseStatus.WARNED: {CaseStatus.REPORTED, CaseStatus.CLOSED},
    CaseStatus.REPORTED: {CaseStatus.ANSWERED, CaseStatus.CLOSED},
    CaseStatus.ANSWERED: {CaseStatus.CLOSED},
    CaseStatus.CLOSED: set(),
}
