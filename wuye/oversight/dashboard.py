"""What the regulator's dashboard and its monthly report show, read from the DivisionStat rows (computed per
scoring run) and that day's score snapshots: a fixed number of queries however many projects there are."""

import datetime
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Max
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language

from wuye.compliance.catalogue import check as catalogue_check
from wuye.compliance.catalogue import clause as catalogue_clause
from wuye.compliance.models import ScoreSnapshot
from wuye.core.scoping import division_prefix, scope_of
from wuye.estates.models import ServicePeriod
from wuye.oversight.models import DivisionStat
from wuye.oversight.stats_dashboard import ancestors
from wuye.regions.models import Division

TOP = 10  # clauses, duties, projects and enterprises shown
TREND_MONTHS = 12
GRADES = ("A", "B", "C", "D")


def home_division_code(user) -> str:
    """The division a regulator's dashboard opens on: his own (the widest, if he has several)."""
    scope = scope_of(user)
    if scope.everything or not scope.division_codes:
        return "150000"
    return min(scope.division_codes, key=lambda code: (len(division_prefix(code)), code))


def division_for(user, code: str | None) -> Division:
    """The division asked for (his own by default); 404 outside his scope, as for any object he cannot see."""
    scope = scope_of(user)
    code = code or home_division_code(user)
    if not scope.everything and not any(code.startswith(prefix) for prefix in scope.division_prefixes):
        raise Http404
    return get_object_or_404(Division.objects.select_related("parent"), code=code)


def label(item) -> str:
    from wuye.compliance.templatetags.compliance_pages import in_language

    return in_language(item)


def named_counts(counts: dict, name_of) -> list[dict]:
    """The TOP largest of {id: n}, each with its catalogue name (an id since removed keeps its id)."""
    rows = []
    for key, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:TOP]:
        try:
            name = name_of(key)
        except KeyError:
            name = key
        rows.append({"id": key, "name": name, "count": n})
    return rows


def last_of_each_month(rows, month_of) -> list:
    """The last row of each month, oldest first, from rows oldest first (``month_of(row)``: its month, any
    key that sorts with the rows, such as "2026-11"); the dashboard's trend and the credit report's."""
    months = {}
    for row in rows:
        months[month_of(row)] = row
    return list(months.values())


@dataclass
class Dashboard:
    division: Division
    stat: DivisionStat | None
    path: list = field(default_factory=list)  # region … division, for the breadcrumb
    children: list = field(default_factory=list)  # DivisionStat of each sub-division with projects
    trend: list = field(default_factory=list)
    clauses: list = field(default_factory=list)
    duties: list = field(default_factory=list)
    projects: list = field(default_factory=list)  # lowest-scoring project snapshots
    enterprises: list = field(default_factory=list)  # lowest-scoring enterprise snapshots

    @property
    def grade_rows(self) -> list[dict]:
        """Grade distribution by sub-division (the division itself when it has none), for chart and table."""
        rows = self.children or ([self.stat] if self.stat else [])
        return [
            {"code": s.division_id, "name": s.division.name, **s.grades, "total": s.projects} for s in rows
        ]

    def chart_data(self) -> dict:
        return {
            "grades": self.grade_rows,
            "trend": [
                {"month": s.on.strftime("%Y-%m"), "mean": float(s.mean_score or 0), **s.grades}
                for s in self.trend
            ],
            "clauses": self.clauses,
            "duties": self.duties,
        }


def build_dashboard(user, division: Division, *, until: datetime.date | None = None) -> Dashboard:
    """The dashboard of ``division`` as of its latest statistics (on or before ``until``)."""
    stats = DivisionStat.objects.visible_to(user).filter(division=division)
    if until is not None:
        stats = stats.filter(on__lte=until)
    stat = stats.select_related("division").order_by("-on").first()
    board = Dashboard(division=division, stat=stat, path=division_path(user, division))
    if stat is None:
        return board
    since = (stat.on.replace(day=1) - datetime.timedelta(days=31 * (TREND_MONTHS - 1))).replace(day=1)
    # A year of daily rows at most, without the per-clause and per-check figures the trend does not draw.
    recent = stats.filter(on__gte=since).defer("clauses", "open_checks").order_by("on")
    board.trend = last_of_each_month(recent, lambda s: (s.on.year, s.on.month))[-TREND_MONTHS:]
    board.children = list(
        DivisionStat.objects.visible_to(user)
        .filter(division__parent=division, on=stat.on)
        .select_related("division")
        .order_by("division_id")
    )
    board.clauses = named_counts(stat.clauses, lambda key: f"{key} {label(catalogue_clause(key).name)}")
    board.duties = named_counts(stat.open_checks, lambda key: label(catalogue_check(key).description))
    prefix = division_prefix(division.code)
    day = ScoreSnapshot.objects.visible_to(user).filter(on=stat.on)
    board.projects = list(
        day.filter(project__division__code__startswith=prefix)
        .select_related("project__division")
        .order_by("score", "project__name")[:TOP]
    )
    serving = ServicePeriod.objects.current(stat.on).filter(project__division__code__startswith=prefix)
    board.enterprises = list(
        day.filter(project__isnull=True, enterprise__in=serving.values("enterprise_id"))
        .select_related("enterprise")
        .order_by("score", "enterprise__name")[:TOP]
    )
    return board


def division_path(user, division: Division) -> list[Division]:
    """The breadcrumb from the user's own division down to ``division`` (each step clickable)."""
    home = home_division_code(user)
    codes = ancestors(division.code)[::-1]
    codes = codes[codes.index(home) :] if home in codes else [division.code]
    found = {d.code: d for d in Division.objects.filter(code__in=codes)}
    return [found[code] for code in codes if code in found]


CACHE_SECONDS = 24 * 3600


def stats_version() -> str:
    """Changes whenever the division statistics do: each scoring run (hourly, or a decision's recomputation)
    replaces the day's rows, with new ids and a new ``computed_at``."""
    latest = DivisionStat.objects.aggregate(pk=Max("pk"), at=Max("computed_at"))
    return f"{latest['pk']}@{latest['at'].isoformat() if latest['at'] else ''}"


def cached_dashboard(user, division: Division) -> tuple[Dashboard, dict]:
    """The dashboard and its chart data as of the latest statistics, built once per division, language and
    version of the statistics (every regulator over the division sees the same figures; only the breadcrumb
    is his own)."""
    key = f"oversight-dashboard:{division.code}:{get_language()}:{stats_version()}"
    built = cache.get(key)
    if built is None:
        board = build_dashboard(user, division)
        built = (board, board.chart_data())
        cache.set(key, built, CACHE_SECONDS)
    board, charts = built
    board.path = division_path(user, division)
    return board, charts
