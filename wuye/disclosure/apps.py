from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "wuye.disclosure"
    label = "disclosure"
    verbose_name = _("公示")

    def ready(self):
        from wuye.disclosure.invalidation import register

        register()
