"""Checks of the safety duties, registered with the compliance engine."""

from collections import defaultdict

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.compliance.duties import Gap, edge_gaps, gaps_between_records
from wuye.compliance.parameters import param
from wuye.compliance.registry import Check, FindingDraft, register
from wuye.compliance.wording import duration, moment
from wuye.estates.models import ServicePeriod
from wuye.safety.models import Defect, PowerRoom, PowerRound


def serving_enterprise(project_ids):
    """A function (project id, moment) → the enterprise serving it then; one query for all projects."""
    periods = defaultdict(list)
    rows = ServicePeriod.objects.filter(project_id__in=project_ids).values_list(
        "project_id", "start", "end", "enterprise_id"
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


@register("4.8.round_gap")
class PowerRoundGap(Check):
    """No gap between power rounds longer than period + grace (1 h + 15 min), back-filled rounds aside."""

    incremental = True
    ends_when_gone = False

    def run(self, as_of, projects):
        # Gaps between rounds change only where rounds were added (the projects given); the open gap
        # of every room is looked at each time, since its deadline passes without any new record.
        today = timezone.localdate(as_of)
        rooms = PowerRoom.objects.filter(active=True, in_service_from__lte=today).select_related("project")
        groups = defaultdict(list)
        for room in rooms:
            settings = tuple(
                param(self.check_id, name, room.project.division_id, today)
                for name in ("period", "grace", "backfill_fulfils")
            )
            groups[settings].append(room)
        enterprise_at = serving_enterprise({room.project_id for room in rooms})
        for (period, grace, fulfils), group in groups.items():
            limit = period + grace
            info = {room.pk: room for room in group}
            records = PowerRound.objects.filter(
                power_room_id__in=info, occurred_at__lte=as_of, corrections__isnull=True
            )
            if not fulfils:
                records = records.filter(backfilled=False)
            changed = records if projects is None else records.filter(power_room__project_id__in=projects)
            gaps = gaps_between_records(changed, "power_room_id", limit)
            gaps += edge_gaps(
                PowerRoom.objects.filter(pk__in=info),
                records,
                "power_room_id",
                "in_service_from",
                as_of,
                limit,
            )
            applied = {"period": str(period), "grace": str(grace), "backfill_fulfils": fulfils}
            for gap in gaps:
                yield self.draft(gap, info[gap.subject_id], limit, as_of, applied, enterprise_at)

    def draft(self, gap: Gap, room, limit, as_of, applied, enterprise_at):
        end = gap.end or as_of
        if gap.end is None:
            message = _("自%(start)s起%(room)s无巡视记录（至%(now)s已%(gap)s），超过规定间隔%(limit)s") % {
                "start": moment(gap.start),
                "room": room.name,
                "now": moment(as_of),
                "gap": duration(end - gap.start),
                "limit": duration(limit),
            }
        else:
            message = _("%(start)s 至 %(end)s %(room)s无巡视记录，间隔%(gap)s，超过规定间隔%(limit)s") % {
                "start": moment(gap.start),
                "end": moment(gap.end, same_day_as=gap.start),
                "room": room.name,
                "gap": duration(end - gap.start),
                "limit": duration(limit),
            }
        evidence = [f"safety.powerround:{pk}" for pk in (gap.before_id, gap.after_id) if pk]
        return FindingDraft(
            check_id=self.check_id,
            subject=f"powerroom:{room.pk}",
            subject_name=str(room),
            period_start=gap.start,
            period_end=gap.end,
            message=message,
            project_id=room.project_id,
            enterprise_id=enterprise_at(room.project_id, gap.start),
            division_id=room.project.division_id,
            evidence=evidence,
            parameters=applied,
        )


@register("4.8.defect_fixed")
class PowerDefectOverdue(Check):
    """A fault found in a power round repaired or reported by its deadline (24 h by default)."""

    def run(self, as_of, projects):
        late = Defect.objects.filter(check_id=self.check_id, deadline__lt=as_of).filter(
            Q(fixed_at__isnull=True) | Q(fixed_at__gt=F("deadline"))
        )
        late = late.select_related("project")
        enterprise_at = serving_enterprise(set(late.values_list("project_id", flat=True)))
        for defect in late:
            fixed = defect.fixed_at if defect.fixed_at and defect.fixed_at <= as_of else None
            message = _("%(where)s %(found)s发现的问题“%(problem)s”未在期限%(deadline)s前处理") % {
                "where": defect.subject_name,
                "found": moment(defect.found_at),
                "problem": defect.description[:60],
                "deadline": moment(defect.deadline),
            }
            yield FindingDraft(
                check_id=self.check_id,
                subject=f"defect:{defect.pk}",
                subject_name=defect.subject_name,
                period_start=defect.deadline,
                period_end=fixed,
                message=message,
                project_id=defect.project_id,
                enterprise_id=enterprise_at(defect.project_id, defect.found_at),
                division_id=defect.project.division_id,
                evidence=[defect.source],
                parameters={"fix_deadline": str(defect.deadline - defect.found_at)},
            )
