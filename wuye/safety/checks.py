"""Checks of the safety duties, registered with the compliance engine."""

from abc import ABC, abstractmethod
from collections import defaultdict

from django.db.models import F, Max, Min, OuterRef, Q, RowRange, Subquery, Window
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.compliance.duties import (
    Gap,
    Since,
    earliest_changes,
    gaps_between_records,
    gaps_in_windows,
    leading_gaps,
    open_gaps,
    start_of_day,
    window_starts,
)
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


class RollingCheck(Check, ABC):
    """A duty done "at most period + grace apart" by records of subjects (power rooms, patrol routes).

    Subclasses name the subject model, the fulfilling records (``records``), the records that changed
    since the last run (``changed``) and the field that links a record to its subject, and how a gap is
    put in words. A full run reads every subject's history; an incremental one (``run_since``) only each
    changed subject's window (duties.py) and says which windows it looked at, so the engine touches no
    finding outside them. The open gap of every subject is looked at each time, since its deadline
    passes without any new record.
    """

    incremental = True
    ends_when_gone = False
    subject_model = None
    subject_field = ""  # the record's link to its subject: "power_room_id"
    subject_kind = ""  # "powerroom"
    evidence_label = ""  # "safety.powerround"
    closed_message = ""
    open_message = ""

    @abstractmethod
    def records(self, as_of, fulfils: bool):
        """The fulfilling records of every subject; the duty functions narrow them to the subjects they ask about
        (one list of subjects per query: two would keep PostgreSQL from using the time index)."""

    @abstractmethod
    def changed(self, subject_ids, as_of, since: Since) -> list:
        """Querysets of the records whose arrival or correction since the last run may move a gap
        (of these subjects, or more: the rows of other subjects are left out after)."""

    def run(self, as_of, projects):
        yield from self.drafts(as_of, projects, None, {})

    def run_since(self, as_of, since: Since):
        """What changed since the last run: (drafts, {subject: window start, None for all its history})."""
        windows = {}
        drafts = list(self.drafts(as_of, None, since, windows))
        return drafts, windows

    def drafts(self, as_of, projects, since, windows):
        today = timezone.localdate(as_of)
        subjects = self.subject_model.objects.filter(active=True, in_service_from__lte=today).order_by()
        groups = defaultdict(lambda: ([], set()))  # the parameters in force → (subject ids, divisions)
        in_force = {}  # the parameters depend on the division only: looked up once per division
        for pk, division in subjects.values_list("pk", "project__division_id"):
            if division not in in_force:
                in_force[division] = tuple(
                    param(self.check_id, name, division, today)
                    for name in ("period", "grace", "backfill_fulfils")
                )
            ids, divisions = groups[in_force[division]]
            ids.append(pk)
            divisions.add(division)
        for (period, grace, fulfils), (ids, divisions) in groups.items():
            limit = period + grace
            records = self.records(as_of, fulfils)
            # By division, not by a list of ids: the queries that look at each subject stay short.
            in_group = subjects.filter(project__division_id__in=divisions)
            if since is not None:
                members = set(ids)
                changed = {
                    pk: moment
                    for pk, moment in earliest_changes(
                        self.changed(ids, as_of, since), self.subject_field
                    ).items()
                    if pk in members
                }
                starts = window_starts(in_group, records, self.subject_field, changed)
                windows.update({f"{self.subject_kind}:{pk}": start for pk, start in starts.items()})
                gaps = gaps_in_windows(records, self.subject_field, limit, starts)
                # The leading gap changes only with a subject's first record: in a window without a start.
                whole = [pk for pk, start in starts.items() if start is None]
                leading = in_group.filter(pk__in=whole) if whole else None
            else:
                scoped = records.filter(**{f"{self.subject_field}__in": ids})
                if projects is not None:
                    link = self.subject_field.removesuffix("_id")
                    scoped = scoped.filter(**{f"{link}__project_id__in": projects})
                gaps = gaps_between_records(scoped, self.subject_field, limit)
                leading = in_group
            if leading is not None:
                gaps += leading_gaps(leading, records, self.subject_field, "in_service_from", as_of, limit)
            gaps += open_gaps(in_group, records, self.subject_field, "in_service_from", as_of, limit)
            if not gaps:
                continue
            # Only the subjects with a gap are read in full (names, project), often a few of thousands.
            named = self.subject_model.objects.select_related("project").in_bulk(
                {gap.subject_id for gap in gaps}
            )
            enterprise_at = serving_enterprise({subject.project_id for subject in named.values()})
            applied = {"period": str(period), "grace": str(grace), "backfill_fulfils": fulfils}
            for gap in gaps:
                yield self.draft(gap, named[gap.subject_id], limit, as_of, applied, enterprise_at)

    def in_words(self, value) -> str:
        """``duration`` in words, worked out once per value in a run (a full run words thousands of gaps)."""
        said = self.__dict__.setdefault("_said", {})
        if value not in said:
            said[value] = duration(value)
        return said[value]

    def texts(self, which: str) -> str:
        """The message template, translated once per run."""
        said = self.__dict__.setdefault("_said", {})
        if which not in said:
            said[which] = str(self.open_message if which == "open" else self.closed_message)
        return said[which]

    def draft(self, gap: Gap, subject, limit, as_of, applied, enterprise_at):
        end = gap.end or as_of
        words = {
            "start": moment(gap.start),
            "subject": subject.name,
            "gap": self.in_words(end - gap.start),
            "limit": self.in_words(limit),
        }
        if gap.end is None:
            message = self.texts("open") % {**words, "now": moment(as_of)}
        else:
            message = self.texts("closed") % {**words, "end": moment(gap.end, same_day_as=gap.start)}
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

    def records(self, as_of, fulfils):
        # A round counts from its first check-in once it is complete (every point within the window).
        records = PatrolRound.objects.filter(completed_at__isnull=False, completed_at__lte=as_of)
        return records if fulfils else records.filter(backfilled=False)

    def changed(self, subject_ids, as_of, since):
        # A round counts once complete: ``completed_at`` is the server time of the check-in that did it.
        return [
            PatrolRound.objects.filter(
                route_id__in=subject_ids, completed_at__gte=since.received, completed_at__lte=as_of
            )
        ]


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
