"""Date periods with inclusive ends (an empty end means open-ended), as contracts and service periods use."""

from django.db.models import Q


def overlapping(queryset, period):
    """The first row of ``queryset`` (other than ``period``) whose dates overlap it, or None."""
    others = queryset.exclude(pk=period.pk) if period.pk else queryset
    others = others.filter(Q(end__isnull=True) | Q(end__gte=period.start))
    if period.end:
        others = others.filter(start__lte=period.end)
    return others.order_by("start").first()
