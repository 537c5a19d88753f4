"""Use case of the regulator's events: a regulator records one (only regulators may)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from wuye.comanagement.models import RegulatorEvent
from wuye.core.scoping import scope_of


def may_record_events(user) -> bool:
    return scope_of(user).oversees


@transaction.atomic
def record_event(user, event: RegulatorEvent) -> RegulatorEvent:
    """Refused (403) for anyone but a regulator, and for a project or enterprise outside his divisions."""
    if not may_record_events(user):
        raise PermissionDenied
    event.full_clean()
    event.recorded_by = user
    event.save()
    if not RegulatorEvent.objects.writable_by(user).filter(pk=event.pk).exists():
        raise PermissionDenied  # rolls back: nothing written
    return event
