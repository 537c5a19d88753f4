from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "wuye.oversight"
    label = "oversight"
    verbose_name = _("监管")

    def ready(self):
        from wuye.compliance.signals import scores_computed
        from wuye.oversight.stats_dashboard import on_scores_computed
        from wuye.oversight.views_credit_public import bump_version

        # compliance never imports oversight: the dashboard's figures and the public credit pages' cache
        # version follow each scoring run by signal.
        scores_computed.connect(on_scores_computed, dispatch_uid="oversight-division-stats")
        scores_computed.connect(bump_version, dispatch_uid="oversight-public-credit-version")
