"""Admin pages of the exit part: read-mostly (the workflow moves through its actions, never here)."""

from django.contrib import admin

from wuye.lifecycle.models import ExitFiling, ExitStatusChange, HandoverItem, Refund


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class HandoverItemInline(admin.TabularInline):
    model = HandoverItem
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "archive_category", "description", "confirmed_at", "confirmed_by"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ExitFiling)
class ExitFilingAdmin(ReadOnlyAdmin):
    list_display = ["project", "enterprise", "notice_on", "planned_end", "receiver_kind", "status"]
    list_filter = ["status", "receiver_kind"]
    search_fields = ["project__name", "enterprise__name"]
    list_select_related = ["project", "enterprise"]
    inlines = [HandoverItemInline]


@admin.register(ExitStatusChange)
class ExitStatusChangeAdmin(ReadOnlyAdmin):
    list_display = ["exit", "from_status", "to_status", "occurred_at", "recorded_by"]
    list_select_related = ["exit__project", "exit__enterprise", "recorded_by"]


@admin.register(Refund)
class RefundAdmin(ReadOnlyAdmin):
    list_display = ["exit", "household", "amount", "paid_on", "method", "receipt"]
    search_fields = ["receipt"]
    list_select_related = ["exit__project", "exit__enterprise", "household__building"]
