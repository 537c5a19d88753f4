"""Choices of clause 4.3 (fire equipment, passages) and 4.4 (lightning and flood protection)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FireEquipmentKind(models.TextChoices):
    EXTINGUISHER = "extinguisher", _("灭火器")
    HYDRANT = "hydrant", _("消火栓")
    ALARM_SYSTEM = "alarm_system", _("火灾自动报警系统")
    SPRINKLER_SYSTEM = "sprinkler_system", _("自动喷水灭火系统")
    SMOKE_CONTROL = "smoke_control", _("防排烟系统")
    EMERGENCY_LIGHTING = "emergency_lighting", _("应急照明和疏散指示")
    FIRE_DOOR = "fire_door", _("防火门")
    CONTROL_ROOM = "control_room", _("消防控制室")


# The fire systems tested in full once a year by a qualified body (消防法 Art. 16; GB 25201-2010 §7.1.1).
FULL_TEST_KINDS = (
    FireEquipmentKind.ALARM_SYSTEM,
    FireEquipmentKind.SPRINKLER_SYSTEM,
    FireEquipmentKind.SMOKE_CONTROL,
)


class ExtinguisherType(models.TextChoices):
    """The extinguisher types of GB 50444-2008 §5.4.3, each with its scrapping age (``max_age_<type>``)."""

    WATER_BASED = "water_based", _("水基型")
    DRY_POWDER = "dry_powder", _("干粉")
    CLEAN_AGENT = "clean_agent", _("洁净气体")
    CO2 = "co2", _("二氧化碳")


class CheckResult(models.TextChoices):
    OK = "ok", _("正常")
    FAULTY = "faulty", _("故障")


class PassageOutcome(models.TextChoices):
    CLEAR = "clear", _("畅通")
    BLOCKED = "blocked", _("占用")


class TestResult(models.TextChoices):
    PASSED = "passed", _("合格")
    FAILED = "failed", _("不合格")


class LightningKind(models.TextChoices):
    BUILDING = "building", _("建筑物防雷装置")
    AIR_TERMINAL = "air_terminal", _("接闪器（避雷针、带、网）")
    EARTHING = "earthing", _("接地装置")
    SURGE_PROTECTOR = "surge_protector", _("电涌保护器")


class FloodKind(models.TextChoices):
    FLOOD_BARRIER = "flood_barrier", _("挡水板")
    SANDBAGS = "sandbags", _("防汛沙袋")
    DRAINAGE_PUMP = "drainage_pump", _("排水泵")
    RAIN_DRAIN = "rain_drain", _("雨水排放设施")
    WATER_GATE = "water_gate", _("防水闸门")
