from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class EnterprisesConfig(AppConfig):
    name = "wuye.enterprises"
    label = "enterprises"
    verbose_name = pgettext_lazy("plural", "物业服务企业")
