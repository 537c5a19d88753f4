from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectKind(models.TextChoices):
    RESIDENTIAL = "residential", _("住宅小区")
    MIXED = "mixed", _("商住混合")
    OFFICE = "office", _("办公楼宇")
    OTHER = "other", _("其他")


class PartyAKind(models.TextChoices):
    DEVELOPER = "developer", _("建设单位")
    COMMITTEE = "committee", _("业主委员会")


class CommitteePosition(models.TextChoices):
    DIRECTOR = "director", _("主任")
    DEPUTY = "deputy", _("副主任")
    MEMBER = "member", _("委员")
