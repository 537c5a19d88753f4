"""Checks of the safety duties, registered with the compliance engine."""

from collections import defaultdict

from django.db.models import F, Max, Min, OuterRef, Q, RowRange, Subquery, Window
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.compliance.duties import Gap, edge_gaps, gaps_between_records, start_of_day
from wuye.compliance.parameters import param
from wuye.compliance.registry import Check, FindingDraft, register
from wuye.compliance.wording import duration, moment
from wuye.estates.models import ServicePeriod
from wuye.safety.models import (
    CameraCheck,
    Defect,
    DutyShift,
    Entrance,
    PatrolRound,
    PatrolRoute,
    PowerRoom,
    PowerRound,
)


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


class RollingCheck(Check):
    """A duty done "at most period + grace apart" by records of subjects (power rooms, patrol routes).

    Subclasses name the subject model, the fulfilling records (``records``) and the field that links
    a record to its subject, and how a gap is put in words. Gaps between records change only where
    records were added (the projects given); the open gap of every subject is looked at each time,
    since its deadline passes without any new record.
    """

    incremental = True
    ends_when_gone = False
    subject_model = None
    subject_field = ""  # the record's link to its subject: "power_room_id"
    subject_kind = ""  # "powerroom"
    evidence_label = ""  # "safety.powerround"
    closed_message = ""
    open_message = ""

    def records(self, subject_ids, as_of, fulfils: bool):
        raise NotImplementedError

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        subjects = self.subject_model.objects.filter(active=True, in_service_from__lte=today).select_related(
            "project"
        )
        groups = defaultdict(list)
        for subject in subjects:
            settings = tuple(
                param(self.check_id, name, subject.project.division_id, today)
                for name in ("period", "grace", "backfill_fulfils")
            )
            groups[settings].append(subject)
        enterprise_at = serving_enterprise({subject.project_id for subject in subjects})
        for (period, grace, fulfils), group in groups.items():
            limit = period + grace
            info = {subject.pk: subject for subject in group}
            records = self.records(info, as_of, fulfils)
            link = self.subject_field.removesuffix("_id")
            changed = records if projects is None else records.filter(**{f"{link}__project_id__in": projects})
            gaps = gaps_between_records(changed, self.subject_field, limit)
            gaps += edge_gaps(
                self.subject_model.objects.filter(pk__in=info),
                records,
                self.subject_field,
                "in_service_from",
                as_of,
                limit,
            )
            applied = {"period": str(period), "grace": str(grace), "backfill_fulfils": fulfils}
            for gap in gaps:
                yield self.draft(gap, info[gap.subject_id], limit, as_of, applied, enterprise_at)

    def draft(self, gap: Gap, subject, limit, as_of, applied, enterprise_at):
        end = gap.end or as_of
        words = {
            "start": moment(gap.start),
            "subject": subject.name,
            "gap": duration(end - gap.start),
            "limit": duration(limit),
        }
        if gap.end is None:
            message = self.open_message % {**words, "now": moment(as_of)}
        else:
            message = self.closed_message % {**words, "end": moment(gap.end, same_day_as=gap.start)}
        evidence = [f"{self.evidence_label}:{pk}" for pk in (gap.before_id, gap.after_id) if pk]
        return FindingDraft(
            check_id=self.check_id,
            subject=f"{self.subject_kind}:{subject.pk}",
            subject_name=str(subject),
            period_start=gap.start,
            period_end=gap.end,
            message=message,
            project_id=subject.project_id,
            enterprise_id=enterprise_at(subject.project_id, gap.start),
            division_id=subject.project.division_id,
            evidence=evidence,
            parameters=applied,
        )


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

    def records(self, subject_ids, as_of, fulfils):
        records = PowerRound.objects.filter(
            power_room_id__in=subject_ids, occurred_at__lte=as_of, corrections__isnull=True
        )
        return records if fulfils else records.filter(backfilled=False)


@register("4.1.patrol_gap")
class PatrolGap(RollingCheck):
    """No gap between complete patrol rounds of a route longer than period + grace (2 h + 30 min)."""

    subject_model = PatrolRoute
    subject_field = "route_id"
    subject_kind = "patrolroute"
    evidence_label = "safety.patrolround"
    open_message = gettext_lazy(
        "自%(start)s起“%(subject)s”无完整巡更（至%(now)s已%(gap)s），超过规定间隔%(limit)s"
    )
    closed_message = gettext_lazy(
        "%(start)s 至 %(end)s “%(subject)s”无完整巡更，间隔%(gap)s，超过规定间隔%(limit)s"
    )

    def records(self, subject_ids, as_of, fulfils):
        # A round counts from its first check-in once it is complete (every point within the window).
        records = PatrolRound.objects.filter(
            route_id__in=subject_ids, completed_at__isnull=False, completed_at__lte=as_of
        )
        return records if fulfils else records.filter(backfilled=False)


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


@register("4.1.entrance_staffed")
class EntranceUnstaffed(Check):
    """Every moment of every day, someone on the roster of each entrance in use.

    One query per run: a window over each entrance's shifts in start order carries the latest end so
    far; a shift that starts after it leaves a hole. The time from the entrance's first day to its
    first shift and from its last shift's end to now are holes too (the roster ran out).
    """

    ends_when_gone = False

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        entrances = Entrance.objects.filter(active=True, in_service_from__lte=today).select_related("project")
        info = {entrance.pk: entrance for entrance in entrances}
        if not info:
            return
        enterprise_at = serving_enterprise({entrance.project_id for entrance in info.values()})
        shifts = DutyShift.objects.filter(entrance_id__in=info, starts_at__lt=as_of)
        holes = []
        inner = shifts.annotate(
            covered_until=Window(
                Max("ends_at"),
                partition_by=[F("entrance_id")],
                order_by=[F("starts_at").asc(), F("pk").asc()],
                frame=RowRange(start=None, end=-1),
            )
        )
        for entrance_id, start, end, after_id in inner.filter(covered_until__lt=F("starts_at")).values_list(
            "entrance_id", "covered_until", "starts_at", "pk"
        ):
            began = start_of_day(info[entrance_id].in_service_from)
            if end > began:
                holes.append((entrance_id, max(start, began), end, after_id))
        edges = shifts.values("entrance_id").annotate(first=Min("starts_at"), last=Max("ends_at"))
        seen = set()
        for row in edges:
            entrance = info[row["entrance_id"]]
            seen.add(entrance.pk)
            began = start_of_day(entrance.in_service_from)
            if row["first"] > began:
                holes.append((entrance.pk, began, row["first"], None))
            if row["last"] < as_of:
                holes.append((entrance.pk, max(row["last"], began), None, None))
        for entrance in info.values():
            began = start_of_day(entrance.in_service_from)
            if entrance.pk not in seen and began < as_of:
                holes.append((entrance.pk, began, None, None))
        for entrance_id, start, end, after_id in holes:
            entrance = info[entrance_id]
            words = {"entrance": entrance.name, "start": moment(start)}
            if end is None:
                message = _("%(entrance)s自%(start)s起排班表上无人值班（至%(now)s已%(gap)s）") % {
                    **words,
                    "now": moment(as_of),
                    "gap": duration(as_of - start),
                }
            else:
                message = _("%(entrance)s %(start)s 至 %(end)s 无人值班（%(gap)s）") % {
                    **words,
                    "end": moment(end, same_day_as=start),
                    "gap": duration(end - start),
                }
            yield FindingDraft(
                check_id=self.check_id,
                subject=f"entrance:{entrance.pk}",
                subject_name=str(entrance),
                period_start=start,
                period_end=end,
                message=message,
                project_id=entrance.project_id,
                enterprise_id=enterprise_at(entrance.project_id, start),
                division_id=entrance.project.division_id,
                evidence=[f"safety.dutyshift:{after_id}"] if after_id else [],
            )


@register("4.1.camera_outage")
class CameraOutage(Check):
    """A camera found faulty is working again within the limit (24 h by default).

    One query: each check that finds a camera faulty after a check that found it working (or first)
    begins an outage; the first later check that finds it working ends it.
    """

    ends_when_gone = False

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        valid = CameraCheck.objects.filter(occurred_at__lte=as_of, corrections__isnull=True)
        same_camera = valid.filter(camera_id=OuterRef("camera_id")).order_by()
        before = same_camera.filter(occurred_at__lt=OuterRef("occurred_at")).order_by("-occurred_at", "-pk")
        repaired = same_camera.filter(working=True, occurred_at__gt=OuterRef("occurred_at")).order_by(
            "occurred_at", "pk"
        )
        starts = (
            valid.filter(working=False, camera__active=True)
            .annotate(
                was_working=Subquery(before.values("working")[:1]),
                repaired_at=Subquery(repaired.values("occurred_at")[:1]),
                repaired_id=Subquery(repaired.values("pk")[:1]),
            )
            .filter(Q(was_working__isnull=True) | Q(was_working=True))
            .select_related("camera__project")
        )
        starts = list(starts)
        enterprise_at = serving_enterprise({check.camera.project_id for check in starts})
        for check in starts:
            camera = check.camera
            limit = param(self.check_id, "outage_limit", camera.project.division_id, today)
            end = check.repaired_at
            if (end or as_of) - check.occurred_at <= limit:
                continue
            words = {
                "camera": camera.name,
                "start": moment(check.occurred_at),
                "limit": duration(limit),
                "problem": check.note[:60],
            }
            if end is None:
                message = _(
                    "%(camera)s自%(start)s起故障（%(problem)s），至%(now)s已%(gap)s未修复，超过%(limit)s"
                ) % {
                    **words,
                    "now": moment(as_of),
                    "gap": duration(as_of - check.occurred_at),
                }
            else:
                message = _("%(camera)s %(start)s 至 %(end)s 故障（%(problem)s）%(gap)s，超过%(limit)s") % {
                    **words,
                    "end": moment(end, same_day_as=check.occurred_at),
                    "gap": duration(end - check.occurred_at),
                }
            evidence = [f"safety.cameracheck:{check.pk}"]
            if check.repaired_id:
                evidence.append(f"safety.cameracheck:{check.repaired_id}")
            yield FindingDraft(
                check_id=self.check_id,
                subject=f"camera:{camera.pk}",
                subject_name=str(camera),
                period_start=check.occurred_at,
                period_end=end,
                message=message,
                project_id=camera.project_id,
                enterprise_id=enterprise_at(camera.project_id, check.occurred_at),
                division_id=camera.project.division_id,
                evidence=evidence,
                parameters={"outage_limit": str(limit)},
            )
