"""The rules of clause 4.2 that more than one place needs: when a certificate has lapsed, when to ask for
the next inspection, and how fast a rescue must arrive where the elevator is. The checks, the overview's
due times and the elevator's page all ask here, so they cannot disagree."""

import datetime

from django.utils import timezone

from wuye.compliance.duties import start_of_day
from wuye.compliance.parameters import param
from wuye.core.dates import add_months
from wuye.regions.choices import DivisionLevel

ONE_DAY = datetime.timedelta(days=1)
INSPECTION = "4.2.inspection_valid"
RESCUE = "4.2.rescue_arrival"


def lapse_at(valid_until: datetime.date, grace: datetime.timedelta) -> datetime.datetime:
    """The moment a certificate valid until ``valid_until`` (the whole day, Asia/Shanghai) has lapsed."""
    return start_of_day(valid_until + ONE_DAY) + grace


def inspection_due(
    cover_until: datetime.date | None, in_service_from: datetime.date, grace: datetime.timedelta
) -> datetime.datetime:
    """When an elevator's periodic inspection falls due: its latest certificate lapses (+ grace), or, never
    passed one, its first day in service (+ grace). The check's lapse starts here, the overview shows it
    and the reminder counts back from it."""
    if cover_until is None:
        return start_of_day(in_service_from) + grace
    return lapse_at(cover_until, grace)


def request_before(due: datetime.datetime, months: int) -> datetime.timedelta:
    """How long before ``due`` the next inspection is to be requested: ``months`` calendar months."""
    local = timezone.localtime(due)
    earlier = timezone.make_aware(datetime.datetime.combine(add_months(local.date(), -months), local.time()))
    return due - earlier


def is_city(division) -> bool:
    """Whether a project's division is a city for the rescue limit: an urban district (区, 市辖区) or a
    city itself (a league-level 市, where a project sits directly under it). Banners (旗), counties (县),
    county-level cities and leagues (盟) are "elsewhere"; GB/T 2260 has no kind field, the name says it."""
    if division.level == DivisionLevel.COUNTY:
        return division.name.endswith("区")
    return division.level == DivisionLevel.LEAGUE and division.name.endswith("市")


def rescue_limit(division, day: datetime.date) -> tuple[str, datetime.timedelta]:
    """(parameter name, limit) of the rescue arrival time in force in ``division`` on ``day``."""
    name = "arrival_city" if is_city(division) else "arrival_elsewhere"
    return name, param(RESCUE, name, division.code, day)
