"""What the comanagement checks share: parameters grouped by division (one query per distinct value)."""

from collections import defaultdict

from wuye.compliance.parameters import param
from wuye.estates.models import Project


def projects_by_param(check_id: str, name: str, today, projects=None) -> dict:
    """{value in force: [project ids]}: one query for the projects, a loop over them only."""
    rows = Project.objects.order_by().values_list("pk", "division_id")
    if projects is not None:
        rows = rows.filter(pk__in=projects)
    groups = defaultdict(list)
    cache = {}
    for pk, division in rows:
        if division not in cache:
            cache[division] = param(check_id, name, division, today)
        groups[cache[division]].append(pk)
    return groups
