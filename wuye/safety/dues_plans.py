"""Next due dates of 3.4 emergency plans (each required plan's review), 4.1 entrance sign photos, 4.5
vehicle rules, and 3.5 archive categories missing (overdue), for the project safety overview (overview.py).

A fixed number of queries per project (queries_plans.py): the service period, the plans and their
reviews, the entrances with their latest photo, the vehicle rules, the archive's categories, and the
parameters in force.
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.compliance.duties import start_of_day
from wuye.safety.overview import OVERDUE, DueItem
from wuye.safety.queries_plans import (
    MISSING,
    archive_standing,
    entrance_standings,
    plan_standings,
    service_start,
    vehicle_rules_standing,
)

YEARLY_SOON = datetime.timedelta(days=30)


def due_items(project, now):
    today = timezone.localdate(now)
    items = []
    plans_url = reverse("emergency-plan-list", args=[project.pk])
    standings, _others = plan_standings(project, now)
    for standing in standings:
        plan = standing.document
        items.append(
            DueItem(
                clause="3.4",
                kind=_("应急预案"),
                asset=standing.label,
                duty=_("年度复核"),
                last_done=standing.last_at,
                due=standing.due,
                soon_before=YEARLY_SOON,
                asset_url=plan.get_absolute_url() if plan else plans_url,
                record_url=(
                    reverse("plan-review-create", args=[plan.pk])
                    if plan
                    else reverse("emergency-plan-create", args=[project.pk])
                ),
                note=_("缺少预案") if standing.state(now) == MISSING else "",
                state_override=missing_state(standing, now),
            )
        )
    for entrance, standing in entrance_standings(project, now):
        items.append(
            DueItem(
                clause="4.1",
                kind=_("出入口标志"),
                asset=entrance.name,
                duty=_("年度拍照"),
                last_done=standing.last_at,
                due=standing.due,
                soon_before=YEARLY_SOON,
                asset_url=reverse("sign-photos", args=[project.pk]),
                record_url=reverse("sign-photo-create", args=[entrance.pk]),
                note=_("尚无照片") if standing.state(now) == MISSING else "",
            )
        )
    rules = vehicle_rules_standing(project, now)
    items.append(
        DueItem(
            clause="4.5",
            kind=_("车辆管理制度"),
            asset=project.name,
            duty=_("年度更新"),
            last_done=rules.last_at,
            due=rules.due,
            soon_before=YEARLY_SOON,
            asset_url=reverse("vehicle-rules", args=[project.pk]),
            record_url=reverse("vehicle-rules-create", args=[project.pk]),
            note=_("缺少制度") if rules.state(now) == MISSING else "",
            state_override=missing_state(rules, now),
        )
    )
    began = service_start(project, today)
    archive_url = reverse("archive", args=[project.pk])
    for row in archive_standing(project, now):
        if not row["required"] or row["count"]:
            continue
        items.append(
            DueItem(
                clause="3.5",
                kind=_("电子档案"),
                asset=str(row["label"]),
                duty=_("归档"),
                last_done=None,
                due=start_of_day(began) if began else None,
                asset_url=archive_url,
                record_url=reverse("archive-document-create", args=[project.pk])
                + f"?category={row['category']}",
                note=_("缺少该类资料"),
                state_override=OVERDUE,
            )
        )
    return items


def missing_state(standing, now) -> str:
    """A document never there is overdue, also where no service period dates the duty (due is None)."""
    return OVERDUE if standing.state(now) == MISSING and standing.due is None else ""
