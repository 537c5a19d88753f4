"""Checks of clause 4.2: elevators registered, inspection certificate in force, not used after a failed
inspection, maintained at most 15 days apart, rescues on time, labels photographed every year."""

from collections import defaultdict

from django.db.models import DateField, DurationField, Exists, ExpressionWrapper, F, Max, OuterRef, Subquery
from django.db.models.expressions import RowRange, Window
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.compliance.duties import start_of_day
from wuye.compliance.parameters import by_division, values_in_force
from wuye.compliance.registry import Check, FindingDraft, register
from wuye.compliance.wording import day, duration, moment
from wuye.estates.models import Building, ServicePeriod
from wuye.regions.models import Division
from wuye.safety.checks.base import RollingCheck, serving_enterprise
from wuye.safety.elevator_rules import inspection_due, lapse_at, rescue_limit
from wuye.safety.models import Breakdown, Elevator, ElevatorInspection, ElevatorLabelCheck, MaintenanceVisit
from wuye.safety.models.elevators import PASSING, InspectionResult


def in_service(today):
    """Elevators in use (``active``) since ``today`` or before: the subjects of the duties."""
    return Elevator.objects.filter(active=True, in_service_from__lte=today).order_by()


def valid(model, as_of):
    """A record type's records up to ``as_of`` that no later record corrects."""
    corrected = model.objects.filter(corrects__isnull=False).values("corrects_id")
    return model.objects.filter(occurred_at__lte=as_of).exclude(pk__in=corrected).order_by()


def elevator_draft(check_id, elevator, start, end, message, enterprise_at, evidence, parameters=None):
    return FindingDraft(
        check_id=check_id,
        subject=f"elevator:{elevator.pk}",
        subject_name=str(elevator),
        period_start=start,
        period_end=end,
        message=message,
        project_id=elevator.project_id,
        enterprise_id=enterprise_at(elevator.project_id, start),
        division_id=elevator.project.division_id,
        evidence=evidence,
        parameters=parameters or {},
    )


def named_elevators(ids):
    return Elevator.objects.select_related("project").in_bulk(set(ids))


@register("4.2.registered")
class ElevatorRegistered(Check):
    """In every project served now: each building marked as having an elevator has one in the register,
    and each elevator in use has its registration code (特种设备安全法 Art. 33: registered before use).

    Lasting conditions: a finding runs from when the enterprise served the project and the building (or
    elevator) was on the platform, and closes when the register is put right.
    """

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        served = ServicePeriod.objects.current(today)
        buildings = (
            Building.objects.filter(has_elevator=True, project__in=served.values("project_id"))
            .exclude(Exists(Elevator.objects.filter(building=OuterRef("pk"))))
            .select_related("project")
        )
        unregistered = (
            in_service(today)
            .filter(registration_code="", project__in=served.values("project_id"))
            .select_related("project")
        )
        buildings, unregistered = list(buildings), list(unregistered)
        projects_found = {b.project_id for b in buildings} | {e.project_id for e in unregistered}
        if not projects_found:
            return
        periods = dict(served.filter(project_id__in=projects_found).values_list("project_id", "start"))
        enterprise_at = serving_enterprise(projects_found)
        for building in buildings:
            since = max(timezone.localtime(building.created_at).date(), periods[building.project_id])
            start = start_of_day(since)
            if start > as_of:  # looking back to before the building was on the platform
                continue
            yield FindingDraft(
                check_id=self.check_id,
                subject=f"building:{building.pk}",
                subject_name=str(building),
                period_start=start,
                period_end=None,
                message=_("%(building)s标明有电梯，但电梯登记表中没有这栋楼的电梯（自%(date)s起）")
                % {"building": building.name, "date": day(since)},
                project_id=building.project_id,
                enterprise_id=enterprise_at(building.project_id, start),
                division_id=building.project.division_id,
                evidence=[f"estates.building:{building.pk}"],
            )
        for elevator in unregistered:
            since = max(elevator.in_service_from, periods[elevator.project_id])
            message = _("%(elevator)s在用但没有使用登记证编号（自%(date)s起）") % {
                "elevator": elevator.name,
                "date": day(since),
            }
            yield elevator_draft(
                self.check_id,
                elevator,
                start_of_day(since),
                None,
                message,
                enterprise_at,
                [f"safety.elevator:{elevator.pk}"],
            )


@register("4.2.inspection_valid")
class InspectionValid(Check):
    """The periodic inspection certificate of every elevator in use is in force.

    Not "at most a year apart": the certificate's own validity decides. A certificate covers up to the
    end of its ``valid_until`` day; a lapse runs from the next midnight (+ grace) until a passing
    inspection takes place, and from the elevator's first day in service to its first passing one.
    One window query over the passing inspections (a running maximum of ``valid_until``) gives the
    lapses between them, one more the lapse still open; a few rows each.
    """

    ends_when_gone = False  # a lapse found in the records: records that show none withdraw it

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        subjects = in_service(today)
        names = ("grace", "backfill_fulfils")
        all_divisions = set(subjects.values_list("project__division_id", flat=True))
        for (grace, fulfils), divisions in by_division(
            all_divisions, values_in_force(self.check_id, names, today)
        ).items():
            in_group = subjects.filter(project__division_id__in=divisions)
            passing = valid(ElevatorInspection, as_of).filter(result__in=PASSING, elevator__in=in_group)
            if not fulfils:
                passing = passing.filter(backfilled=False)
            lapses = self.between(passing, grace) + self.edges(in_group, passing, grace, as_of)
            if not lapses:
                continue
            named = named_elevators(lapse[0] for lapse in lapses)
            enterprise_at = serving_enterprise({e.project_id for e in named.values()})
            applied = {"grace": str(grace), "backfill_fulfils": fulfils}
            for elevator_id, start, end, expired, before_id, after_id in lapses:
                elevator = named[elevator_id]
                message = self.message(elevator, start, end, expired, as_of)
                evidence = [f"safety.elevatorinspection:{pk}" for pk in (before_id, after_id) if pk]
                yield elevator_draft(
                    self.check_id, elevator, start, end, message, enterprise_at, evidence, applied
                )

    def between(self, passing, grace) -> list[tuple]:
        """Lapses between passing inspections: one that came after every earlier certificate had lapsed."""
        order = [F("occurred_at").asc(), F("pk").asc()]
        rows = (
            passing.annotate(
                covered_to=Window(
                    Max("valid_until"),
                    partition_by=[F("elevator_id")],
                    order_by=order,
                    frame=RowRange(start=None, end=-1),
                ),
                local_day=TruncDate("occurred_at", tzinfo=timezone.get_current_timezone()),
            )
            # The database narrows to inspections on a day after the cover ran out; grace is exact below.
            .filter(covered_to__isnull=False, local_day__gt=F("covered_to"))
            .values_list("elevator_id", "covered_to", "occurred_at", "pk")
        )
        found = [
            (elevator_id, lapse_at(covered_to, grace), occurred_at, covered_to, pk)
            for elevator_id, covered_to, occurred_at, pk in rows
            if occurred_at > lapse_at(covered_to, grace)
        ]
        if not found:
            return []
        # The inspection whose certificate ran out, for the evidence: one query for the few lapses.
        before = {}
        for elevator_id, valid_until, pk in (
            passing.filter(elevator_id__in={f[0] for f in found}, valid_until__in={f[3] for f in found})
            .order_by("occurred_at", "pk")
            .values_list("elevator_id", "valid_until", "pk")
        ):
            before.setdefault((elevator_id, valid_until), pk)
        return [
            (elevator_id, start, end, expired, before.get((elevator_id, expired)), pk)
            for elevator_id, start, end, expired, pk in found
        ]

    def edges(self, subjects, passing, grace, as_of) -> list[tuple]:
        """Before the first passing inspection (from the first day in service) and after the last cover."""
        mine = passing.filter(elevator=OuterRef("pk"))
        first = mine.order_by("occurred_at", "pk")
        last = mine.order_by("-valid_until", "-occurred_at", "-pk")
        rows = subjects.annotate(
            first_at=Subquery(first.values("occurred_at")[:1]),
            first_id=Subquery(first.values("pk")[:1]),
            covered_to=Subquery(last.values("valid_until")[:1], output_field=DateField()),
            last_id=Subquery(last.values("pk")[:1]),
        ).values_list("pk", "in_service_from", "first_at", "first_id", "covered_to", "last_id")
        lapses = []
        for pk, began_on, first_at, first_id, covered_to, last_id in rows:
            began = inspection_due(None, began_on, grace)
            if first_at is None:
                if began <= as_of:
                    lapses.append((pk, began, None, None, None, None))
                continue
            # Put in service before it passed an inspection: from its first day (the same day is fine).
            if timezone.localtime(first_at).date() > began_on and first_at > began:
                lapses.append((pk, began, first_at, None, None, first_id))
            lapsed = inspection_due(covered_to, began_on, grace)
            if lapsed <= as_of:
                lapses.append((pk, lapsed, None, covered_to, last_id, None))
        return lapses

    def message(self, elevator, start, end, expired, as_of) -> str:
        words = {"subject": elevator.name, "start": moment(start)}
        if expired is None:  # never inspected (as far as the records go) since it was put in service
            words["since"] = day(elevator.in_service_from)
            if end is None:
                return _("%(subject)s自%(since)s投入使用以来没有定期检验合格的记录") % words
            return _("%(subject)s自%(since)s投入使用，至%(end)s才有定期检验合格的记录") % {
                **words,
                "end": moment(end),
            }
        words["expired"] = day(expired)
        if end is None:
            return _(
                "%(subject)s的定期检验合格证已于%(expired)s到期，至%(now)s仍未重新检验合格（已%(gap)s）"
            ) % {**words, "now": moment(as_of), "gap": duration(as_of - start)}
        return _(
            "%(subject)s的定期检验合格证%(expired)s到期，%(end)s才重新检验合格，期间%(gap)s没有有效的检验合格证"
        ) % {**words, "end": moment(end), "gap": duration(end - start)}


@register("4.2.used_after_failure")
class UsedAfterFailure(Check):
    """An elevator that failed its periodic inspection is taken out of use (``active`` off) until it passes.

    One query: each failed inspection that follows a passing one (or none) begins a failure; the first
    passing inspection after it ends it. Open while the elevator is still in use without a pass; once it
    is taken out of use the finding closes.
    """

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        inspections = valid(ElevatorInspection, as_of)
        same = inspections.filter(elevator_id=OuterRef("elevator_id"))
        before = same.filter(occurred_at__lt=OuterRef("occurred_at")).order_by("-occurred_at", "-pk")
        passed = same.filter(result__in=PASSING, occurred_at__gt=OuterRef("occurred_at")).order_by(
            "occurred_at", "pk"
        )
        failures = (
            inspections.filter(result=InspectionResult.FAIL, elevator__in=in_service(today))
            .annotate(
                before=Subquery(before.values("result")[:1]),
                passed_at=Subquery(passed.values("occurred_at")[:1]),
                passed_id=Subquery(passed.values("pk")[:1]),
            )
            .exclude(before=InspectionResult.FAIL)
            .select_related("elevator__project")
        )
        failures = list(failures)
        enterprise_at = serving_enterprise({f.elevator.project_id for f in failures})
        for failure in failures:
            elevator, end = failure.elevator, failure.passed_at
            words = {"subject": elevator.name, "date": moment(failure.occurred_at)}
            if end is None:
                message = _("%(subject)s于%(date)s定期检验不合格，至今未复检合格却仍在使用") % words
            else:
                message = _("%(subject)s于%(date)s定期检验不合格，至%(end)s复检合格前仍在使用") % {
                    **words,
                    "end": moment(end),
                }
            evidence = [f"safety.elevatorinspection:{failure.pk}"]
            if failure.passed_id:
                evidence.append(f"safety.elevatorinspection:{failure.passed_id}")
            yield elevator_draft(
                self.check_id, elevator, failure.occurred_at, end, message, enterprise_at, evidence
            )


@register("4.2.maintenance_gap")
class MaintenanceGap(RollingCheck):
    """No gap between maintenance visits of an elevator longer than 15 days (any tier counts)."""

    subject_model = Elevator
    subject_field = "elevator_id"
    subject_kind = "elevator"
    evidence_label = "safety.maintenancevisit"
    open_message = gettext_lazy(
        "自%(start)s起%(subject)s无维保记录（至%(now)s已%(gap)s），超过规定间隔%(limit)s"
    )
    closed_message = gettext_lazy(
        "%(start)s 至 %(end)s %(subject)s无维保记录，间隔%(gap)s，超过规定间隔%(limit)s"
    )

    def records(self, as_of, fulfils):
        records = valid(MaintenanceVisit, as_of)
        return records if fulfils else records.filter(backfilled=False)

    def changed(self, subject_ids, as_of, since):
        visits = MaintenanceVisit.objects.filter(occurred_at__lte=as_of)
        return [
            visits.filter(recorded_at__gte=since.received),
            visits.filter(corrections__recorded_at__gte=since.received),
        ]


@register("4.2.rescue_arrival")
class RescueArrival(Check):
    """Rescuers reach a breakdown with people trapped within the limit after the call: 30 minutes in a
    city, an hour elsewhere (``elevator_rules.rescue_limit``). One query per limit in force."""

    ends_when_gone = False

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        trapped = valid(Breakdown, as_of).filter(people_trapped__gt=0)
        groups = defaultdict(list)
        for division in Division.objects.filter(code__in=trapped.values("elevator__project__division_id")):
            groups[rescue_limit(division, today)].append(division.code)
        delay = ExpressionWrapper(F("arrived_at") - F("occurred_at"), output_field=DurationField())
        for (name, limit), codes in groups.items():
            late = list(
                trapped.filter(elevator__project__division_id__in=codes)
                .annotate(delay=delay)
                .filter(delay__gt=limit)
                .select_related("elevator__project")
            )
            enterprise_at = serving_enterprise({b.elevator.project_id for b in late})
            for breakdown in late:
                elevator = breakdown.elevator
                message = _(
                    "%(subject)s %(call)s报警，%(people)s人被困，救援人员%(arrival)s才到达，"
                    "用时%(delay)s，超过规定的%(limit)s"
                ) % {
                    "subject": elevator.name,
                    "call": moment(breakdown.occurred_at),
                    "people": breakdown.people_trapped,
                    "arrival": moment(breakdown.arrived_at, same_day_as=breakdown.occurred_at),
                    "delay": duration(breakdown.arrival_delay),
                    "limit": duration(limit),
                }
                yield elevator_draft(
                    self.check_id,
                    elevator,
                    breakdown.occurred_at,
                    breakdown.arrived_at,
                    message,
                    enterprise_at,
                    [f"safety.breakdown:{breakdown.pk}"],
                    {name: str(limit)},
                )


@register("4.2.labels_current")
class LabelsCurrent(RollingCheck):
    """A photo showing each elevator's inspection mark and operating labels present and current, at most
    ``period`` (a year) apart. A photo that shows a label missing or out of date does not count."""

    subject_model = Elevator
    subject_field = "elevator_id"
    subject_kind = "elevator"
    evidence_label = "safety.elevatorlabelcheck"
    open_message = gettext_lazy(
        "自%(start)s起%(subject)s没有标识齐全有效的照片记录（至%(now)s已%(gap)s），超过%(limit)s"
    )
    closed_message = gettext_lazy(
        "%(start)s 至 %(end)s %(subject)s没有标识齐全有效的照片记录，间隔%(gap)s，超过%(limit)s"
    )

    def parameter_names(self, group_value):
        return ("period", "grace", "backfill_fulfils")

    def records(self, as_of, fulfils):
        records = valid(ElevatorLabelCheck, as_of).filter(inspection_mark_ok=True, operating_labels_ok=True)
        records = records.exclude(attachment="")
        return records if fulfils else records.filter(backfilled=False)

    def changed(self, subject_ids, as_of, since):
        checks = ElevatorLabelCheck.objects.filter(occurred_at__lte=as_of)
        return [
            checks.filter(recorded_at__gte=since.received),
            checks.filter(corrections__recorded_at__gte=since.received),
        ]
