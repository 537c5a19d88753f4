"""Use cases of clauses 1.2 and 3.3: the centre's roster (planned ahead, never the past) and what the
checks and pages share about it."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from wuye.compliance.duties import start_of_day
from wuye.compliance.rosters import plan_shifts, unplan_shift
from wuye.estates.permissions import can_record_duties
from wuye.servicedesk.models import CentreShift, ServiceCentre


def roster_start(centre: ServiceCentre):
    """From when a centre's roster must cover every moment: 00:00 of its first day (check and pages)."""
    return start_of_day(centre.opened_on)


def ensure_can_plan(user, centre: ServiceCentre) -> None:
    """The roster is planned by those who record the project's duties: its staff and the serving managers."""
    if not ServiceCentre.objects.visible_to(user).filter(pk=centre.pk).exists():
        raise PermissionDenied
    if not can_record_duties(user, centre.project_id):
        raise PermissionDenied


@transaction.atomic
def add_centre_shifts(
    user, centre: ServiceCentre, *, attendant: str, starts_at, ends_at, repeat_days: int = 0, now=None
) -> list[CentreShift]:
    """Put someone on the centre's roster, once or on each of the next ``repeat_days`` days (3.3.duty_roster
    compares the past with it)."""
    ensure_can_plan(user, centre)
    return plan_shifts(
        user,
        lambda start, end: CentreShift(
            centre=centre, attendant=attendant.strip(), starts_at=start, ends_at=end
        ),
        starts_at=starts_at,
        ends_at=ends_at,
        repeat_days=repeat_days,
        now=now or timezone.now(),
    )


@transaction.atomic
def remove_centre_shift(user, shift: CentreShift, *, now=None) -> None:
    """Take a shift off the roster; only one that has not begun (the past stays as it was planned)."""
    now = now or timezone.now()
    if not CentreShift.objects.visible_to(user).filter(pk=shift.pk).exists():
        raise PermissionDenied
    shift = CentreShift.objects.select_for_update().select_related("centre").get(pk=shift.pk)
    ensure_can_plan(user, shift.centre)
    unplan_shift(user, shift, now=now)
