"""The statements card on a project's page (the page is the estates app's, which knows no finance)."""

import datetime

from django import template
from django.utils import timezone

from wuye.estates.permissions import can_record_duties
from wuye.finance.dues_statements import statement_due
from wuye.finance.models import Statement

register = template.Library()


def last_ended_half(today: datetime.date) -> tuple[int, int]:
    return (today.year - 1, 2) if today.month <= 6 else (today.year, 1)


@register.inclusion_tag("finance/statements/_project_card.html", takes_context=True)
def statements_card(context, project):
    """The latest statements the user may read and the deadline of the last half year's (one query)."""
    user = context["request"].user
    year, half = last_ended_half(timezone.localdate())
    due = statement_due(datetime.date(year, 1 if half == 1 else 7, 1), project.division_id)
    return {
        "project": project,
        "statements": list(Statement.objects.visible_to(user).filter(project=project)[:3]),
        "last_year": year,
        "last_half": half,
        "last_due": timezone.localtime(due),
        "can_manage": can_record_duties(user, project.pk),
    }
