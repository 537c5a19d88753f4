"""Choices of the owners' surveys (3.7) and the management rating (6.M)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    OPEN = "open", _("进行中")
    CLOSED = "closed", _("已结束")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("单选")
    MULTIPLE = "multiple", _("多选")
    RATING = "rating", _("满意度评价")
    TEXT = "text", _("文字意见")


class Rating(models.TextChoices):
    """The three grades of a satisfaction question; the first two count as satisfied for 6.M."""

    SATISFIED = "satisfied", _("满意")
    BASIC = "basic", _("基本满意")
    DISSATISFIED = "dissatisfied", _("不满意")


SATISFIED_RATINGS = (Rating.SATISFIED, Rating.BASIC)


class Topic(models.TextChoices):
    """What a question is about; answers to management rating questions feed clause 6.M."""

    MANAGEMENT = "management", _("管理人员")
    ATTITUDE = "attitude", _("服务态度")
    CLEANING = "cleaning", _("环境卫生")
    SECURITY = "security", _("秩序维护")
    GREENING = "greening", _("绿化养护")
    REPAIRS = "repairs", _("维修服务")
    FEES = "fees", _("收费")
    OTHER = "other", _("其他")


class ResponseSource(models.TextChoices):
    """How an answer came in: the owner online, or a paper form typed in by staff."""

    ONLINE = "online", _("线上填写")
    PAPER = "paper", _("纸质问卷录入")
