"""Choices of clauses 3.4 (emergency plans, incidents, stoppages), 3.5 (archive) and 4.5 (vehicles)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanType(models.TextChoices):
    """What an emergency plan (and a drill, an incident) is about. The first four are required (3.4)."""

    FIRE = "fire", _("火灾")
    ELEVATOR_FAILURE = "elevator_failure", _("电梯故障")
    WATER_OUTAGE = "water_outage", _("停水")
    POWER_OUTAGE = "power_outage", _("停电")
    FLOOD = "flood", _("防汛内涝")
    GAS_LEAK = "gas_leak", _("燃气泄漏")
    PUBLIC_HEALTH = "public_health", _("公共卫生")
    SNOWSTORM = "snowstorm", _("暴雪寒潮")
    PUBLIC_SECURITY = "public_security", _("治安事件")
    OTHER = "other", _("其他")


class PlanReviewKind(models.TextChoices):
    APPROVAL = "approval", _("批准")
    REVIEW = "review", _("复核")


class StoppageKind(models.TextChoices):
    WATER = "water", _("停水")
    POWER = "power", _("停电")


class NoticeMethod(models.TextChoices):
    NOTICE_BOARD = "notice_board", _("公告栏张贴")
    SMS = "sms", _("短信")
    WECHAT = "wechat", _("微信群")
    APP = "app", _("物业APP")
    DOOR_TO_DOOR = "door_to_door", _("上门告知")
    OTHER = "other", _("其他")


class ArchiveCategory(models.TextChoices):
    """物业管理条例 Art. 29 (the first six), then what the platform asks for besides (3.5)."""

    COMPLETION_SITE_PLAN = "completion_site_plan", _("竣工总平面图")
    COMPLETION_DRAWINGS = "completion_drawings", _("单体建筑、结构、设备竣工图")
    UTILITIES_PIPE_DRAWINGS = "utilities_pipe_drawings", _("配套设施、地下管网工程竣工图")
    EQUIPMENT_RECORDS = "equipment_records", _("设施设备安装、使用和维护保养技术资料")
    WARRANTY_USAGE_DOCUMENTS = "warranty_usage_documents", _("物业质量保修文件和物业使用说明文件")
    OTHER_MANAGEMENT_RECORDS = "other_management_records", _("物业管理所必需的其他资料")
    ACCEPTANCE_INSPECTION_RECORDS = "acceptance_inspection_records", _("承接查验记录")
    OWNER_REGISTER = "owner_register", _("业主名册")
    OTHER = "other", _("其他")


class VehicleKind(models.TextChoices):
    MOTOR = "motor", _("机动车")
    NON_MOTOR = "non_motor", _("非机动车")


class ReviewVerdict(models.TextChoices):
    ACCEPTED = "accepted", _("认可")
    REJECTED = "rejected", _("不认可")


def label_of(choices, code: str) -> str:
    """The label of a code, or the code itself where a region's parameter names one the platform lacks."""
    return str(dict(choices.choices).get(code, code))
