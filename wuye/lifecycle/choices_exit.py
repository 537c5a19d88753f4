"""Choices of the exit part."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExitStatus(models.TextChoices):
    NOTIFIED = "notified", _("已告知")
    HANDING_OVER = "handing_over", _("交接中")
    HANDED_OVER = "handed_over", _("已交接")
    CLOSED = "closed", _("已办结")


class ReceiverKind(models.TextChoices):
    COMMITTEE = "committee", _("业主委员会")
    SUCCESSOR = "successor", _("新物业服务企业")


class HandoverKind(models.TextChoices):
    ROOMS = "rooms", _("物业管理用房")
    RECORDS = "records", _("《物业管理条例》第二十九条资料")
    KEYS = "keys", _("钥匙")
    EQUIPMENT_FILES = "equipment_files", _("设施设备档案")
    OWNER_REGISTER = "owner_register", _("业主名册")


class RefundMethod(models.TextChoices):
    CASH = "cash", _("现金")
    TRANSFER = "transfer", _("银行转账")
    WECHAT = "wechat", _("微信")
    ALIPAY = "alipay", _("支付宝")
