"""Template helpers of the web pages: roles in the navbar, sortable headers, pages, validity badges."""

import datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from wuye.accounts.choices import Role
from wuye.compliance.catalogue import default

register = template.Library()


def expiry_warning_days() -> int:
    """How far ahead a validity counts as expiring: the warning of check 1.1.licence_valid."""
    return default("1.1.licence_valid", "expiry_warning")


@register.simple_tag(takes_context=True)
def user_roles(context):
    """[(role, label)] of the signed-in user, read once per request."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    if not hasattr(request, "_wuye_roles"):
        labels = dict(Role.choices)
        request._wuye_roles = [(role, labels[role]) for role in user.roles]
    return request._wuye_roles


@register.filter
def has_role(roles, wanted: str) -> bool:
    """``roles|has_role:"regulator,manager"``: whether any of the listed roles is held."""
    held = {role for role, _label in roles}
    return bool(held & set(wanted.split(",")))


@register.simple_tag(takes_context=True)
def sort_link(context, field, label):
    """A column header that sorts by ``field`` (``?o=field``), toggling the direction, keeping filters."""
    request = context["request"]
    current = request.GET.get("o", "")
    if current == field:
        target, icon = f"-{field}", "bi-sort-up"
    elif current == f"-{field}":
        target, icon = field, "bi-sort-down"
    else:
        target, icon = field, ""
    params = request.GET.copy()
    params.pop("page", None)
    params["o"] = target
    return format_html(
        '<a href="?{}" class="link-body-emphasis text-decoration-none text-nowrap">{}{}</a>',
        params.urlencode(),
        label,
        format_html(' <i class="bi {}" aria-hidden="true"></i>', icon) if icon else "",
    )


@register.simple_tag
def page_range(page_obj):
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)


@register.filter
def minutes(value):
    """Whole minutes of a timedelta (the lockout's cool-off)."""
    if isinstance(value, datetime.timedelta):
        return int(value.total_seconds() // 60)
    return value


def validity_state(valid_to, today=None) -> str:
    """``expired``, ``expiring`` (within the 1.1 warning, 30 days), ``valid`` or ``open`` (no end date)."""
    if valid_to is None:
        return "open"
    today = today or timezone.localdate()
    if valid_to < today:
        return "expired"
    if (valid_to - today).days <= expiry_warning_days():
        return "expiring"
    return "valid"


@register.simple_tag
def validity_badge(valid_to):
    state = validity_state(valid_to)
    if state == "expired":
        return format_html('<span class="badge text-bg-danger">{}</span>', _("已过期"))
    if state == "expiring":
        days = (valid_to - timezone.localdate()).days
        text = ngettext("%(days)d 天后到期", "%(days)d 天后到期", days) % {"days": days}
        return format_html('<span class="badge text-bg-warning">{}</span>', text)
    if state == "open":
        return format_html('<span class="badge text-bg-secondary">{}</span>', _("长期有效"))
    return format_html('<span class="badge text-bg-success">{}</span>', pgettext("validity", "有效"))


@register.filter
def validity(valid_to):
    return validity_state(valid_to)
