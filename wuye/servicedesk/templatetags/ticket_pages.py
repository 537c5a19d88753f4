"""The ticket pages' pieces: a ticket's clock in words, its status badge, and the desk's card on a project's
page (the page is the estates app's, which knows nothing of tickets)."""

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.servicedesk.choices_tickets import Rating, TicketStatus
from wuye.servicedesk.pages_tickets import desk_counts, desk_projects, project_tickets

register = template.Library()

STATUS_COLOURS = {
    TicketStatus.RECEIVED: "text-bg-warning",
    TicketStatus.ACCEPTED: "text-bg-info",
    TicketStatus.ASSIGNED: "text-bg-info",
    TicketStatus.ON_SITE: "text-bg-primary",
    TicketStatus.DONE: "text-bg-success",
    TicketStatus.FOLLOWED_UP: "text-bg-success",
    TicketStatus.CLOSED: "text-bg-secondary",
    TicketStatus.WITHDRAWN: "text-bg-light",
}
STEP_WORDS = {
    "answer": gettext_lazy("响应"),
    "on_site": gettext_lazy("到场"),
    "completion": gettext_lazy("办结"),
    "follow_up": gettext_lazy("回访"),
    "close": gettext_lazy("关闭"),
}


def span(delta) -> str:
    """A duration in the largest whole units that say it: 2天3小时, 5小时20分, 12分."""
    minutes = int(abs(delta.total_seconds()) // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return _("%(days)d天%(hours)d小时") % {"days": days, "hours": hours}
    if hours:
        return _("%(hours)d小时%(minutes)d分") % {"hours": hours, "minutes": minutes}
    return _("%(minutes)d分") % {"minutes": minutes}


@register.inclusion_tag("servicedesk/tickets/_clock.html")
def ticket_clock(clock, now=None):
    """The next deadline still running: time left, or how long overdue (from ``ticket_clock``)."""
    now = now or timezone.now()
    deadline = clock.next if clock else None
    if deadline is None:
        return {"text": "", "overdue": False}
    step = STEP_WORDS.get(deadline.name, deadline.name)
    if deadline.due < now:
        text = _("%(step)s已超期 %(span)s") % {"step": step, "span": span(now - deadline.due)}
    else:
        text = _("%(step)s还剩 %(span)s") % {"step": step, "span": span(deadline.due - now)}
    return {"text": text, "overdue": clock.overdue, "due": deadline.due}


@register.simple_tag
def rating_label(value) -> str:
    """A follow-up's rating in words (— before any)."""
    return str(Rating(value).label) if value else "—"


@register.simple_tag
def status_colour(status) -> str:
    return STATUS_COLOURS.get(status, "text-bg-secondary")


@register.inclusion_tag("servicedesk/tickets/_project_card.html", takes_context=True)
def ticket_desk_card(context, project):
    """Open and overdue tickets of the project, with the way to its desk (shown to its readers only)."""
    user = context["request"].user
    if not desk_projects(user).filter(pk=project.pk).exists():
        # An owner of a household here gets his own way in: file a ticket, see his.
        return {"shown": False, "owns": bool(context.get("my_households"))}
    return {"shown": True, "project": project, "counts": desk_counts(project_tickets(user, project))}
