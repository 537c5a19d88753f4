"""Duty rosters (排班) shared by every roster of the code: entrances (4.1), service centres (3.3).

A roster is a plan of shifts (who, from, to) made ahead; the checks compare the past with it. What is
shared lives here, not in a duty app: the shape of a shift, repeating one on following days, the holes
a page draws and the one set-based query the checks run.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import F, Max, Min, RowRange, Window
from django.utils import timezone
from django.utils.translation import gettext as _

# A shift longer than this is a typing mistake, not a shift.
MAX_SHIFT_HOURS = 24
# A roster is planned a month at a time at most.
MAX_REPEAT_DAYS = 31


def validate_shift(starts_at, ends_at) -> None:
    """A shift ends after it starts and lasts at most ``MAX_SHIFT_HOURS``."""
    if starts_at is None or ends_at is None:
        return
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("结束时间必须晚于开始时间。")})
    if ends_at - starts_at > datetime.timedelta(hours=MAX_SHIFT_HOURS):
        raise ValidationError({"ends_at": _("一个班次不能超过%(hours)s小时。") % {"hours": MAX_SHIFT_HOURS}})


def shift_starts(starts_at, ends_at, repeat_days: int):
    """The (start, end) of a shift repeated on the next ``repeat_days`` days, at the same local times."""
    local_start, local_end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    out = []
    for day in range(repeat_days + 1):
        delta = datetime.timedelta(days=day)
        start = timezone.make_aware((local_start + delta).replace(tzinfo=None))
        end = timezone.make_aware((local_end + delta).replace(tzinfo=None))
        out.append((start, end))
    return out


def plan_shifts(user, make_shift, *, starts_at, ends_at, repeat_days: int, now) -> list:
    """Save a roster's new shifts: the one asked for, repeated on the next ``repeat_days`` days.

    ``make_shift(start, end)`` builds one unsaved shift of the roster. A shift that has already ended
    cannot be added: the roster is a plan, and the past is what the check compares it with (adding it
    later would erase a finding). The caller has checked that ``user`` may plan this roster.
    """
    if not 0 <= repeat_days <= MAX_REPEAT_DAYS:
        raise ValidationError({"repeat_days": _("重复天数应在0到%(max)s之间。") % {"max": MAX_REPEAT_DAYS}})
    if ends_at <= now:
        raise ValidationError({"ends_at": _("不能补登已经结束的班次：排班表只能安排当前和以后的班次。")})
    shifts = []
    for start, end in shift_starts(starts_at, ends_at, repeat_days):
        shift = make_shift(start, end)
        shift.full_clean()
        shift._history_user = user
        shift.save()
        shifts.append(shift)
    return shifts


def unplan_shift(user, shift, *, now) -> None:
    """Take a shift off its roster; only one that has not begun (the past stays as it was planned)."""
    if shift.starts_at <= now:
        raise ValidationError(_("已经开始的班次不能删除。"))
    shift._history_user = user
    shift.delete()


def coverage_holes(shifts, start, end):
    """[(from, to)] within [start, end) that no shift covers; ``shifts`` in start order (a page's week)."""
    holes, covered = [], start
    for shift in shifts:
        if shift.starts_at > covered:
            holes.append((covered, min(shift.starts_at, end)))
        covered = max(covered, shift.ends_at)
        if covered >= end:
            break
    if covered < end:
        holes.append((covered, end))
    return [(a, b) for a, b in holes if a < b]


def roster_holes(shifts, subject_field: str, began: dict, as_of) -> list:
    """Every time no shift covers, per subject: [(subject id, from, to or None while open, shift id after)].

    One query over all subjects: a window over each subject's shifts in start order carries the latest
    end so far; a shift that starts after it leaves a hole. The time from a subject's start (``began``:
    subject id → the moment its roster must begin) to its first shift, and from its last shift's end to
    ``as_of``, are holes too (the roster ran out). ``shifts``: the shifts of those subjects.
    """
    shifts = shifts.filter(**{f"{subject_field}__in": list(began)}, starts_at__lt=as_of).order_by()
    holes = []
    inner = shifts.annotate(
        covered_until=Window(
            Max("ends_at"),
            partition_by=[F(subject_field)],
            order_by=[F("starts_at").asc(), F("pk").asc()],
            frame=RowRange(start=None, end=-1),
        )
    )
    for subject_id, start, end, after_id in inner.filter(covered_until__lt=F("starts_at")).values_list(
        subject_field, "covered_until", "starts_at", "pk"
    ):
        if end > began[subject_id]:
            holes.append((subject_id, max(start, began[subject_id]), end, after_id))
    seen = set()
    for row in shifts.values(subject_field).annotate(first=Min("starts_at"), last=Max("ends_at")):
        subject_id = row[subject_field]
        seen.add(subject_id)
        start = began[subject_id]
        if row["first"] > start:
            holes.append((subject_id, start, row["first"], None))
        if row["last"] < as_of:
            holes.append((subject_id, max(row["last"], start), None, None))
    for subject_id, start in began.items():
        if subject_id not in seen and start < as_of:
            holes.append((subject_id, start, None, None))
    return holes


def roster_days(shifts, began, *, today, around: int, active: bool = True) -> tuple[list, list]:
    """A roster page's days from ``around`` days before ``today`` to as many after: each day's shifts and
    holes, and every hole (from ``began`` on) as (from, to). ``shifts`` cover that span, in start order."""
    from wuye.compliance.duties import start_of_day

    start = start_of_day(today - datetime.timedelta(days=around))
    end = start_of_day(today + datetime.timedelta(days=around + 1))
    holes = coverage_holes(shifts, max(start, began), end) if active else []
    days = []
    for offset in range(-around, around + 1):
        day = today + datetime.timedelta(days=offset)
        day_start = start_of_day(day)
        day_end = day_start + datetime.timedelta(days=1)
        days.append(
            {
                "day": day,
                "today": offset == 0,
                "past": offset < 0,
                "shifts": [s for s in shifts if s.starts_at < day_end and s.ends_at > day_start],
                "holes": [
                    (max(a, day_start), min(b, day_end)) for a, b in holes if a < day_end and b > day_start
                ],
            }
        )
    return days, holes
