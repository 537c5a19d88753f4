"""Generic use cases shared by every registry: save a record as a user, inside his scope, atomically."""

from django.core.exceptions import PermissionDenied
from django.db import transaction


def ensure_writable(user, instance) -> None:
    """Refuse to change a record the user may not write (views turn this into 403, or 404 if unseen)."""
    if not type(instance).objects.writable_by(user).filter(pk=instance.pk).exists():
        raise PermissionDenied


@transaction.atomic
def save_record(user, instance, *, save_m2m=None):
    """Validate and save ``instance`` for ``user``; roll back if the result falls outside his write scope.

    After NetBox: the scope is checked after the save, inside the transaction, so a create or an edit
    that moves a record out of the user's reach (another enterprise, another division) never lands.
    """
    if instance.pk is not None:
        ensure_writable(user, type(instance).objects.get(pk=instance.pk))
    instance.full_clean()
    instance._history_user = user
    instance.save()
    if save_m2m:
        save_m2m()
    ensure_writable(user, instance)
    return instance
