"""Division choices for forms and filter bars: full names, grouped by league/city."""

from django.utils.translation import gettext as _

from wuye.regions.choices import DivisionLevel
from wuye.regions.models import Division


def division_choices(*, include_region: bool = False, include_leagues: bool = True) -> list:
    """[(league name, [(code, full name), ...]), ...]: each league first ("全市"), then its counties."""
    divisions = list(Division.objects.select_related("parent").order_by("code"))
    groups: dict[str, list] = {}
    names: dict[str, str] = {}
    region = []
    for division in divisions:
        if division.level == DivisionLevel.PROVINCE:
            if include_region:
                region.append((division.code, _("%(name)s（全区）") % {"name": division.name}))
        elif division.level == DivisionLevel.LEAGUE:
            names[division.code] = division.name
            groups.setdefault(division.code, [])
            if include_leagues:
                whole = _("%(name)s（全盟）") if division.name.endswith("盟") else _("%(name)s（全市）")
                groups[division.code].insert(0, (division.code, whole % {"name": division.name}))
        else:
            groups.setdefault(division.league_code, []).append((division.code, division.full_name))
    grouped = [(names.get(code, code), options) for code, options in groups.items() if options]
    return region + grouped


def division_choices_with_region() -> list:
    """For filter bars: the whole region first, then every league and county (a callable, read lazily)."""
    return division_choices(include_region=True)
