"""Next due dates of 4.3 fire equipment and passages; 4.4 lightning and flood protection, for the project safety overview (overview.py).

One item per asset and duty: the monthly check of each fire facility (due 3 days after the first month
without a check ends), the yearly full test of each fire system, the day each extinguisher is to be
scrapped, the test of each lightning protection (six months where hazardous) and the check of each flood
protection; and every open defect of 4.3 and 4.4 (a blocked passage, a fault, a failed test) due by its
fix deadline, overdue once past it. A fixed number of queries per project, whatever its size.
"""

import datetime

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.compliance.duties import bucket_of, months_limit, next_bucket, start_of_day
from wuye.compliance.parameters import param, parameter_spec
from wuye.compliance.wording import months as months_in_words
from wuye.core.dates import add_months
from wuye.safety.actions_fire import FIRE_DEFECT_CHECKS
from wuye.safety.choices_fire import ExtinguisherType, FireEquipmentKind
from wuye.safety.models import (
    Defect,
    FireEquipment,
    FireEquipmentCheck,
    FireSystemTest,
    FloodCheck,
    FloodProtection,
    LightningProtection,
    LightningTest,
)
from wuye.safety.overview import DueItem

MONTH_SOON = datetime.timedelta(days=10)  # amber in the last days of the month a check is due for
YEAR_SOON = datetime.timedelta(days=30)  # a month's notice to book the testing body
SCRAP_SOON = datetime.timedelta(days=60)  # two months to buy the replacement
DEFECT_DUTIES = {
    "4.3.passage_cleared": ("4.3", gettext_lazy("消防通道"), gettext_lazy("清除占用")),
    "4.3.equipment_repaired": ("4.3", gettext_lazy("消防设施"), gettext_lazy("修复故障")),
    "4.4.defect_fixed": ("4.4", gettext_lazy("防雷防涝"), gettext_lazy("维修")),
}


def last(records, link: str, now):
    latest = records.filter(**{link: OuterRef("pk")}, occurred_at__lte=now).order_by("-occurred_at")
    return Subquery(latest.values("occurred_at")[:1])


def monthly_due(last_at, in_service_from, months: int, due_after) -> datetime.datetime:
    """The deadline of the first bucket after the last check (or from the bucket of the first day)."""
    if last_at is None:
        bucket = bucket_of(in_service_from, months)
    else:
        bucket = next_bucket(bucket_of(timezone.localtime(last_at).date(), months), months)
    return start_of_day(next_bucket(bucket, months)) + due_after


def limit_of(check_id, period_name, division, today):
    """The calendar limit of a yearly (or half-yearly) duty in force: period (+ grace)."""
    unit = parameter_spec(check_id, period_name).unit
    return months_limit(
        param(check_id, period_name, division, today), unit, param(check_id, "grace", division, today)
    )


def due_items(project, now):
    division, today = project.division_id, timezone.localdate(now)
    items = fire_equipment_items(project, now, division, today)
    items += protection_items(project, now, division, today)
    items += defect_items(project)
    return items


def fire_equipment_items(project, now, division, today):
    monthly = {
        check_id: (
            int(param(check_id, "bucket", division, today)),
            param(check_id, "due_after", division, today),
        )
        for check_id in ("4.3.equipment_check", "4.3.extinguisher_check")
    }
    full_test = limit_of("4.3.full_test", "period", division, today)
    ages = {
        kind: int(param("4.3.extinguisher_age", f"max_age_{kind}", division, today))
        for kind in ExtinguisherType.values
    }
    equipment = FireEquipment.objects.filter(project=project, active=True).annotate(
        last_check=last(FireEquipmentCheck.objects, "equipment", now),
        last_test=last(FireSystemTest.objects, "equipment", now),
    )
    items = []
    for item in equipment.order_by("kind", "name"):
        extinguisher = item.kind == FireEquipmentKind.EXTINGUISHER
        months, due_after = monthly["4.3.extinguisher_check" if extinguisher else "4.3.equipment_check"]
        group = "extinguisher" if extinguisher else "other"
        asset_url = reverse("fire-equipment-detail", args=[item.pk])
        items.append(
            DueItem(
                clause="4.3",
                kind=item.get_kind_display(),
                asset=item.name,
                duty=_("月度检查"),
                last_done=item.last_check,
                due=monthly_due(item.last_check, item.in_service_from, months, due_after),
                soon_before=MONTH_SOON,
                asset_url=asset_url,
                record_url=reverse("fire-checks-create", args=[project.pk]) + f"?kind={group}",
            )
        )
        if item.is_full_tested:
            items.append(
                DueItem(
                    clause="4.3",
                    kind=item.get_kind_display(),
                    asset=item.name,
                    duty=_("年度全面检测"),
                    last_done=item.last_test,
                    due=full_test.deadline(item.last_test or start_of_day(item.in_service_from)),
                    soon_before=YEAR_SOON,
                    asset_url=asset_url,
                    record_url=reverse("fire-system-test-create", args=[item.pk]),
                )
            )
        if extinguisher and item.production_date and item.extinguisher_type:
            years = ages[item.extinguisher_type]
            items.append(
                DueItem(
                    clause="4.3",
                    kind=item.get_kind_display(),
                    asset=item.name,
                    duty=_("到期报废（%(age)s）") % {"age": months_in_words(12 * years)},
                    last_done=None,
                    due=start_of_day(add_months(item.production_date, 12 * years)),
                    soon_before=SCRAP_SOON,
                    asset_url=asset_url,
                    note=_("%(type)s，%(date)s出厂")
                    % {
                        "type": item.get_extinguisher_type_display(),
                        "date": item.production_date,
                    },
                )
            )
    return items


def protection_items(project, now, division, today):
    items = []
    lightning = {
        hazardous: limit_of(
            "4.4.lightning_test", "period_hazardous" if hazardous else "period", division, today
        )
        for hazardous in (True, False)
    }
    flood = limit_of("4.4.flood_check", "period", division, today)
    sources = [
        (LightningProtection, LightningTest, "lightning-detail", "lightning-test-create"),
        (FloodProtection, FloodCheck, "flood-detail", "flood-check-create"),
    ]
    for model, records, detail, record in sources:
        assets = model.objects.filter(project=project, active=True).annotate(
            last_at=last(records.objects, "protection", now)
        )
        for asset in assets.order_by("name"):
            limit = lightning[asset.hazardous] if model is LightningProtection else flood
            items.append(
                DueItem(
                    clause="4.4",
                    kind=str(model._meta.verbose_name),
                    asset=asset.name,
                    duty=(
                        _("防雷检测（%(period)s）")
                        if model is LightningProtection
                        else _("防涝检查（%(period)s）")
                    )
                    % {"period": months_in_words(limit.months)},
                    last_done=asset.last_at,
                    due=limit.deadline(asset.last_at or start_of_day(asset.in_service_from)),
                    soon_before=YEAR_SOON,
                    asset_url=reverse(detail, args=[asset.pk]),
                    record_url=reverse(record, args=[asset.pk]),
                )
            )
    return items


def defect_items(project):
    """Every open problem of 4.3 and 4.4: due by its deadline, overdue once past it."""
    defects = Defect.objects.filter(project=project, check_id__in=FIRE_DEFECT_CHECKS, fixed_at__isnull=True)
    items = []
    for defect in defects.order_by("deadline", "pk"):
        clause, kind, duty = DEFECT_DUTIES[defect.check_id]
        items.append(
            DueItem(
                clause=clause,
                kind=str(kind),
                asset=defect.subject_name,
                duty=str(duty),
                last_done=None,
                due=defect.deadline,
                soon_before=(defect.deadline - defect.found_at) / 4,
                record_url=reverse("defect-fix", args=[defect.pk]),
                note=defect.description,
            )
        )
    return items
