"""Admin pages of the half-year statements (operators only): read-only, since statements change only
through ``actions_statements`` (a published one is final) and their status changes are evidence."""

from django.contrib import admin

from wuye.finance.models import Account, Statement, StatementLine, StatementStatusChange


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Account)
class AccountAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "kind", "parent", "project"]
    list_filter = ["kind"]
    search_fields = ["code", "name", "project__name"]
    list_select_related = ["parent", "project"]


class StatementLineInline(admin.TabularInline):
    model = StatementLine
    fields = readonly_fields = ["account", "amount"]
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False


class StatusChangeInline(admin.TabularInline):
    model = StatementStatusChange
    fields = readonly_fields = ["from_status", "to_status", "occurred_at", "recorded_by"]
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Statement)
class StatementAdmin(ReadOnlyAdmin):
    list_display = ["project", "year", "half", "version", "status", "published_at"]
    list_filter = ["status", "half"]
    search_fields = ["project__name"]
    list_select_related = ["project"]
    inlines = [StatementLineInline, StatusChangeInline]
