from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComanagementConfig(AppConfig):
    name = "wuye.comanagement"
    label = "comanagement"
    verbose_name = _("共管事项")
