"""Choices of the half-year income and expense statements (1.6)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AccountKind(models.TextChoices):
    INCOME = "income", _("收入")
    EXPENSE = "expense", _("支出")


class Half(models.IntegerChoices):
    FIRST = 1, pgettext_lazy("half of a year", "上半年")
    SECOND = 2, pgettext_lazy("half of a year", "下半年")


class StatementStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已公布")
    SUPERSEDED = "superseded", _("已更正")
