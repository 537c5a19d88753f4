"""Checks of clauses 1.2 and 3.3 about the service centres: office and centres exist, the 24-hour phone
is published, the centre's roster leaves no hole.

One miss, one finding: a served project without a centre is 1.2's (no centre, so no address, hours or
phone either); a centre without its 24-hour phone is 3.3's.
"""

import datetime

from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.compliance.duties import start_of_day
from wuye.compliance.registry import Check, FindingDraft, register
from wuye.compliance.rosters import roster_holes
from wuye.compliance.wording import duration, moment
from wuye.estates.models import ServicePeriod
from wuye.estates.periods import serving_enterprise
from wuye.servicedesk.actions_centres import roster_start
from wuye.servicedesk.models import CentreShift, Office, ServiceCentre


def in_force(day, start="since", end="until") -> Q:
    return Q(**{f"{start}__lte": day}) & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": day}))


def centre_open(day) -> Q:
    """A centre that serves on ``day`` (lookups from the centre)."""
    return Q(active=True, opened_on__lte=day)


@register("1.2.service_centre")
class ServiceCentreMissing(Check):
    """Every enterprise serving a project today has an office in force; every served project a centre.

    Two queries: the serving enterprises without an office today, the served projects without a centre
    open today. A finding runs from the takeover (or the day after the last office closed).
    """

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        serving = ServicePeriod.objects.current(today).select_related("enterprise__division", "project")
        yield from self.without_office(serving, today)
        centres = ServiceCentre.objects.filter(centre_open(today), project=OuterRef("project"))
        for period in serving.filter(~Exists(centres)).order_by("project_id"):
            project = period.project
            yield FindingDraft(
                check_id=self.check_id,
                subject=f"project:{project.pk}",
                subject_name=project.name,
                period_start=start_of_day(period.start),
                period_end=None,
                message=_("“%(project)s”没有客户服务中心（地址、服务时间、电话均未公示）")
                % {"project": project.name},
                project_id=project.pk,
                enterprise_id=period.enterprise_id,
                division_id=project.division_id,
                evidence=[f"estates.serviceperiod:{period.pk}"],
            )

    def without_office(self, serving, today):
        offices = Office.objects.filter(in_force(today), enterprise=OuterRef("enterprise"))
        firsts = {}
        for period in serving.filter(~Exists(offices)).order_by("enterprise_id", "start"):
            firsts.setdefault(period.enterprise_id, period)
        closed = dict(
            Office.objects.filter(enterprise_id__in=firsts, until__lt=today)
            .order_by("enterprise_id", "until")
            .values_list("enterprise_id", "until")
        )  # the last office each had (the latest ``until`` wins in the dict)
        for enterprise_id, period in firsts.items():
            enterprise = period.enterprise
            since = period.start
            if enterprise_id in closed:
                since = max(since, closed[enterprise_id] + datetime.timedelta(days=1))
            yield FindingDraft(
                check_id=self.check_id,
                subject=f"enterprise:{enterprise_id}",
                subject_name=enterprise.name,
                period_start=start_of_day(since),
                period_end=None,
                message=_("%(enterprise)s没有登记固定办公场所（地址、电话）")
                % {"enterprise": enterprise.name},
                enterprise_id=enterprise_id,
                division_id=enterprise.division_id,
            )


@register("3.3.phone_published")
class PhoneNotPublished(Check):
    """A served project's service centre shows a 24-hour service phone (one query).

    A project without a centre is 1.2.service_centre's finding, not this one's.
    """

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        serving = ServicePeriod.objects.current(today).filter(
            project__service_centre__active=True,
            project__service_centre__opened_on__lte=today,
            project__service_centre__service_phone="",
        )
        rows = serving.select_related("project").annotate(
            centre_id=F("project__service_centre__pk"), opened_on=F("project__service_centre__opened_on")
        )
        for period in rows.order_by("project_id"):
            project = period.project
            yield FindingDraft(
                check_id=self.check_id,
                subject=f"project:{project.pk}",
                subject_name=project.name,
                period_start=start_of_day(max(period.start, period.opened_on)),
                period_end=None,
                message=_("“%(project)s”未公示24小时服务电话，业主有急事时无法联系物业")
                % {"project": project.name},
                project_id=project.pk,
                enterprise_id=period.enterprise_id,
                division_id=project.division_id,
                evidence=[f"servicedesk.servicecentre:{period.centre_id}"],
            )


@register("3.3.duty_roster")
class CentreUnstaffed(Check):
    """Every moment of every day someone on the roster of each open service centre.

    The hole query is the entrance roster's (compliance/rosters.roster_holes): one query for all
    centres; a hole from–to, or from the roster's last end up to now while it is open.
    """

    ends_when_gone = False

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        centres = {
            c.pk: c for c in ServiceCentre.objects.filter(centre_open(today)).select_related("project")
        }
        if not centres:
            return
        began = {pk: roster_start(centre) for pk, centre in centres.items()}
        holes = roster_holes(CentreShift.objects.all(), "centre_id", began, as_of)
        enterprise_at = serving_enterprise({centre.project_id for centre in centres.values()})
        for centre_id, start, end, after_id in holes:
            centre = centres[centre_id]
            words = {"centre": str(centre), "start": moment(start)}
            if end is None:
                message = _("%(centre)s自%(start)s起值班表上无人值班（至%(now)s已%(gap)s）") % {
                    **words,
                    "now": moment(as_of),
                    "gap": duration(as_of - start),
                }
            else:
                message = _("%(centre)s %(start)s 至 %(end)s 无人值班（%(gap)s），业主无处求助") % {
                    **words,
                    "end": moment(end, same_day_as=start),
                    "gap": duration(end - start),
                }
            yield FindingDraft(
                check_id=self.check_id,
                subject=f"servicecentre:{centre.pk}",
                subject_name=str(centre),
                period_start=start,
                period_end=end,
                message=message,
                project_id=centre.project_id,
                enterprise_id=enterprise_at(centre.project_id, start),
                division_id=centre.project.division_id,
                evidence=[f"servicedesk.centreshift:{after_id}"] if after_id else [],
            )
