"""The surveys card on a project's page (the page is the estates app's, which knows no service desk)."""

from django import template
from django.utils import timezone

from wuye.estates.permissions import can_record_duties
from wuye.servicedesk.queries_surveys import card_summary

register = template.Library()


@register.inclusion_tag("servicedesk/surveys/_project_card.html", takes_context=True)
def surveys_card(context, project):
    """The latest surveys with their answer counts, open and overdue rectification items (two queries)."""
    user = context["request"].user
    return {
        **card_summary(project, user),
        "project": project,
        "now": timezone.now(),
        "can_manage": can_record_duties(user, project.pk),
    }
