"""Admin pages of the construction part (operators only): read-only."""

from django.contrib import admin

from wuye.comanagement.admin_common import ReadOnlyAdmin
from wuye.comanagement.models import CaseMove, ConstructionCase


class CaseMoveInline(admin.TabularInline):
    model = CaseMove
    fields = readonly_fields = ["old", "new", "at", "by", "recorded_at"]
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ConstructionCase)
class ConstructionCaseAdmin(ReadOnlyAdmin):
    list_display = ["project", "household", "what", "found_at", "warned_at", "reported_at", "status"]
    list_filter = ["status", "outcome"]
    search_fields = ["project__name", "what", "authority"]
    list_select_related = ["project", "household__building"]
    date_hierarchy = "found_at"
    inlines = [CaseMoveInline]
