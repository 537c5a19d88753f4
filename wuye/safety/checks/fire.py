"""Checks of 4.3 fire equipment and passages; 4.4 lightning and flood protection.

- 4.3.equipment_check / 4.3.extinguisher_check: every facility checked once a calendar month (the rest,
  and the extinguishers), due 3 days after the month ends.
- 4.3.full_test: the fire systems tested in full at most a year apart (calendar months).
- 4.3.extinguisher_age: no extinguisher in use past its scrapping age (GB 50444-2008 §5.4.3).
- 4.3.passage_cleared / 4.3.equipment_repaired: a blocked passage or a faulty facility fixed by its deadline.
- 4.4.lightning_test (a year, six months where there is explosion or fire risk), 4.4.flood_check (a year),
  4.4.defect_fixed: what failed a test repaired by its deadline.
"""

from django.db.models import Case, DateField, F, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.compliance.duties import start_of_day
from wuye.compliance.parameters import param
from wuye.compliance.registry import Check, FindingDraft, register
from wuye.compliance.wording import day
from wuye.core.dates import AddMonths
from wuye.safety.checks.base import CalendarCheck, DefectOverdue, RollingCheck, serving_enterprise
from wuye.safety.choices_fire import FULL_TEST_KINDS, ExtinguisherType, FireEquipmentKind
from wuye.safety.models import (
    FireEquipment,
    FireEquipmentCheck,
    FireSystemTest,
    FloodCheck,
    FloodProtection,
    LightningProtection,
    LightningTest,
)


def counted(model, as_of):
    """The records of ``model`` up to ``as_of`` that count: a corrected record is replaced by its correction."""
    corrected = model.objects.filter(corrects__isnull=False).values("corrects_id")
    return model.objects.filter(occurred_at__lte=as_of).exclude(pk__in=corrected)


def changed_since(model, as_of, since):
    """Records received since the last run, and records a correction received since took out."""
    records = model.objects.filter(occurred_at__lte=as_of)
    return [
        records.filter(recorded_at__gte=since.received),
        records.filter(corrections__recorded_at__gte=since.received),
    ]


# -- monthly checks ------------------------------------------------------------------------------------


class MonthlyFireCheck(CalendarCheck):
    subject_model = FireEquipment
    subject_field = "equipment_id"
    subject_kind = "fireequipment"
    message = gettext_lazy("“%(subject)s”%(bucket)s没有月度检查记录（应于%(due)s前完成）")

    def records(self, as_of):
        return counted(FireEquipmentCheck, as_of)


@register("4.3.equipment_check")
class EquipmentMonthlyCheck(MonthlyFireCheck):
    """Every fire facility but the extinguishers (hydrants, systems, doors, the control room) checked monthly."""

    def subjects(self, today):
        return super().subjects(today).exclude(kind=FireEquipmentKind.EXTINGUISHER)


@register("4.3.extinguisher_check")
class ExtinguisherMonthlyCheck(MonthlyFireCheck):
    """Every extinguisher point checked monthly (GB 50444-2008 §5.2)."""

    message = gettext_lazy("灭火器“%(subject)s”%(bucket)s没有月度检查记录（应于%(due)s前完成）")

    def subjects(self, today):
        return super().subjects(today).filter(kind=FireEquipmentKind.EXTINGUISHER)


# -- yearly tests --------------------------------------------------------------------------------------


@register("4.3.full_test")
class FullTestGap(RollingCheck):
    """The alarm, sprinkler and smoke-control systems tested in full at most a year apart."""

    subject_model = FireEquipment
    subject_field = "equipment_id"
    subject_kind = "fireequipment"
    evidence_label = "safety.firesystemtest"
    open_message = gettext_lazy(
        "“%(subject)s”自%(start)s起未做年度全面检测（至%(now)s已%(gap)s），超过规定间隔%(limit)s"
    )
    closed_message = gettext_lazy(
        "%(start)s 至 %(end)s “%(subject)s”未做年度全面检测，间隔%(gap)s，超过规定间隔%(limit)s"
    )

    def subjects(self, today):
        return super().subjects(today).filter(kind__in=FULL_TEST_KINDS)

    def records(self, as_of, fulfils):
        records = counted(FireSystemTest, as_of)
        return records if fulfils else records.filter(backfilled=False)

    def changed(self, subject_ids, as_of, since):
        return changed_since(FireSystemTest, as_of, since)


@register("4.4.lightning_test")
class LightningTestGap(RollingCheck):
    """Lightning protection tested at most a year apart; six months where there is explosion or fire risk."""

    subject_model = LightningProtection
    subject_field = "protection_id"
    subject_kind = "lightningprotection"
    evidence_label = "safety.lightningtest"
    group_field = "hazardous"
    open_message = gettext_lazy(
        "防雷装置“%(subject)s”自%(start)s起未检测（至%(now)s已%(gap)s），超过规定间隔%(limit)s"
    )
    closed_message = gettext_lazy(
        "%(start)s 至 %(end)s 防雷装置“%(subject)s”未检测，间隔%(gap)s，超过规定间隔%(limit)s"
    )

    def parameter_names(self, group_value):
        period = "period_hazardous" if group_value else "period"
        return (period, "grace", "backfill_fulfils")

    def records(self, as_of, fulfils):
        records = counted(LightningTest, as_of)
        return records if fulfils else records.filter(backfilled=False)

    def changed(self, subject_ids, as_of, since):
        return changed_since(LightningTest, as_of, since)


@register("4.4.flood_check")
class FloodCheckGap(RollingCheck):
    """Flood protection equipment checked at most a year apart."""

    subject_model = FloodProtection
    subject_field = "protection_id"
    subject_kind = "floodprotection"
    evidence_label = "safety.floodcheck"
    open_message = gettext_lazy(
        "防涝器材“%(subject)s”自%(start)s起未检查（至%(now)s已%(gap)s），超过规定间隔%(limit)s"
    )
    closed_message = gettext_lazy(
        "%(start)s 至 %(end)s 防涝器材“%(subject)s”未检查，间隔%(gap)s，超过规定间隔%(limit)s"
    )

    def records(self, as_of, fulfils):
        records = counted(FloodCheck, as_of)
        return records if fulfils else records.filter(backfilled=False)

    def changed(self, subject_ids, as_of, since):
        return changed_since(FloodCheck, as_of, since)


# -- extinguishers past their scrapping age ------------------------------------------------------------


def scrapping_ages(division, today) -> dict[str, int]:
    """Years after production at which each extinguisher type is scrapped, in force in a division."""
    return {
        kind: int(param("4.3.extinguisher_age", f"max_age_{kind}", division, today))
        for kind in ExtinguisherType.values
    }


def scrapping_day(ages: dict[str, int]):
    """The day the production date + the type's age (calendar years) falls on, as an SQL expression."""
    return Case(
        *(
            When(extinguisher_type=kind, then=AddMonths(F("production_date"), 12 * years))
            for kind, years in ages.items()
        ),
        output_field=DateField(),
    )


@register("4.3.extinguisher_age")
class ExtinguisherPastAge(Check):
    """An extinguisher in use on or after the day it reaches its scrapping age (from its production date:
    water-based 6 years, dry powder and clean agent 10, CO₂ 12). One finding per extinguisher from that
    day, closed when it is taken out of use (replaced: a new one is a new row)."""

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        extinguishers = FireEquipment.objects.filter(
            kind=FireEquipmentKind.EXTINGUISHER,
            active=True,
            in_service_from__lte=today,
            production_date__isnull=False,
        ).order_by()
        groups = {}
        for division in extinguishers.values_list("project__division_id", flat=True).distinct():
            ages = scrapping_ages(division, today)
            groups.setdefault(tuple(sorted(ages.items())), []).append(division)
        for ages, divisions in groups.items():
            ages = dict(ages)
            late = (
                extinguishers.filter(project__division_id__in=divisions)
                .annotate(scrapped_on=scrapping_day(ages))
                .filter(scrapped_on__lte=today)
                .select_related("project")
            )
            late = list(late)
            enterprise_at = serving_enterprise({item.project_id for item in late})
            for item in late:
                years = ages[item.extinguisher_type]
                start = start_of_day(item.scrapped_on)
                message = _(
                    "灭火器“%(subject)s”（%(type)s，%(produced)s出厂）已于%(scrapped)s达到%(years)d年报废年限，仍在使用"
                ) % {
                    "subject": item.name,
                    "type": item.get_extinguisher_type_display(),
                    "produced": day(item.production_date),
                    "scrapped": day(item.scrapped_on),
                    "years": years,
                }
                yield FindingDraft(
                    check_id=self.check_id,
                    subject=f"fireequipment:{item.pk}",
                    subject_name=str(item),
                    period_start=start,
                    period_end=None,
                    message=message,
                    project_id=item.project_id,
                    # Who keeps it in use now answers for it; before anyone serves, who served then.
                    enterprise_id=enterprise_at(item.project_id, as_of)
                    or enterprise_at(item.project_id, start),
                    division_id=item.project.division_id,
                    parameters={f"max_age_{item.extinguisher_type}": str(years)},
                )


# -- problems found, fixed by their deadline ----------------------------------------------------------


@register("4.3.passage_cleared")
class PassageBlockedOverdue(DefectOverdue):
    """A blocked fire passage cleared by its deadline (24 h by default)."""


@register("4.3.equipment_repaired")
class EquipmentFaultOverdue(DefectOverdue):
    """A faulty fire facility (a monthly check, a failed full test) repaired by its deadline (7 days)."""


@register("4.4.defect_fixed")
class ProtectionDefectOverdue(DefectOverdue):
    """Lightning or flood protection that failed its test repaired by its deadline (30 days)."""
