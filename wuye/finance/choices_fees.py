"""Choices of the fee records: property kinds, pricing regimes, fee items, payment methods."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PropertyKind(models.TextChoices):
    RESIDENTIAL = "residential", _("住宅")
    COMMERCIAL = "commercial", _("商业")
    OFFICE = "office", _("办公")
    OTHER = "other", _("其他")


class PricingRegime(models.TextChoices):
    GUIDED = "guided", _("政府指导价")
    MARKET = "market", _("市场调节价")


class FeeItem(models.TextChoices):
    PROPERTY_SERVICE = "property_service", _("物业服务费")
    PUBLIC_ENERGY = "public_energy", _("公共能耗分摊费")
    ELEVATOR = "elevator", _("电梯运行费")
    SECONDARY_WATER = "secondary_water", _("二次供水费")
    PARKING_MANAGEMENT = "parking_management", _("停车管理费")
    GARBAGE = "garbage", _("生活垃圾处理费")
    OTHER = "other", _("其他费用")


class PaymentMethod(models.TextChoices):
    CASH = "cash", _("现金")
    BANK = "bank", _("银行转账")
    WECHAT = "wechat", _("微信支付")
    ALIPAY = "alipay", _("支付宝")
    CARD = "card", _("刷卡")
