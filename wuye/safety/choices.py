from django.db import models
from django.utils.translation import gettext_lazy as _


class SupplyState(models.TextChoices):
    RUNNING = "running", _("运行")
    STANDBY = "standby", _("备用")
    STOPPED = "stopped", _("停用")
