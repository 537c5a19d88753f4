from django.db import models
from django.utils.translation import gettext_lazy as _


class DivisionLevel(models.TextChoices):
    PROVINCE = "province", _("自治区")
    LEAGUE = "league", _("盟市")
    COUNTY = "county", _("旗县区")
