"""What the safety checks share: the serving enterprise, rolling and calendar duties of assets, defects.

Each duty's module subclasses these: ``RollingCheck`` ("at most P apart" by records of an asset),
``CalendarCheck`` ("at least once a month / quarter / year") and ``DefectOverdue`` (a problem a
record found, not fixed by its deadline).
"""

from abc import ABC, abstractmethod
from collections import defaultdict

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.compliance.duties import (
    Gap,
    MonthsLimit,
    Since,
    calendar_misses,
    earliest_changes,
    gaps_between_records,
    gaps_in_windows,
    leading_gaps,
    limit_in_words,
    months_limit,
    open_gaps,
    window_starts,
)
from wuye.compliance.parameters import param, parameter_spec
from wuye.compliance.registry import Check, FindingDraft
from wuye.compliance.wording import bucket_in_words, duration, moment
from wuye.estates.periods import serving_enterprise  # noqa: F401  (the safety checks import it from here)
from wuye.safety.models import Defect


class RollingCheck(Check, ABC):
    """A duty done "at most period + grace apart" by records of subjects (power rooms, patrol routes).

    Subclasses name the subject model, the fulfilling records (``records``), the records that changed
    since the last run (``changed``) and the field that links a record to its subject, and how a gap is
    put in words. A period in minutes, hours or days is a timedelta; in months or years (the catalogue's
    unit says) it is counted in calendar months (duties.MonthsLimit). ``subjects`` may narrow the assets
    (only lightning protection of a kind); ``group_field`` and ``parameter_names`` let subjects of one
    check follow different parameters (every 6 months where there is explosion risk, else yearly). A full run reads every subject's history; an incremental one (``run_since``) only each
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
    group_field = None  # a subject field whose value picks the parameters (``parameter_names``)

    def subjects(self, today):
        """The subjects whose duty runs: assets in use since ``today`` or before."""
        return self.subject_model.objects.filter(active=True, in_service_from__lte=today).order_by()

    def parameter_names(self, group_value) -> tuple[str, str, str]:
        """The names of (period, grace, backfill_fulfils) for subjects with this ``group_field`` value."""
        return ("period", "grace", "backfill_fulfils")

    def limit(self, period_name: str, period, grace):
        unit = parameter_spec(self.check_id, period_name).unit
        if unit in ("months", "years"):
            return months_limit(period, unit, grace)
        return period + grace

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
        subjects = self.subjects(today)
        groups = defaultdict(lambda: ([], set()))  # the parameters in force → (subject ids, divisions)
        in_force = {}  # the parameters depend on the division (and group) only: looked up once for each
        fields = ["pk", "project__division_id"] + ([self.group_field] if self.group_field else [])
        for pk, division, *group in subjects.values_list(*fields):
            group_value = group[0] if group else None
            if (division, group_value) not in in_force:
                names = self.parameter_names(group_value)
                period, grace, fulfils = (param(self.check_id, name, division, today) for name in names)
                in_force[division, group_value] = (names[0], period, grace, fulfils, group_value)
            ids, divisions = groups[in_force[division, group_value]]
            ids.append(pk)
            divisions.add(division)
        for (period_name, period, grace, fulfils, group_value), (ids, divisions) in groups.items():
            limit = self.limit(period_name, period, grace)
            records = self.records(as_of, fulfils)
            # By division, not by a list of ids: the queries that look at each subject stay short.
            in_group = subjects.filter(project__division_id__in=divisions)
            if self.group_field:
                in_group = in_group.filter(**{self.group_field: group_value})
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
            applied = {period_name: str(period), "grace": str(grace), "backfill_fulfils": fulfils}
            for gap in gaps:
                yield self.draft(gap, named[gap.subject_id], limit, as_of, applied, enterprise_at)

    def in_words(self, value) -> str:
        """A span or limit in words, worked out once per value in a run (a full run words thousands of gaps)."""
        said = self.__dict__.setdefault("_said", {})
        if value not in said:
            said[value] = limit_in_words(value) if isinstance(value, MonthsLimit) else duration(value)
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


class DefectOverdue(Check):
    """A problem a record found (a ``Defect`` opened under this check's id) not fixed by its deadline.

    Register a subclass under the check that owns the problem (4.8.defect_fixed, 4.3.passage_cleared...);
    the action that stores the finding record opens the defect with ``check_id`` set to that check.
    """

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


class CalendarCheck(Check, ABC):
    """A duty done "at least once per bucket" (month, quarter, half year, year, in Asia/Shanghai) by
    records of subjects: a bucket whose deadline (its end + ``due_after``) passed without a fulfilling
    record is one finding, covering the bucket. Parameters ``bucket`` (months) and ``due_after`` (days).

    Subclasses name the subject model, the records (``records``), the field linking a record to its
    subject and the message; ``subjects`` may narrow them (extinguishers only), ``start_field`` says from
    when the duty runs and ``project_of`` how to find a subject's project (``Project`` subjects: itself).
    """

    subject_model = None
    subject_field = ""  # "equipment_id"
    subject_kind = ""  # "fireequipment"
    start_field = "in_service_from"
    message = ""  # %(subject)s %(bucket)s %(due)s

    def subjects(self, today):
        return self.subject_model.objects.filter(active=True, in_service_from__lte=today).order_by()

    @abstractmethod
    def records(self, as_of):
        """The fulfilling records of every subject up to ``as_of``."""

    def project_of(self, subject):
        return subject.project

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        subjects = self.subjects(today)
        groups = defaultdict(list)
        for division in set(subjects.values_list(self.division_path(), flat=True)):
            key = (
                param(self.check_id, "bucket", division, today),
                param(self.check_id, "due_after", division, today),
            )
            groups[key].append(division)
        for (bucket, due_after), divisions in groups.items():
            in_group = subjects.filter(**{f"{self.division_path()}__in": divisions})
            records = self.records(as_of).filter(**{f"{self.subject_field}__in": in_group.values("pk")})
            misses = calendar_misses(
                in_group, records, self.subject_field, self.start_field, int(bucket), due_after, as_of
            )
            if not misses:
                continue
            named = self.named({miss.subject_id for miss in misses})
            enterprise_at = serving_enterprise({self.project_of(s).pk for s in named.values()})
            applied = {"bucket": str(bucket), "due_after": str(due_after)}
            for miss in misses:
                subject = named[miss.subject_id]
                project = self.project_of(subject)
                message = str(self.message) % {
                    "subject": getattr(subject, "name", str(subject)),
                    "bucket": bucket_in_words(miss.bucket_start, int(bucket)),
                    "due": moment(miss.due),
                }
                yield FindingDraft(
                    check_id=self.check_id,
                    subject=f"{self.subject_kind}:{subject.pk}",
                    subject_name=str(subject),
                    period_start=miss.bucket_start,
                    period_end=miss.bucket_end,
                    message=message,
                    project_id=project.pk,
                    enterprise_id=enterprise_at(project.pk, miss.bucket_start),
                    division_id=project.division_id,
                    parameters=applied,
                )

    def division_path(self) -> str:
        return "project__division_id"

    def named(self, ids):
        return self.subject_model.objects.select_related("project").in_bulk(ids)
