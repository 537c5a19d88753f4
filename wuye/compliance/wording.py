"""Plain Chinese for findings: times in Asia/Shanghai, durations in hours and minutes."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _


def moment(value: datetime.datetime, *, same_day_as: datetime.datetime | None = None) -> str:
    local = timezone.localtime(value)
    if same_day_as is not None and timezone.localtime(same_day_as).date() == local.date():
        return f"{local:%H:%M}"
    return _("%(month)d月%(day)d日 %(time)s") % {
        "month": local.month,
        "day": local.day,
        "time": f"{local:%H:%M}",
    }


def day(value: datetime.date) -> str:
    """A calendar day as a resident writes it: 2026年10月18日."""
    return _("%(year)d年%(month)d月%(day)d日") % {"year": value.year, "month": value.month, "day": value.day}


def duration(value: datetime.timedelta) -> str:
    minutes = int(value.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = []
    if days:
        parts.append(_("%(n)d天") % {"n": days})
    if hours:
        parts.append(_("%(n)d小时") % {"n": hours})
    if minutes or not parts:
        parts.append(_("%(n)d分钟") % {"n": minutes})
    return "".join(parts)


def months(n: int) -> str:
    """A whole number of months in words: 6个月, 1年, 1年6个月."""
    years, rest = divmod(n, 12)
    parts = []
    if years:
        parts.append(_("%(n)d年") % {"n": years})
    if rest or not parts:
        parts.append(_("%(n)d个月") % {"n": rest})
    return "".join(parts)


def label(obj) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


def bucket_in_words(start, months: int) -> str:
    """2026年3月, 2026年第1季度, 2026年上半年, 2026年."""
    local = timezone.localtime(start)
    if months == 1:
        return _("%(year)d年%(month)d月") % {"year": local.year, "month": local.month}
    if months == 3:
        return _("%(year)d年第%(quarter)d季度") % {"year": local.year, "quarter": (local.month - 1) // 3 + 1}
    if months == 6:
        if local.month <= 6:
            return _("%(year)d年上半年") % {"year": local.year}
        return _("%(year)d年下半年") % {"year": local.year}
    return _("%(year)d年") % {"year": local.year}
