"""The regulator's events as findings (1.8, 3.6, 3.8): each event a regulator records is one finding of
the check its kind feeds (``choices_events.CHECK_OF_KIND``), dated on the day it occurred, against the
enterprise the regulator named. The enterprise appeals it like any finding; an event deleted from the
record withdraws its finding. One query per check."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.comanagement.choices_events import kinds_of
from wuye.comanagement.models import RegulatorEvent
from wuye.compliance.duties import start_of_day
from wuye.compliance.registry import Check, FindingDraft, register


class EventCheck(Check):
    ends_when_gone = False

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        events = (
            RegulatorEvent.objects.filter(kind__in=kinds_of(self.check_id), occurred_on__lte=today)
            .select_related("enterprise", "project")
            .order_by("occurred_on", "pk")
        )
        for event in events:
            where = event.project.name if event.project_id else event.enterprise.name
            yield FindingDraft(
                check_id=self.check_id,
                subject=f"regulatorevent:{event.pk}",
                subject_name=f"{where} {event}",
                period_start=start_of_day(event.occurred_on),
                period_end=start_of_day(event.occurred_on + datetime.timedelta(days=1)),
                message=_("监管部门记录%(where)s%(kind)s（%(day)s，来源：%(source)s）：%(description)s")
                % {
                    "where": where,
                    "kind": event.get_kind_display(),
                    "day": event.occurred_on,
                    "source": event.source,
                    "description": event.description.strip()[:100],
                },
                project_id=event.project_id,
                enterprise_id=event.enterprise_id,
                division_id=event.project.division_id if event.project_id else event.enterprise.division_id,
                evidence=[f"comanagement.regulatorevent:{event.pk}"],
                parameters={},
            )


@register("3.6.regulator_event")
class RegulatorEventFound(EventCheck):
    """A petition, major dispute or court judgment against the company recorded by a regulator."""


@register("3.8.malicious_incident")
class MaliciousIncident(EventCheck):
    """A malicious incident recorded by a regulator."""


@register("3.8.negative_press")
class NegativePress(EventCheck):
    """Negative press recorded by a regulator."""


@register("1.8.internal_relations")
class LabourRuling(EventCheck):
    """A labour-dispute ruling against the company recorded by a regulator (the staff turnover indicator,
    ``turnover_window``, is shown with the enterprise and scores nothing)."""
