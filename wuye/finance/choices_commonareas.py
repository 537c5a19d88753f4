"""Choices of the common parts' uses (2.5), and the statement account each kind's income goes to."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UseKind(models.TextChoices):
    ADVERTISING = "advertising", _("广告")
    RENTED_ROOM = "rented_room", _("公共用房出租")
    TELECOM = "telecom", _("通信基站")
    VENUE = "venue", _("场地经营")
    CHANGE_OF_USE = "change_of_use", _("改变用途")
    OTHER = "other", _("其他")


# The level-2 account of the default tree (data/default_accounts.json) each kind's income is shown on;
# kinds with no natural one are shown on the level-1 total of common income only.
COMMON_INCOME = "4002"
INCOME_ACCOUNT = {
    UseKind.ADVERTISING: "4002.01",
    UseKind.RENTED_ROOM: "4002.02",
    UseKind.TELECOM: "4002.03",
}


def income_account(kind: str) -> str:
    return INCOME_ACCOUNT.get(kind, COMMON_INCOME)
