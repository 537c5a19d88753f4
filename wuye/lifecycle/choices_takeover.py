"""Choices of the takeover workflow (2.1–2.3): its steps, the inspection's areas and results, who fixes a problem.

The documents the developer hands over are the Art. 29 categories of the archive (物业管理条例 Art. 29):
the first six of ``safety.choices_plans.ArchiveCategory``, reused, not copied.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wuye.safety.choices_plans import ArchiveCategory

# 物业管理条例 Art. 29: what the developer hands over before the acceptance inspection.
ART_29_CATEGORIES = [
    ArchiveCategory.COMPLETION_SITE_PLAN,
    ArchiveCategory.COMPLETION_DRAWINGS,
    ArchiveCategory.UTILITIES_PIPE_DRAWINGS,
    ArchiveCategory.EQUIPMENT_RECORDS,
    ArchiveCategory.WARRANTY_USAGE_DOCUMENTS,
    ArchiveCategory.OTHER_MANAGEMENT_RECORDS,
]
ART_29_CHOICES = [(category.value, category.label) for category in ART_29_CATEGORIES]


class TakeoverStatus(models.TextChoices):
    REGISTERED = "registered", _("合同已登记")
    INSPECTING = "inspecting", _("承接查验中")
    AGREED = "agreed", _("已签订查验协议")
    FILED = "filed", _("已备案")
    CANCELLED = "cancelled", _("已撤销")


class InspectionArea(models.TextChoices):
    """The three lists of the checklist; each is a catalogue parameter of 2.3.inspection_recorded."""

    BUILDING_PARTS = "shared_building_parts", _("共用部位")
    EQUIPMENT = "shared_equipment", _("共用设施设备")
    FACILITIES = "shared_facilities", _("共用配套设施")


# The Chinese names of the catalogue's list items (an item the catalogue adds later shows its code).
INSPECTION_ITEMS = {
    "foundation": _("基础"),
    "load_bearing_walls": _("承重墙体"),
    "columns": _("柱"),
    "beams": _("梁"),
    "slabs": _("楼板"),
    "roof": _("屋顶"),
    "facade": _("外墙"),
    "lobbies": _("门厅"),
    "stairwells": _("楼梯间"),
    "corridors": _("走廊通道"),
    "lift_shafts": _("电梯井"),
    "plant_rooms": _("设备间"),
    "lifts": _("电梯"),
    "pumps": _("水泵"),
    "tanks": _("水箱"),
    "lightning_protection": _("避雷设施"),
    "fire_equipment": _("消防设备"),
    "generators": _("发电机"),
    "power_distribution": _("供配电设施"),
    "water_drainage_pipes": _("给排水管线"),
    "heating": _("供暖设施"),
    "roads": _("道路"),
    "green_areas": _("绿地"),
    "fences_gates": _("围墙大门"),
    "street_lights": _("路灯"),
    "drains": _("沟渠"),
    "manholes": _("井盖"),
    "septic_tanks": _("化粪池"),
    "parking": _("停车场"),
    "cctv": _("监控设施"),
    "civil_defence_works": _("人防工程"),
    "management_rooms": _("物业管理用房"),
}


def item_name(code: str) -> str:
    return str(INSPECTION_ITEMS.get(code, code))


class InspectionResult(models.TextChoices):
    OK = "ok", _("合格")
    PROBLEM = "problem", _("有问题")
    NOT_APPLICABLE = "na", _("不适用")


class FixParty(models.TextChoices):
    DEVELOPER = "developer", _("建设单位")
    COMPANY = "company", _("物业服务企业")
