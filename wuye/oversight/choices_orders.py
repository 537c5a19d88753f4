"""Choices of rectification orders (整改通知): the steps of an order."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrderStatus(models.TextChoices):
    ISSUED = "issued", _("待整改")
    ANSWERED = "answered", _("待验收")
    REOPENED = "reopened", _("退回重改")
    ACCEPTED = "accepted", _("已验收")
