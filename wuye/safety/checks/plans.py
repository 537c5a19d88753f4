"""Checks of 3.4 emergency plans, incidents and stoppage notices; 3.5 archive; 4.5 vehicle rules; 4.1 signs.

The project-level duties (plans, archive, vehicle rules) run for every project an enterprise serves now,
from the day it took over: a missing or lapsed document is a finding from the day it was lacking
(currency.py says when a document is in force). Sign photos run per entrance from its first day.
"""

import datetime
from collections import defaultdict

from django.db.models import DurationField, ExpressionWrapper, F, Min
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from wuye.compliance.currency import lapses
from wuye.compliance.duties import start_of_day
from wuye.compliance.parameters import by_division, param, parameter_spec
from wuye.compliance.registry import Check, FindingDraft, register
from wuye.compliance.wording import day, duration, moment, months
from wuye.estates.models import ServicePeriod
from wuye.safety.checks.base import serving_enterprise
from wuye.safety.choices_plans import ArchiveCategory, PlanType, label_of
from wuye.safety.models import (
    ArchiveDocument,
    Entrance,
    Incident,
    PlanReview,
    SignPhoto,
    StoppageNotice,
    VehicleRules,
)
from wuye.safety.queries_plans import not_rejected


def months_param(check_id: str, name: str, division: str, today) -> int:
    """A period in whole calendar months, whichever of months or years the catalogue gives it in."""
    value = int(param(check_id, name, division, today))
    return value * 12 if parameter_spec(check_id, name).unit == "years" else value


def served_projects(today) -> dict:
    """{project id: its current service period's start, enterprise, name and division}, one query."""
    rows = ServicePeriod.objects.current(today).values_list(
        "project_id", "start", "enterprise_id", "project__name", "project__division_id"
    )
    served = {}
    for project_id, start, enterprise_id, name, division in rows.order_by("start"):
        served[project_id] = {"start": start, "enterprise": enterprise_id, "name": name, "division": division}
    return served


def labels(codes, choices) -> str:
    return pgettext("list separator", "、").join(label_of(choices, code) for code in codes)


def lapse_draft(check, lapse, *, subject, subject_name, info, words, values, evidence_label, applied):
    """A finding of days without a current document, worded by ``words`` (missing / lapsed / closed)."""
    values = {**values, "start": day(lapse.start)}
    if lapse.end is not None:
        message = words["closed"] % {**values, "end": day(lapse.end)}
    elif lapse.before_id is not None:
        message = words["lapsed"] % values
    else:
        message = words["missing"] % values
    evidence = [f"{evidence_label}:{pk}" for pk in (lapse.before_id, lapse.after_id) if pk]
    return FindingDraft(
        check_id=check.check_id,
        subject=subject,
        subject_name=subject_name,
        period_start=start_of_day(lapse.start),
        period_end=start_of_day(lapse.end) if lapse.end else None,
        message=message,
        project_id=info["project"],
        enterprise_id=info["enterprise"],
        division_id=info["division"],
        evidence=evidence,
        parameters=applied,
    )


# -- 3.4 ------------------------------------------------------------------------------------------------


PLANS_PRESENT = "3.4.plans_present"
PLAN_WORDS = {
    "missing": gettext_lazy("%(project)s自%(start)s起没有%(type)s应急预案"),
    "lapsed": gettext_lazy("%(project)s的%(type)s应急预案超过%(period)s未复核，自%(start)s起不再有效"),
    "closed": gettext_lazy("%(project)s %(start)s至%(end)s没有有效的%(type)s应急预案"),
}


def required_plan_types(division, today) -> tuple:
    return tuple(param(PLANS_PRESENT, "plan_types", division, today))


@register(PLANS_PRESENT)
class PlansPresent(Check):
    """Each required plan type (fire, elevator failure, water and power outage) in force at every served
    project: approved or reviewed within the review period. One finding per missing type per project."""

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        served = served_projects(today)
        groups = by_division(
            served,
            lambda division: (
                required_plan_types(division, today),
                param(self.check_id, "review_period", division, today),
            ),
            lambda pk: served[pk]["division"],
        )
        words = {key: str(text) for key, text in PLAN_WORDS.items()}
        for (types, review_period), ids in groups.items():
            period = months_param(self.check_id, "review_period", served[ids[0]]["division"], today)
            starts = {(pk, kind): served[pk]["start"] for pk in ids for kind in types}
            records = PlanReview.objects.filter(
                project_id__in=ids, plan_type__in=types, occurred_at__lte=as_of
            )
            applied = {"plan_types": list(types), "review_period": str(review_period)}
            for lapse in lapses(records, ["project_id", "plan_type"], period, starts, today):
                project_id, kind = lapse.key
                info = {**served[project_id], "project": project_id}
                name = label_of(PlanType, kind)
                yield lapse_draft(
                    self,
                    lapse,
                    subject=f"project:{project_id}:{kind}",
                    subject_name=_("%(project)s %(type)s应急预案") % {"project": info["name"], "type": name},
                    info=info,
                    words=words,
                    values={"project": info["name"], "type": name, "period": months(period)},
                    evidence_label="safety.planreview",
                    applied=applied,
                )


@register("3.4.plan_started")
class PlanStarted(Check):
    """An incident of a required type (a fire, a trapped elevator, an outage) shows its plan started."""

    ends_when_gone = False  # a correction that adds the start was a mistake in the record, not a fault

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        incidents = Incident.objects.filter(
            occurred_at__lte=as_of, plan_started_at__isnull=True, corrections__isnull=True
        )
        groups = defaultdict(list)
        for division in set(incidents.values_list("project__division_id", flat=True)):
            groups[required_plan_types(division, today)].append(division)
        for types, divisions in groups.items():
            rows = list(
                incidents.filter(project__division_id__in=divisions, plan_type__in=types).select_related(
                    "project"
                )
            )
            enterprise_at = serving_enterprise({incident.project_id for incident in rows})
            for incident in rows:
                yield self.draft(incident, as_of, types, enterprise_at)

    def draft(self, incident, as_of, types, enterprise_at):
        ended = incident.ended_at if incident.ended_at and incident.ended_at <= as_of else None
        message = _("%(start)s发生%(type)s事件（%(what)s），未启动应急预案") % {
            "start": moment(incident.occurred_at),
            "type": incident.type_label,
            "what": incident.description[:60],
        }
        return FindingDraft(
            check_id=self.check_id,
            subject=f"incident:{incident.pk}",
            subject_name=str(incident),
            period_start=incident.occurred_at,
            period_end=ended,
            message=message,
            project_id=incident.project_id,
            enterprise_id=enterprise_at(incident.project_id, incident.occurred_at),
            division_id=incident.project.division_id,
            evidence=[f"safety.incident:{incident.pk}"],
            parameters={"plan_types": list(types)},
        )


@register("3.4.stoppage_notice")
class StoppageNoticeLate(Check):
    """Owners told of a planned water or power stoppage at least ``notice_before`` ahead (exactly 24 h passes)."""

    ends_when_gone = False

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        notices = StoppageNotice.objects.filter(occurred_at__lte=as_of, corrections__isnull=True)
        divisions = set(notices.values_list("project__division_id", flat=True))
        limits = defaultdict(list)
        for division in divisions:
            limits[param(self.check_id, "notice_before", division, today)].append(division)
        lead = ExpressionWrapper(F("planned_start") - F("occurred_at"), output_field=DurationField())
        for limit, group in limits.items():
            late = list(
                notices.filter(project__division_id__in=group)
                .annotate(lead=lead)
                .filter(lead__lt=limit)
                .select_related("project")
            )
            enterprise_at = serving_enterprise({notice.project_id for notice in late})
            for notice in late:
                yield self.draft(notice, limit, enterprise_at)

    def draft(self, notice, limit, enterprise_at):
        values = {
            "kind": notice.get_kind_display(),
            "start": moment(notice.planned_start),
            "area": notice.area,
            "notified": moment(notice.occurred_at),
            "limit": duration(limit),
        }
        if notice.lead_time > datetime.timedelta(0):
            message = _(
                "计划%(kind)s（%(start)s起，%(area)s）于%(notified)s才通知业主，仅提前%(lead)s，应至少提前%(limit)s"
            ) % {**values, "lead": duration(notice.lead_time)}
        else:
            message = (
                _(
                    "计划%(kind)s（%(start)s起，%(area)s）在%(kind)s开始后（%(notified)s）才通知业主，应至少提前%(limit)s"
                )
                % values
            )
        return FindingDraft(
            check_id=self.check_id,
            subject=f"stoppagenotice:{notice.pk}",
            subject_name=str(notice),
            period_start=notice.planned_start - limit,
            period_end=notice.occurred_at,
            message=message,
            project_id=notice.project_id,
            enterprise_id=enterprise_at(notice.project_id, notice.occurred_at),
            division_id=notice.project.division_id,
            evidence=[f"safety.stoppagenotice:{notice.pk}"],
            parameters={"notice_before": str(limit)},
        )


# -- 3.5 ------------------------------------------------------------------------------------------------


def archive_categories(division, today) -> tuple:
    """The categories a project's archive must hold: 物业管理条例 Art. 29's, then the platform's."""
    check_id = "3.5.archive_complete"
    return tuple(param(check_id, "required_categories", division, today)) + tuple(
        param(check_id, "platform_categories", division, today)
    )


@register("3.5.archive_complete")
class ArchiveComplete(Check):
    """Every served project's archive holds a document of every required category.

    One finding per project, naming the categories missing (not one per category): the clause is one
    duty — a complete archive — so a project with eight empty categories breaks it once, not eight
    times (which would take the whole clause cap at once); the regulator reads one line per project
    that says what is missing, and the list shrinks as documents arrive. It counts from the takeover
    and closes on the day the last missing category is filed.
    """

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        served = served_projects(today)
        groups = by_division(
            served, lambda division: archive_categories(division, today), lambda pk: served[pk]["division"]
        )
        for categories, ids in groups.items():
            filed = (
                ArchiveDocument.objects.filter(
                    project_id__in=ids,
                    category__in=categories,
                    occurred_at__lte=as_of,
                    corrections__isnull=True,
                )
                .values_list("project_id", "category")
                .annotate(first=Min("occurred_at"))
            )
            first = defaultdict(dict)
            for project_id, category, at in filed:
                first[project_id][category] = at
            for project_id in ids:
                draft = self.draft(project_id, served[project_id], categories, first[project_id])
                if draft is not None:
                    yield draft

    def draft(self, project_id, info, categories, first):
        start = info["start"]
        missing = [category for category in categories if category not in first]
        end = None
        if not missing:
            end = max(timezone.localtime(at).date() for at in first.values())
            if end <= start:
                return None
        values = {"project": info["name"], "start": day(start)}
        if missing:
            message = _("%(project)s的电子档案自%(start)s起缺少%(count)s类资料：%(missing)s") % {
                **values,
                "count": len(missing),
                "missing": labels(missing, ArchiveCategory),
            }
        else:
            message = _("%(project)s的电子档案%(start)s至%(end)s不全，直到%(end)s才补齐全部类别") % {
                **values,
                "end": day(end),
            }
        return FindingDraft(
            check_id=self.check_id,
            subject=f"project:{project_id}",
            subject_name=info["name"],
            period_start=start_of_day(start),
            period_end=start_of_day(end) if end else None,
            message=message,
            project_id=project_id,
            enterprise_id=info["enterprise"],
            division_id=info["division"],
            parameters={"categories": list(categories), "missing": missing},
        )


# -- 4.5 ------------------------------------------------------------------------------------------------


RULES_WORDS = {
    "missing": gettext_lazy("%(subject)s自%(start)s起没有车辆管理制度"),
    "lapsed": gettext_lazy("%(subject)s的车辆管理制度超过%(period)s未更新，自%(start)s起不再现行"),
    "closed": gettext_lazy("%(subject)s %(start)s至%(end)s没有现行的车辆管理制度"),
}


@register("4.5.vehicle_rules")
class VehicleRulesCurrent(Check):
    """Every served project has vehicle rules issued within ``max_age`` (and not rejected by a reviewer)."""

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        served = served_projects(today)
        groups = by_division(
            served,
            lambda division: months_param(self.check_id, "max_age", division, today),
            lambda pk: served[pk]["division"],
        )
        for period, ids in groups.items():
            records = not_rejected(
                VehicleRules.objects.filter(
                    project_id__in=ids, occurred_at__lte=as_of, corrections__isnull=True
                ),
                "vehicle_rules",
                as_of,
            )
            starts = {(pk,): served[pk]["start"] for pk in ids}
            words = {key: str(text) for key, text in RULES_WORDS.items()}
            for lapse in lapses(records, ["project_id"], period, starts, today):
                (project_id,) = lapse.key
                info = {**served[project_id], "project": project_id}
                yield lapse_draft(
                    self,
                    lapse,
                    subject=f"project:{project_id}",
                    subject_name=info["name"],
                    info=info,
                    words=words,
                    values={"subject": info["name"], "period": months(period)},
                    evidence_label="safety.vehiclerules",
                    applied={"max_age": str(param(self.check_id, "max_age", info["division"], today))},
                )


# -- 4.1 signs ------------------------------------------------------------------------------------------


SIGN_WORDS = {
    "missing": gettext_lazy("%(subject)s自%(start)s起没有安全通行标志的照片"),
    "lapsed": gettext_lazy("%(subject)s的安全通行标志照片已超过%(period)s，自%(start)s起需重新拍照"),
    "closed": gettext_lazy("%(subject)s %(start)s至%(end)s没有当年的安全通行标志照片"),
}


@register("4.1.safety_signs")
class SafetySigns(Check):
    """Every entrance in use has a photo of its signs taken within ``max_age`` (and not rejected)."""

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        entrances = {
            pk: {
                "start": start,
                "project": project_id,
                "name": f"{project_name} {name}",
                "division": division,
            }
            for pk, start, project_id, project_name, name, division in Entrance.objects.filter(
                active=True, in_service_from__lte=today
            ).values_list(
                "pk", "in_service_from", "project_id", "project__name", "name", "project__division_id"
            )
        }
        groups = by_division(
            entrances,
            lambda division: months_param(self.check_id, "max_age", division, today),
            lambda pk: entrances[pk]["division"],
        )
        for period, ids in groups.items():
            records = not_rejected(
                SignPhoto.objects.filter(
                    entrance_id__in=ids, occurred_at__lte=as_of, corrections__isnull=True
                ),
                "sign_photo",
                as_of,
            )
            starts = {(pk,): entrances[pk]["start"] for pk in ids}
            enterprise_at = serving_enterprise({entrances[pk]["project"] for pk in ids})
            words = {key: str(text) for key, text in SIGN_WORDS.items()}
            for lapse in lapses(records, ["entrance_id"], period, starts, today):
                (entrance_id,) = lapse.key
                entrance = entrances[entrance_id]
                info = {
                    **entrance,
                    "enterprise": enterprise_at(entrance["project"], start_of_day(lapse.start)),
                }
                yield lapse_draft(
                    self,
                    lapse,
                    subject=f"entrance:{entrance_id}",
                    subject_name=entrance["name"],
                    info=info,
                    words=words,
                    values={"subject": entrance["name"], "period": months(period)},
                    evidence_label="safety.signphoto",
                    applied={"max_age": str(param(self.check_id, "max_age", entrance["division"], today))},
                )
