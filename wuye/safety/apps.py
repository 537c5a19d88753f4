from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyConfig(AppConfig):
    name = "wuye.safety"
    label = "safety"
    verbose_name = _("安全管理")
