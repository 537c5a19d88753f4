"""Clause 4.2 on other pages: the elevators card of a project's page, and a due item's coloured state."""

from django import template
from django.utils import timezone
from django.utils.html import format_html

from wuye.compliance.wording import duration
from wuye.core.web import may_add
from wuye.estates.permissions import can_record_duties
from wuye.safety.dues_elevators import elevator_dues
from wuye.safety.models import Elevator
from wuye.safety.overview import OK, OVERDUE, SOON

register = template.Library()
STYLES = {OVERDUE: "danger", SOON: "warning", OK: "success"}


@register.filter
def span(value):
    """A timedelta in words: 1小时5分钟."""
    return duration(value) if value is not None else ""


@register.simple_tag
def due_badge(item, now):
    """The state of a DueItem as a badge: red overdue, amber due soon, green in order."""
    state = item.state(now)
    return format_html(
        '<span class="badge text-bg-{}">{}</span>', STYLES.get(state, "secondary"), item.state_label(now)
    )


@register.inclusion_tag("safety/elevators/_project_elevators.html", takes_context=True)
def elevators_card(context, project, can_edit=False):
    """A project's elevators with the state of their inspection, maintenance and labels: one query for
    the elevators and their last records, and the parameters of the project's division."""
    user, now = context["request"].user, timezone.now()
    elevators = list(Elevator.objects.visible_to(user).filter(project=project).select_related("building"))
    dues = elevator_dues(
        Elevator.objects.visible_to(user).filter(project=project, active=True), project.division_id, now, user
    )
    for elevator in elevators:
        elevator.dues = dues.get(elevator.pk, [])
    return {
        "project": project,
        "elevators": elevators,
        "now": now,
        "today": timezone.localdate(now),
        "year_start": timezone.localdate(now).replace(month=1, day=1),  # the records' export, by default
        "can_add": can_edit and may_add(user, Elevator, project=project),
        "can_record": can_record_duties(user, project.pk),
    }
