"""Template helpers of the compliance pages: grade badges, catalogue labels in the page's language,
and the score card other apps' pages show (a project's page knows nothing of scores itself)."""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wuye.compliance.queries import latest_snapshot
from wuye.compliance.review import Appeal, Exemption, status_label

register = template.Library()

GRADE_COLOURS = {"A": "success", "B": "primary", "C": "warning", "D": "danger"}
SEVERITIES = {"minor": _("轻微"), "major": _("较重"), "severe": _("严重")}
SEVERITY_COLOURS = {"minor": "secondary", "major": "warning", "severe": "danger"}
PARTIES = {"B": _("物业服务企业"), "A": _("建设单位或业主委员会")}


@register.simple_tag
def grade_badge(grade, large=False):
    """A coloured grade letter, or “未评估” when there is no snapshot yet."""
    size = " fs-5" if large else ""
    if not grade:
        return format_html('<span class="badge text-bg-light border{}">{}</span>', size, _("未评估"))
    return format_html(
        '<span class="badge text-bg-{}{}" title="{}">{}</span>',
        GRADE_COLOURS.get(grade, "secondary"),
        size,
        _("等级"),
        grade,
    )


@register.filter
def in_language(label):
    """A catalogue Label ({zh, en}) in the page's language."""
    if label is None:
        return ""
    return label.zh if (get_language() or "zh-hans").startswith("zh") else label.en


@register.simple_tag
def severity_badge(severity):
    return format_html(
        '<span class="badge text-bg-{}">{}</span>',
        SEVERITY_COLOURS.get(severity, "secondary"),
        SEVERITIES.get(severity, severity),
    )


@register.filter
def party_label(party):
    return PARTIES.get(party, party)


@register.simple_tag
def move_text(change):
    """“待裁决 → 申诉成立” of one status row of an appeal or an exemption."""
    model = Appeal if change.appeal_id else Exemption
    return format_html(
        "{} → {}", status_label(model, change.from_status), status_label(model, change.to_status)
    )


@register.inclusion_tag("compliance/_score_card.html", takes_context=True)
def score_card(context, subject, url):
    """The latest grade and score of a project or an enterprise, linking to its scorecard."""
    user = context["request"].user
    label = f"{subject._meta.model_name}:{subject.pk}"
    return {"snapshot": latest_snapshot(user, label), "url": url}


STATUS_COLOURS = {
    "filed": "warning",
    "requested": "warning",
    "upheld": "success",
    "approved": "success",
    "rejected": "danger",
    "revoked": "secondary",
}
FINDING_STATE_COLOURS = {"open": "danger", "closed": "secondary", "withdrawn": "light border"}


@register.simple_tag
def review_badge(obj):
    """The status of an appeal or an exemption as a coloured badge."""
    return format_html(
        '<span class="badge text-bg-{}">{}</span>',
        STATUS_COLOURS.get(obj.status, "secondary"),
        obj.get_status_display(),
    )


@register.simple_tag
def finding_state_badge(finding):
    return format_html(
        '<span class="badge text-bg-{}">{}</span>',
        FINDING_STATE_COLOURS.get(finding.state, "secondary"),
        finding.get_state_display(),
    )


@register.filter
def check_label(check_id):
    """The catalogue's short description of a check, in the page's language (its id if unknown)."""
    from wuye.compliance.catalogue import check

    try:
        return in_language(check(check_id).description)
    except KeyError:
        return check_id


@register.filter
def on_duty(shift, person_field: str):
    """Who is on a roster's shift: ``shift|on_duty:"guard"`` (each roster names its field)."""
    return getattr(shift, person_field)
