"""Date periods with inclusive ends (an empty end means open-ended), as contracts and service periods use,
and which enterprise served a project at a moment (every duty app's checks ask)."""

from collections import defaultdict

from django.db.models import Q
from django.utils import timezone


def overlapping(queryset, period):
    """The first row of ``queryset`` (other than ``period``) whose dates overlap it, or None."""
    others = queryset.exclude(pk=period.pk) if period.pk else queryset
    others = others.filter(Q(end__isnull=True) | Q(end__gte=period.start))
    if period.end:
        others = others.filter(start__lte=period.end)
    return others.order_by("start").first()


def serving_enterprise(project_ids):
    """A function (project id, moment) → the enterprise serving it then; one query for all projects."""
    periods = defaultdict(list)
    rows = (
        _service_periods()
        .filter(project_id__in=project_ids)
        .values_list("project_id", "start", "end", "enterprise_id")
    )
    for project_id, start, end, enterprise_id in rows:
        periods[project_id].append((start, end, enterprise_id))

    def at(project_id, when):
        day = timezone.localtime(when).date()
        for start, end, enterprise_id in periods[project_id]:
            if start <= day and (end is None or day <= end):
                return enterprise_id
        return None

    return at


def _service_periods():
    from wuye.estates.models import ServicePeriod  # models import this module's helpers

    return ServicePeriod.objects
