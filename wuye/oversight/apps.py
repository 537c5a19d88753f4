from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "wuye.oversight"
    label = "oversight"
    verbose_name = _("监管")

    def ready(self):
        from wuye.compliance.signals import scores_computed
        from wuye.oversight.stats_dashboard import on_scores_computed

        # compliance never imports oversight: the dashboard's figures follow each scoring run by signal.
        scores_computed.connect(on_scores_computed, dispatch_uid="oversight-division-stats")
