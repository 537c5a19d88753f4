from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnterprisesConfig(AppConfig):
    name = "wuye.enterprises"
    label = "enterprises"
    verbose_name = _("物业服务企业")
