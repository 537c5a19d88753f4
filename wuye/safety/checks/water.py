"""Checks of clause 4.6 secondary water supply and clause 4.7 sewers and septic tanks.

4.6: tanks tested and cleaned at most 6 months apart (rolling, counted in calendar months); every
value of a test within its GB 5749 limit (one finding per failed item); owners' odour and colour
reports handled within the deadline (defects); pollution reported to the authority within hours.
4.7: sewers checked every month and flushed every quarter (duties of the served project itself, from
the start of its current service period); septic tanks emptied every quarter.
"""

from collections import defaultdict

from django.db.models import DateTimeField, DurationField, ExpressionWrapper, F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.compliance.parameters import param
from wuye.compliance.registry import Check, FindingDraft, register
from wuye.compliance.wording import duration, moment
from wuye.estates.models import Project, ServicePeriod
from wuye.safety.checks.base import CalendarCheck, DefectOverdue, RollingCheck, serving_enterprise
from wuye.safety.models import (
    PollutionIncident,
    PollutionReport,
    SepticEmptying,
    SepticTank,
    SewerCheck,
    SewerFlush,
    TankCleaning,
    WaterTank,
    WaterTest,
)
from wuye.safety.water_limits import (
    ROUTINE_ITEMS,
    failed_q,
    fails,
    limit_in_words,
    limits_in_force,
    value_in_words,
)


def uncorrected(model, user=None):
    """The records of ``model`` that no later record corrects (a corrected record no longer counts);
    of those ``user`` sees, if given."""
    corrected = model.objects.filter(corrects__isnull=False).values("corrects_id")
    records = model.objects.visible_to(user) if user is not None else model.objects.all()
    return records.exclude(pk__in=corrected)


class TankRollingCheck(RollingCheck):
    """A duty of each water tank in use, at most 6 months apart (calendar months: the catalogue's unit)."""

    subject_model = WaterTank
    subject_field = "tank_id"
    subject_kind = "watertank"
    record_model = None

    def records(self, as_of, fulfils):
        records = uncorrected(self.record_model).filter(occurred_at__lte=as_of)
        return records if fulfils else records.filter(backfilled=False)

    def changed(self, subject_ids, as_of, since):
        records = self.record_model.objects.filter(occurred_at__lte=as_of)
        return [
            records.filter(recorded_at__gte=since.received),
            records.filter(corrections__recorded_at__gte=since.received),
        ]


@register("4.6.water_test")
class WaterTestGap(TankRollingCheck):
    """A qualified laboratory tests each tank's water at most 6 months apart."""

    record_model = WaterTest
    evidence_label = "safety.watertest"
    open_message = gettext_lazy(
        "%(subject)s自%(start)s起无水质检测（至%(now)s已%(gap)s），超过规定间隔%(limit)s"
    )
    closed_message = gettext_lazy(
        "%(subject)s %(start)s 至 %(end)s 无水质检测，间隔%(gap)s，超过规定间隔%(limit)s"
    )


@register("4.6.tank_cleaning")
class TankCleaningGap(TankRollingCheck):
    """Each tank is cleaned and disinfected at most 6 months apart."""

    record_model = TankCleaning
    evidence_label = "safety.tankcleaning"
    open_message = gettext_lazy(
        "%(subject)s自%(start)s起未清洗消毒（至%(now)s已%(gap)s），超过规定间隔%(limit)s"
    )
    closed_message = gettext_lazy(
        "%(subject)s %(start)s 至 %(end)s 未清洗消毒，间隔%(gap)s，超过规定间隔%(limit)s"
    )


@register("4.6.water_quality")
class WaterQualityOverLimit(Check):
    """Every routine item of every test within its GB 5749 limit: one finding per failed item and test.

    A failure lasts until a later test of the same tank finds that item within its limit (a retest
    after cleaning); a corrected test is judged by its correction. The limits are those in force for
    the tank's division on the day of evaluation (``water_limits``). One query per set of limits: the
    database returns only the tests that fail something, each with its tank's next passing test per item.
    """

    ends_when_gone = False  # a failure no longer found was corrected away: withdrawn

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        groups = defaultdict(list)
        for division in set(WaterTank.objects.values_list("project__division_id", flat=True).distinct()):
            limits = limits_in_force(division, today)
            groups[tuple(sorted(limits.items()))].append(division)
        tests = uncorrected(WaterTest).filter(occurred_at__lte=as_of)
        for key, divisions in groups.items():
            yield from self.failures(tests, dict(key), divisions, as_of)

    def failures(self, tests, limits, divisions, as_of):
        any_failed = Q(pk__in=[])
        retests = {}
        for item in ROUTINE_ITEMS:
            any_failed |= failed_q(item, limits)
            later = (
                tests.filter(tank_id=OuterRef("tank_id"), occurred_at__gt=OuterRef("occurred_at"))
                .exclude(failed_q(item, limits))
                .order_by("occurred_at", "pk")
            )
            retests[f"ok_at_{item.name}"] = Subquery(
                later.values("occurred_at")[:1], output_field=DateTimeField()
            )
            retests[f"ok_id_{item.name}"] = Subquery(later.values("pk")[:1])
        failing = list(
            tests.filter(any_failed, tank__project__division_id__in=divisions)
            .annotate(**retests)
            .select_related("tank__project")
            .order_by("occurred_at", "pk")
        )
        enterprise_at = serving_enterprise({test.tank.project_id for test in failing})
        for test in failing:
            for item in ROUTINE_ITEMS:
                value = getattr(test, item.name)
                if fails(item, value, limits):
                    yield self.draft(test, item, value, limits, enterprise_at)

    def draft(self, test, item, value, limits, enterprise_at):
        tank = test.tank
        ok_at, ok_id = getattr(test, f"ok_at_{item.name}"), getattr(test, f"ok_id_{item.name}")
        words = {
            "tank": tank.name,
            "day": moment(test.occurred_at),
            "laboratory": test.laboratory,
            "item": item.label,
            "value": value_in_words(item, value),
            "limit": limit_in_words(item, limits),
        }
        message = (
            _("%(tank)s %(day)s采样的水质检测（%(laboratory)s）%(item)s为%(value)s，不符合限值（%(limit)s）")
            % words
        )
        if ok_at is not None:
            message += _("；%(day)s复检合格") % {"day": moment(ok_at)}
        evidence = [f"safety.watertest:{test.pk}"] + ([f"safety.watertest:{ok_id}"] if ok_id else [])
        return FindingDraft(
            check_id=self.check_id,
            subject=f"watertest:{test.pk}:{item.name}",
            subject_name=f"{tank} {item.label}",
            period_start=test.occurred_at,
            period_end=ok_at,
            message=message,
            project_id=tank.project_id,
            enterprise_id=enterprise_at(tank.project_id, test.occurred_at),
            division_id=tank.project.division_id,
            evidence=evidence,
            parameters={name: str(limits[name]) for name in item.params},
        )


@register("4.6.odour_ticket_closed")
class WaterQualityReportOverdue(DefectOverdue):
    """An owner's odour or colour report handled within the deadline (24 h by default): its defect fixed."""

    def run(self, as_of, projects):
        for draft in super().run(as_of, projects):
            # The deadline was applied when the report opened its defect; the catalogue names it so.
            draft.parameters = {"close_deadline": draft.parameters["fix_deadline"]}
            yield draft


@register("4.6.pollution_reported")
class PollutionNotReported(Check):
    """A pollution incident reported to the authority within ``report_deadline`` (2 h) of being found.

    Late from the deadline until the first report (none yet: open). Exactly the deadline passes. One
    query per deadline in force: the first report of each incident comes from a subquery.
    """

    ends_when_gone = False

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        divisions = set(PollutionIncident.objects.values_list("project__division_id", flat=True).distinct())
        groups = defaultdict(list)
        for division in divisions:
            groups[param(self.check_id, "report_deadline", division, today)].append(division)
        reports = uncorrected(PollutionReport).filter(occurred_at__lte=as_of)
        # A report of an incident counts for the record that corrects it too.
        first = reports.filter(
            Q(incident_id=OuterRef("pk")) | Q(incident_id=OuterRef("corrects_id"))
        ).order_by("occurred_at", "pk")
        incidents = (
            uncorrected(PollutionIncident)
            .filter(occurred_at__lte=as_of)
            .annotate(
                reported_at=Subquery(first.values("occurred_at")[:1], output_field=DateTimeField()),
                report_id=Subquery(first.values("pk")[:1]),
                authority=Subquery(first.values("authority")[:1]),
                delay=ExpressionWrapper(F("reported_at") - F("occurred_at"), output_field=DurationField()),
            )
        )
        for deadline, in_group in groups.items():
            late = incidents.filter(project__division_id__in=in_group).filter(
                Q(reported_at__isnull=True, occurred_at__lt=as_of - deadline) | Q(delay__gt=deadline)
            )
            late = list(late.select_related("project"))
            enterprise_at = serving_enterprise({incident.project_id for incident in late})
            for incident in late:
                yield self.draft(incident, deadline, as_of, enterprise_at)

    def draft(self, incident, deadline, as_of, enterprise_at):
        project = incident.project
        words = {
            "project": project.name,
            "found": moment(incident.occurred_at),
            "what": incident.description.strip()[:60],
            "limit": duration(deadline),
        }
        if incident.reported_at is None:
            message = _(
                "%(project)s %(found)s发现二次供水污染（%(what)s），至%(now)s仍未报告相关部门，超过时限%(limit)s"
            ) % {
                **words,
                "now": moment(as_of),
            }
        else:
            message = _(
                "%(project)s %(found)s发现二次供水污染（%(what)s），%(reported)s才报告%(authority)s，"
                "距发现%(delay)s，超过时限%(limit)s"
            ) % {
                **words,
                "reported": moment(incident.reported_at, same_day_as=incident.occurred_at),
                "authority": incident.authority,
                "delay": duration(incident.reported_at - incident.occurred_at),
            }
        evidence = [f"safety.pollutionincident:{incident.pk}"]
        if incident.report_id:
            evidence.append(f"safety.pollutionreport:{incident.report_id}")
        return FindingDraft(
            check_id=self.check_id,
            subject=f"pollutionincident:{incident.pk}",
            subject_name=f"{project.name} " + _("二次供水污染"),
            period_start=incident.occurred_at + deadline,
            period_end=incident.reported_at,
            message=message,
            project_id=project.pk,
            enterprise_id=enterprise_at(project.pk, incident.occurred_at),
            division_id=project.division_id,
            evidence=evidence,
            parameters={"report_deadline": str(deadline)},
        )


# -- clause 4.7 ------------------------------------------------------------------------------------------


class ProjectCalendarCheck(CalendarCheck):
    """A duty of the served project itself (its sewers), from the start of its current service period.

    Only the serving enterprise owes it, and only since it took over: a project no one serves owes
    nothing, and the months before the takeover were the previous enterprise's.
    """

    subject_model = Project
    subject_field = "project_id"
    subject_kind = "project"
    start_field = "duty_start"
    record_model = None

    def subjects(self, today):
        current = ServicePeriod.objects.current(today).filter(project=OuterRef("pk")).order_by("-start")
        return (
            Project.objects.annotate(duty_start=Subquery(current.values("start")[:1]))
            .filter(duty_start__isnull=False)
            .order_by()
        )

    def records(self, as_of):
        return uncorrected(self.record_model).filter(occurred_at__lte=as_of)

    def division_path(self) -> str:
        return "division_id"

    def project_of(self, subject):
        return subject

    def named(self, ids):
        return Project.objects.in_bulk(ids)


@register("4.7.sewer_check")
class SewerCheckMissed(ProjectCalendarCheck):
    """The project's sewers checked at least once each month (by the 3rd of the next)."""

    record_model = SewerCheck
    message = gettext_lazy("%(subject)s %(bucket)s无排污管道排查记录（应于%(due)s前完成）")


@register("4.7.sewer_flush")
class SewerFlushMissed(ProjectCalendarCheck):
    """The project's sewers flushed at least once each quarter (within 7 days of its end)."""

    record_model = SewerFlush
    message = gettext_lazy("%(subject)s %(bucket)s无排污管道冲洗记录（应于%(due)s前完成）")


@register("4.7.septic_emptied")
class SepticTankNotEmptied(CalendarCheck):
    """Each septic tank in use emptied at least once each quarter (within 7 days of its end)."""

    subject_model = SepticTank
    subject_field = "septic_tank_id"
    subject_kind = "septictank"
    message = gettext_lazy("%(subject)s %(bucket)s未清掏（应于%(due)s前完成）")

    def records(self, as_of):
        return uncorrected(SepticEmptying).filter(occurred_at__lte=as_of)
