"""Choices of parking (2.6): where a space is, who owns it, how it changed hands."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SpaceLevel(models.TextChoices):
    ABOVE_GROUND = "above", _("地上")
    UNDER_GROUND = "under", _("地下")


class SpaceOwnership(models.TextChoices):
    COMMON = "common", _("全体业主共有")
    DEVELOPER = "developer", _("开发商")
    PRIVATE = "private", _("业主产权")


class TransferKind(models.TextChoices):
    SALE = "sale", _("出售")
    OWNERSHIP = "ownership", _("产权转让")
