from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LifecycleConfig(AppConfig):
    name = "wuye.lifecycle"
    label = "lifecycle"
    verbose_name = _("收接与退出")
