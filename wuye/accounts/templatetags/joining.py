"""Whether the signed-in user prints invitation codes for a project (a link on the building page)."""

from django import template

from wuye.accounts.actions_joining import can_issue_codes

register = template.Library()


@register.simple_tag(takes_context=True)
def may_issue_codes(context, project_id) -> bool:
    return can_issue_codes(context["request"].user, project_id)
