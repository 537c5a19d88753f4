"""Choices of the regulator's events (1.8, 3.6, 3.8): each kind feeds one catalogue check."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    PETITION = "petition", _("群体上访")
    MAJOR_DISPUTE = "dispute", _("重大纠纷")
    COURT_JUDGMENT = "judgment", _("败诉判决")
    MALICIOUS_INCIDENT = "malicious", _("恶性事件")
    NEGATIVE_PRESS = "press", _("负面报道")
    LABOUR_RULING = "labour", _("劳动争议裁决")


CHECK_OF_KIND = {
    EventKind.PETITION: "3.6.regulator_event",
    EventKind.MAJOR_DISPUTE: "3.6.regulator_event",
    EventKind.COURT_JUDGMENT: "3.6.regulator_event",
    EventKind.MALICIOUS_INCIDENT: "3.8.malicious_incident",
    EventKind.NEGATIVE_PRESS: "3.8.negative_press",
    EventKind.LABOUR_RULING: "1.8.internal_relations",
}


def kinds_of(check_id: str) -> list[str]:
    return [kind for kind, check in CHECK_OF_KIND.items() if check == check_id]
