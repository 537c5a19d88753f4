"""Checks of clause 4.1: patrols, staffed entrances, working cameras."""

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.compliance.duties import start_of_day
from wuye.compliance.parameters import param
from wuye.compliance.registry import Check, FindingDraft, register
from wuye.compliance.rosters import roster_holes
from wuye.compliance.wording import duration, moment
from wuye.safety.checks.base import RollingCheck, serving_enterprise
from wuye.safety.models import CameraCheck, DutyShift, Entrance, PatrolRound, PatrolRoute


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


@register("4.1.entrance_staffed")
class EntranceUnstaffed(Check):
    """Every moment of every day, someone on the roster of each entrance in use.

    One query per run (compliance/rosters.roster_holes, shared with the service centres' roster of 3.3):
    a shift that starts after the latest end so far leaves a hole; so do the time from the entrance's
    first day to its first shift and from its last shift's end to now (the roster ran out).
    """

    ends_when_gone = False

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        entrances = Entrance.objects.filter(active=True, in_service_from__lte=today).select_related("project")
        info = {entrance.pk: entrance for entrance in entrances}
        if not info:
            return
        enterprise_at = serving_enterprise({entrance.project_id for entrance in info.values()})
        began = {pk: start_of_day(entrance.in_service_from) for pk, entrance in info.items()}
        holes = roster_holes(DutyShift.objects.all(), "entrance_id", began, as_of)
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
