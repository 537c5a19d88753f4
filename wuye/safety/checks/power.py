"""Checks of clause 4.8: power rooms inspected every hour, faults fixed by their deadline."""

from django.utils.translation import gettext_lazy

from wuye.compliance.registry import register
from wuye.safety.checks.base import DefectOverdue, RollingCheck
from wuye.safety.models import PowerRoom, PowerRound


@register("4.8.round_gap")
class PowerRoundGap(RollingCheck):
    """No gap between power rounds longer than period + grace (1 h + 15 min), back-filled rounds aside."""

    subject_model = PowerRoom
    subject_field = "power_room_id"
    subject_kind = "powerroom"
    evidence_label = "safety.powerround"
    open_message = gettext_lazy(
        "自%(start)s起%(subject)s无巡视记录（至%(now)s已%(gap)s），超过规定间隔%(limit)s"
    )
    closed_message = gettext_lazy(
        "%(start)s 至 %(end)s %(subject)s无巡视记录，间隔%(gap)s，超过规定间隔%(limit)s"
    )

    def records(self, as_of, fulfils):
        # A corrected round does not count. NOT IN over the few corrections is one hashed lookup per row
        # on PostgreSQL; the LEFT JOIN of ``corrections__isnull`` became an anti-join that read the
        # whole table a second time.
        corrected = PowerRound.objects.filter(corrects__isnull=False).values("corrects_id")
        records = PowerRound.objects.filter(occurred_at__lte=as_of).exclude(pk__in=corrected)
        return records if fulfils else records.filter(backfilled=False)

    def changed(self, subject_ids, as_of, since):
        # Found by the time received (its index), for every room: the few rows are sorted out after.
        # A round claiming a time after the last run's as_of was received after ``since.received`` too.
        rounds = PowerRound.objects.filter(occurred_at__lte=as_of)
        return [
            rounds.filter(recorded_at__gte=since.received),
            # A new correction takes the round it corrects out.
            rounds.filter(corrections__recorded_at__gte=since.received),
        ]


@register("4.8.defect_fixed")
class PowerDefectOverdue(DefectOverdue):
    """A fault found in a power round repaired or reported by its deadline (24 h by default)."""
