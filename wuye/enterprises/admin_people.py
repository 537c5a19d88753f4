"""Admin of the people part: read-mostly (records are written on the pages, the API and the import)."""

from django.contrib import admin

from wuye.enterprises.models import (
    PolicyDocument,
    Termination,
    TrainingAttendance,
    TrainingSession,
    WagePayment,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(WagePayment)
class WagePaymentAdmin(ReadOnlyAdmin):
    list_display = ["employment", "month", "amount", "paid_on", "method"]
    list_filter = ["method"]
    search_fields = ["employment__staff__name"]
    list_select_related = ["employment__staff"]


@admin.register(Termination)
class TerminationAdmin(ReadOnlyAdmin):
    list_display = ["employment", "date", "reason", "outcome", "reviewed_at"]
    list_filter = ["reason", "outcome"]
    list_select_related = ["employment__staff"]


@admin.register(PolicyDocument)
class PolicyDocumentAdmin(ReadOnlyAdmin):
    list_display = ["enterprise", "category", "title", "occurred_at", "recorded_at"]
    list_filter = ["category"]
    list_select_related = ["enterprise"]


class AttendanceInline(admin.TabularInline):
    model = TrainingAttendance
    extra = 0
    readonly_fields = ["staff"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TrainingSession)
class TrainingSessionAdmin(ReadOnlyAdmin):
    list_display = ["enterprise", "held_on", "topic", "hours", "trainer"]
    list_select_related = ["enterprise"]
    inlines = [AttendanceInline]
