"""Django admin of the compliance engine: findings read only; appeals and exemptions decided through actions.

No status is edited in a form: a decision is an admin action that calls wuye/compliance/actions.py as
the signed-in user, so the admin obeys the same rules (regulators of the division only, a reason
required) and leaves the same status rows as the API.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wuye.compliance import actions
from wuye.compliance.models import Finding
from wuye.compliance.review import Appeal, Exemption, ReviewStatusChange


class ReadOnlyAdminMixin:
    """Shown, never added, changed or deleted here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ScopedAdminMixin:
    """The admin lists what the signed-in user may see, like every page (operators see everything)."""

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)


class StatusChangeInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ReviewStatusChange
    extra = 0
    fields = ["from_status", "to_status", "by", "at", "note"]
    readonly_fields = fields


class AppealStatusInline(StatusChangeInline):
    fk_name = "appeal"


class ExemptionStatusInline(StatusChangeInline):
    fk_name = "exemption"


class AppealInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Appeal
    extra = 0
    fields = ["status", "filed_by", "filed_at", "decide_by", "decided_by", "decided_at"]
    readonly_fields = fields
    show_change_link = True


@admin.register(Finding)
class FindingAdmin(ScopedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["check_id", "subject_name", "state", "points", "period_start", "period_end"]
    list_filter = ["state", "party", "severity", "clause_id"]
    search_fields = ["check_id", "subject_name", "message"]
    date_hierarchy = "period_start"
    inlines = [AppealInline]


class ReviewForm(forms.Form):
    """The outcome (when there is a choice) and the reason of a decision taken in the admin."""

    outcome = forms.ChoiceField(label=_("决定"))
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if choices:
            self.fields["outcome"].choices = choices
        else:
            del self.fields["outcome"]


def review_action(modeladmin, request, queryset, *, title, choices, act):
    """An admin action with an intermediate page: ask outcome and reason, then call ``act`` per object.

    ``act(user, obj, outcome, reason)`` is a use case of actions.py; its refusals are shown per object.
    """
    if "apply" in request.POST:
        form = ReviewForm(request.POST, choices=choices)
        if form.is_valid():
            done = 0
            for obj in queryset:
                try:
                    act(request.user, obj, form.cleaned_data.get("outcome"), form.cleaned_data["reason"])
                    done += 1
                except (PermissionDenied, ValidationError) as error:
                    problem = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
                    modeladmin.message_user(
                        request,
                        gettext("%(object)s：%(problem)s") % {"object": obj, "problem": problem},
                        messages.ERROR,
                    )
            if done:
                modeladmin.message_user(request, gettext("已处理 %(count)d 条。") % {"count": done})
            return None
    else:
        form = ReviewForm(choices=choices)
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "form": form,
        "queryset": queryset,
        "opts": modeladmin.model._meta,
        "action": request.POST.get("action", ""),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/compliance/review_action.html", context)


@admin.register(Appeal)
class AppealAdmin(ScopedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["finding", "status", "filed_by", "filed_at", "decide_by", "decided_by", "decided_at"]
    list_filter = ["status"]
    search_fields = ["statement", "finding__subject_name", "finding__message"]
    list_select_related = ["finding", "filed_by", "decided_by"]
    inlines = [AppealStatusInline]
    actions = ["decide"]

    @admin.action(description=_("裁决所选申诉"))
    def decide(self, request, queryset):
        return review_action(
            self,
            request,
            queryset,
            title=gettext("裁决申诉"),
            choices=[("uphold", gettext("申诉成立（撤销该问题）")), ("reject", gettext("驳回申诉"))],
            act=lambda user, appeal, outcome, reason: actions.decide_appeal(
                user, appeal, outcome == "uphold", reason
            ),
        )


@admin.register(Exemption)
class ExemptionAdmin(ScopedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["check_id", "project", "enterprise", "status", "valid_from", "expires_on", "requested_by"]
    list_filter = ["status"]
    search_fields = ["check_id", "reason", "project__name", "enterprise__name"]
    list_select_related = ["project", "enterprise", "requested_by"]
    inlines = [ExemptionStatusInline]
    actions = ["decide", "revoke"]

    @admin.action(description=_("审批所选豁免"))
    def decide(self, request, queryset):
        return review_action(
            self,
            request,
            queryset,
            title=gettext("审批豁免"),
            choices=[("approve", gettext("批准")), ("reject", gettext("驳回"))],
            act=lambda user, exemption, outcome, reason: actions.decide_exemption(
                user, exemption, outcome == "approve", reason
            ),
        )

    @admin.action(description=_("撤销所选豁免"))
    def revoke(self, request, queryset):
        return review_action(
            self,
            request,
            queryset,
            title=gettext("撤销豁免"),
            choices=None,
            act=lambda user, exemption, _outcome, reason: actions.revoke_exemption(user, exemption, reason),
        )
