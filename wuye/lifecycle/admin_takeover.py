"""Admin pages of the takeover part (operators only): read-only, since a takeover moves only through
``actions_takeover`` and its moves are evidence."""

from django.contrib import admin

from wuye.lifecycle.models import DocumentHandover, InspectionItem, Takeover, TakeoverMove, TakeoverProblem


class ReadOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MoveInline(ReadOnly, admin.TabularInline):
    model = TakeoverMove
    fields = readonly_fields = ["from_status", "to_status", "occurred_at", "recorded_by", "note"]
    extra = 0


class HandoverInline(ReadOnly, admin.TabularInline):
    model = DocumentHandover
    fields = readonly_fields = ["category", "handed_over_on", "handed_by", "received_by"]
    extra = 0


class ProblemInline(ReadOnly, admin.TabularInline):
    model = TakeoverProblem
    fields = readonly_fields = ["description", "fixer", "found_on", "due_on", "fixed_on"]
    extra = 0


@admin.register(Takeover)
class TakeoverAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["project", "enterprise", "status", "taken_over_on", "filed_on"]
    list_filter = ["status"]
    search_fields = ["project__name", "enterprise__name", "filing_number"]
    list_select_related = ["project", "enterprise"]
    inlines = [HandoverInline, ProblemInline, MoveInline]


@admin.register(InspectionItem)
class InspectionItemAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["takeover", "area", "item", "result", "inspected_on"]
    list_filter = ["area", "result"]
    list_select_related = ["takeover__project", "takeover__enterprise"]
