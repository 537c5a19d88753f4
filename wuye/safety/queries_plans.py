"""Where a project stands on clauses 3.4, 3.5, 4.5 and the entrance signs: for its page, its card and the
safety overview. The rule of what is in force is currency.py's, the same the checks use; each function
costs a fixed number of queries whatever the number of records.

``user`` narrows every read to what he may see (the pages); None reads all (the overview's own caller
has checked the project).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from wuye.compliance.currency import lapse_moment
from wuye.compliance.duties import start_of_day
from wuye.compliance.parameters import param
from wuye.core.web import count_of
from wuye.estates.models import ServicePeriod
from wuye.safety.choices_plans import ArchiveCategory, PlanType, ReviewVerdict, label_of
from wuye.safety.models import (
    ArchiveDocument,
    ContentReview,
    EmergencyPlan,
    Entrance,
    Incident,
    PlanReview,
    SignPhoto,
    Vehicle,
    VehicleRules,
)

IN_FORCE, LAPSED, MISSING = "in_force", "lapsed", "missing"


def readable(model, user):
    return model.objects.visible_to(user) if user is not None else model.objects.all()


def months_of(check_id: str, name: str, division: str, today) -> int:
    from wuye.safety.checks.plans import months_param

    return months_param(check_id, name, division, today)


def service_start(project, today) -> datetime.date | None:
    """The first day of the current enterprise's service (the project-level duties run from it)."""
    return (
        ServicePeriod.objects.current(today)
        .filter(project=project)
        .order_by("start")
        .values_list("start", flat=True)
        .first()
    )


@dataclass
class Standing:
    """A document duty of one subject: the latest document that counts and when it lapses."""

    label: str
    last_at: datetime.datetime | None
    due: datetime.datetime | None  # when it lapses; for a missing one, when the duty began (or None)
    document: object = None  # the latest document (a plan, vehicle rules, a sign photo)

    def state(self, now) -> str:
        if self.last_at is None:
            return MISSING
        return IN_FORCE if self.due > now else LAPSED


def plan_standings(project, now, user=None) -> tuple[list[Standing], list]:
    """The required plan types with their standing, and the project's other plans (newest first)."""
    today = timezone.localdate(now)
    division = project.division_id
    required = list(param("3.4.plans_present", "plan_types", division, today))
    period = months_of("3.4.plans_present", "review_period", division, today)
    last = dict(
        readable(PlanReview, user)
        .filter(project=project, occurred_at__lte=now)
        .values_list("plan_type")
        .annotate(last=Max("occurred_at"))
    )
    plans = list(readable(EmergencyPlan, user).filter(project=project).order_by("-occurred_at", "-pk"))
    latest = {}
    for plan in plans:  # a few per project
        latest.setdefault(plan.plan_type, plan)
    began = service_start(project, today)
    standings = []
    for kind in required:
        at = last.get(kind)
        due = lapse_moment(at, period) if at else (start_of_day(began) if began else None)
        standings.append(Standing(label_of(PlanType, kind), at, due, latest.get(kind)))
    others = [plan for plan in plans if plan.plan_type not in required]
    return standings, others


def vehicle_rules_standing(project, now, user=None) -> Standing:
    today = timezone.localdate(now)
    period = months_of("4.5.vehicle_rules", "max_age", project.division_id, today)
    rules = (
        not_rejected(
            readable(VehicleRules, user).filter(project=project, occurred_at__lte=now), "vehicle_rules"
        )
        .order_by("-occurred_at", "-pk")
        .first()
    )
    began = service_start(project, today)  # asked always: a fixed number of queries
    if rules is None:
        return Standing("", None, start_of_day(began) if began else None)
    return Standing("", rules.occurred_at, lapse_moment(rules.occurred_at, period), rules)


def entrance_standings(project, now, user=None) -> list[tuple]:
    """Each entrance in use with the standing of its sign photo: (entrance, Standing)."""
    today = timezone.localdate(now)
    period = months_of("4.1.safety_signs", "max_age", project.division_id, today)
    latest = not_rejected(
        readable(SignPhoto, user).filter(entrance=OuterRef("pk"), occurred_at__lte=now), "sign_photo"
    ).order_by("-occurred_at", "-pk")
    entrances = (
        readable(Entrance, user)
        .filter(project=project, active=True)
        .annotate(
            photo_at=Subquery(latest.values("occurred_at")[:1]), photo_id=Subquery(latest.values("pk")[:1])
        )
        .order_by("name")
    )
    rows = []
    for entrance in entrances:
        if entrance.photo_at:
            due = lapse_moment(entrance.photo_at, period)
        else:
            due = start_of_day(entrance.in_service_from)
        rows.append((entrance, Standing(entrance.name, entrance.photo_at, due)))
    return rows


def archive_categories(project, today) -> list[str]:
    from wuye.safety.checks.plans import archive_categories as required

    return list(required(project.division_id, today))


def archive_standing(project, now, user=None) -> list[dict]:
    """Every category (the required ones first) with how many documents it holds and since when."""
    today = timezone.localdate(now)
    required = archive_categories(project, today)
    filed = {
        row["category"]: row
        for row in readable(ArchiveDocument, user)
        .filter(project=project, corrections__isnull=True)
        .values("category")
        .annotate(count=Count("pk"), first=Min("occurred_at"))
    }
    order = required + [c for c in ArchiveCategory.values if c not in required]
    return [
        {
            "category": code,
            "label": label_of(ArchiveCategory, code),
            "required": code in required,
            "count": filed.get(code, {}).get("count", 0),
            "first": filed.get(code, {}).get("first"),
        }
        for code in order
        if code in required or code in filed
    ]


def card_summary(project, now, user) -> dict:
    """What the project page's card shows, in one query on the project (and one on its entrances) besides
    the parameters: each required plan's standing, the rules', the archive's and the vehicles' counts."""
    today = timezone.localdate(now)
    division = project.division_id
    required = list(param("3.4.plans_present", "plan_types", division, today))
    plan_period = months_of("3.4.plans_present", "review_period", division, today)
    rules_period = months_of("4.5.vehicle_rules", "max_age", division, today)
    categories = archive_categories(project, today)
    here = {"project": OuterRef("pk")}

    def latest(records):
        return Subquery(records.order_by("-occurred_at").values("occurred_at")[:1])

    reviews = readable(PlanReview, user).filter(**here, occurred_at__lte=now)
    plans = {f"plan_{index}": latest(reviews.filter(plan_type=kind)) for index, kind in enumerate(required)}
    rules = not_rejected(readable(VehicleRules, user).filter(**here, occurred_at__lte=now), "vehicle_rules")
    filed = (
        readable(ArchiveDocument, user)
        .filter(**here, category__in=categories, corrections__isnull=True)
        .order_by()
        .values("project")
        .annotate(n=Count("category", distinct=True))
    )
    row = (
        type(project)
        .objects.filter(pk=project.pk)
        .annotate(
            **plans,
            rules_at=latest(rules),
            archive_filed=Coalesce(Subquery(filed.values("n")[:1]), 0),
            vehicles_in_use=count_of(readable(Vehicle, user).filter(active=True), "project"),
            incidents_open=count_of(
                readable(Incident, user).filter(corrections__isnull=True, ended_at__isnull=True), "project"
            ),
        )
        .values(*plans, "rules_at", "archive_filed", "vehicles_in_use", "incidents_open")
        .get()
    )

    def standing(label, at, months):
        return Standing(label, at, lapse_moment(at, months) if at else None)

    signs = entrance_standings(project, now, user)
    return {
        "plans": [
            standing(label_of(PlanType, kind), row[f"plan_{index}"], plan_period)
            for index, kind in enumerate(required)
        ],
        "rules": standing("", row["rules_at"], rules_period),
        "archive_missing": len(categories) - row["archive_filed"],
        "archive_required": len(categories),
        "vehicles": row["vehicles_in_use"],
        "open_incidents": row["incidents_open"],
        "signs": signs,
        "signs_missing": sum(1 for _entrance, sign in signs if sign.state(now) != IN_FORCE),
    }


def not_rejected(records, field: str, as_of=None):
    """The records (vehicle rules, sign photos) whose latest content review up to ``as_of`` does not
    reject them: a rejected document is not the current one (models/reviews.py)."""
    latest = ContentReview.objects.filter(**{field: OuterRef("pk")})
    if as_of is not None:
        latest = latest.filter(occurred_at__lte=as_of)
    latest = latest.order_by("-occurred_at", "-pk").values("verdict")[:1]
    return records.annotate(latest_verdict=Subquery(latest)).filter(
        Q(latest_verdict__isnull=True) | ~Q(latest_verdict=ReviewVerdict.REJECTED)
    )
