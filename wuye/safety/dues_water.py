"""Next due times of clauses 4.6 and 4.7 for the project safety overview (overview.py) and the water pages.

Per water tank: the next lab test and the next cleaning (6 calendar months after the last, or after the
tank went into service). Per served project: the next monthly sewer check and quarterly flush (the
deadline of the first bucket after the last record's, or of the takeover's bucket). Per septic tank: the
next emptying. The rules are the checks' own (``RollingCheck.limit``, the calendar buckets of duties.py);
a fixed number of queries per project, whatever the number of tanks.
"""

import datetime

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from wuye.compliance.duties import bucket_of, deadline_after, next_bucket, start_of_day
from wuye.compliance.parameters import param
from wuye.estates.models import Project, ServicePeriod
from wuye.safety.checks.water import TankCleaningGap, WaterTestGap, uncorrected
from wuye.safety.models import (
    SepticEmptying,
    SepticTank,
    SewerCheck,
    SewerFlush,
    TankCleaning,
    WaterTank,
    WaterTest,
)
from wuye.safety.overview import OVERDUE, DueItem
from wuye.safety.water_limits import item_rows, limits_in_force

MONTH_SOON = datetime.timedelta(days=30)
WEEK = datetime.timedelta(days=7)


def rolling_limit(check, division, today):
    """The limit of a tank's rolling duty in force: period (calendar months) + grace."""
    period = param(check.check_id, "period", division, today)
    grace = param(check.check_id, "grace", division, today)
    return check.limit("period", period, grace)


def calendar_params(check_id: str, division, today) -> tuple[int, datetime.timedelta]:
    """(bucket in months, due_after) of a calendar duty in force."""
    return int(param(check_id, "bucket", division, today)), param(check_id, "due_after", division, today)


def calendar_due(params, started: datetime.date, last_at) -> datetime.datetime:
    """When the first bucket after the last record's (or the start's own bucket) is due."""
    months, due_after = params
    if last_at is not None:
        bucket = next_bucket(bucket_of(timezone.localtime(last_at).date(), months), months)
    else:
        bucket = bucket_of(started, months)
    return start_of_day(next_bucket(bucket, months)) + due_after


def last_of(records, link: str, now):
    """Per row (``OuterRef("pk")``): when its latest record of ``records`` up to ``now`` took place."""
    latest = records.filter(**{link: OuterRef("pk"), "occurred_at__lte": now}).order_by("-occurred_at")
    return Subquery(latest.values("occurred_at")[:1])


def with_last_records(tanks, now, user=None, fulfils: bool = True):
    """Tanks with ``last_test_at`` (and ``last_test_id``) and ``last_cleaning_at`` (of the records ``user``
    sees, if given; back-filled tests only if they ``fulfil`` the duty, as 4.6's ``backfill_fulfils``)."""
    counted = uncorrected(WaterTest, user)
    counted = counted if fulfils else counted.filter(backfilled=False)
    tests = counted.filter(tank=OuterRef("pk"), occurred_at__lte=now)
    return tanks.annotate(
        last_test_at=last_of(counted, "tank", now),
        last_test_id=Subquery(tests.order_by("-occurred_at", "-pk").values("pk")[:1]),
        last_cleaning_at=last_of(uncorrected(TankCleaning, user), "tank", now),
    )


def failed_items(tanks, today) -> dict:
    """{tank id: the names of the items its last test failed} for tanks of ``with_last_records`` (one
    query for the tests, the limits once per division)."""
    tests = WaterTest.objects.in_bulk([tank.last_test_id for tank in tanks if tank.last_test_id])
    limits, failed = {}, {}
    for tank in tanks:
        test = tests.get(tank.last_test_id)
        if test is None:
            continue
        division = tank.project.division_id
        if division not in limits:
            limits[division] = limits_in_force(division, today)
        names = [str(row["item"].label) for row in item_rows(test, limits[division]) if row["fails"]]
        if names:
            failed[tank.pk] = names
    return failed


class DueTimes:
    """When a tank's next test and cleaning, a septic tank's next emptying are due; the parameters are
    looked up once per division (a page of tanks costs no query per tank)."""

    def __init__(self, now):
        self.today = timezone.localdate(now)
        self.memo = {}

    def in_force(self, key, division, lookup):
        if (key, division) not in self.memo:
            self.memo[key, division] = lookup(division)
        return self.memo[key, division]

    def of_tank(self, tank) -> tuple[datetime.datetime, datetime.datetime]:
        """(test due, cleaning due) of a tank annotated by ``with_last_records``."""
        test_limit, cleaning_limit = self.in_force(
            "tank",
            tank.project.division_id,
            lambda division: (
                rolling_limit(WaterTestGap(), division, self.today),
                rolling_limit(TankCleaningGap(), division, self.today),
            ),
        )
        began = start_of_day(tank.in_service_from)
        return deadline_after(test_limit, tank.last_test_at or began), deadline_after(
            cleaning_limit, tank.last_cleaning_at or began
        )

    def of_septic_tank(self, tank) -> datetime.datetime:
        """When a septic tank annotated by ``with_last_emptying`` is next due to be emptied."""
        params = self.in_force(
            "septic",
            tank.project.division_id,
            lambda division: calendar_params("4.7.septic_emptied", division, self.today),
        )
        return calendar_due(params, tank.in_service_from, tank.last_emptying_at)


def sewer_dues(project, now):
    """(duty start, last check, check due, last flush, flush due) of a served project; None if unserved."""
    today = timezone.localdate(now)
    current = ServicePeriod.objects.current(today).filter(project=OuterRef("pk")).order_by("-start")
    row = (
        Project.objects.filter(pk=project.pk)
        .annotate(
            duty_start=Subquery(current.values("start")[:1]),
            last_check_at=last_of(uncorrected(SewerCheck), "project", now),
            last_flush_at=last_of(uncorrected(SewerFlush), "project", now),
        )
        .values("duty_start", "last_check_at", "last_flush_at")
        .get()
    )
    if row["duty_start"] is None:
        return None
    division, started = project.division_id, row["duty_start"]
    return (
        started,
        row["last_check_at"],
        calendar_due(calendar_params("4.7.sewer_check", division, today), started, row["last_check_at"]),
        row["last_flush_at"],
        calendar_due(calendar_params("4.7.sewer_flush", division, today), started, row["last_flush_at"]),
    )


def with_last_emptying(septic_tanks, now, user=None):
    return septic_tanks.annotate(
        last_emptying_at=last_of(uncorrected(SepticEmptying, user), "septic_tank", now)
    )


def due_items(project, now):
    items = []
    tanks = WaterTank.objects.filter(project=project, active=True).select_related("project").order_by("name")
    due_times = DueTimes(now)
    tanks = list(with_last_records(tanks, now))
    failed = failed_items(tanks, timezone.localdate(now))
    for tank in tanks:
        test_due, cleaning_due = due_times.of_tank(tank)
        common = {"clause": "4.6", "kind": _("二次供水水箱"), "asset": tank.name}
        url = reverse("water-tank-detail", args=[tank.pk])
        items.append(
            DueItem(
                **common,
                duty=_("水质检测（6个月）"),
                last_done=tank.last_test_at,
                due=test_due,
                soon_before=MONTH_SOON,
                asset_url=url,
                record_url=reverse("water-test-create", args=[tank.pk]),
                # A failed test wants handling and a retest now, whenever the next routine one is due.
                note=_("上次检测不合格：%(items)s，须处理后复检")
                % {
                    "items": pgettext("list separator", "、").join(failed[tank.pk]),
                }
                if tank.pk in failed
                else "",
                state_override=OVERDUE if tank.pk in failed else "",
            )
        )
        items.append(
            DueItem(
                **common,
                duty=_("清洗消毒（6个月）"),
                last_done=tank.last_cleaning_at,
                due=cleaning_due,
                soon_before=MONTH_SOON,
                asset_url=url,
                record_url=reverse("tank-cleaning-create", args=[tank.pk]),
            )
        )
    sewers = sewer_dues(project, now)
    if sewers is not None:
        _started, checked, check_due, flushed, flush_due = sewers
        common = {"clause": "4.7", "kind": _("排污管道"), "asset": _("全部排污管道")}
        url = reverse("project-water", args=[project.pk])
        items.append(
            DueItem(
                **common,
                duty=_("排查（每月）"),
                last_done=checked,
                due=check_due,
                soon_before=WEEK,
                asset_url=url,
                record_url=reverse("sewer-check-create", args=[project.pk]),
            )
        )
        items.append(
            DueItem(
                **common,
                duty=_("冲洗（每季度）"),
                last_done=flushed,
                due=flush_due,
                soon_before=2 * WEEK,
                asset_url=url,
                record_url=reverse("sewer-flush-create", args=[project.pk]),
            )
        )
    septic_tanks = SepticTank.objects.filter(project=project, active=True).select_related("project")
    for tank in with_last_emptying(septic_tanks.order_by("name"), now):
        items.append(
            DueItem(
                clause="4.7",
                kind=_("化粪池"),
                asset=tank.name,
                duty=_("清掏（每季度）"),
                last_done=tank.last_emptying_at,
                due=due_times.of_septic_tank(tank),
                soon_before=2 * WEEK,
                asset_url=reverse("septic-tank-detail", args=[tank.pk]),
                record_url=reverse("septic-emptying-create", args=[tank.pk]),
            )
        )
    return items
