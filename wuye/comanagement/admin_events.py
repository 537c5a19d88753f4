"""Admin pages of the regulator's events (operators only): read-only."""

from django.contrib import admin

from wuye.comanagement.admin_common import ReadOnlyAdmin
from wuye.comanagement.models import RegulatorEvent


@admin.register(RegulatorEvent)
class RegulatorEventAdmin(ReadOnlyAdmin):
    list_display = ["occurred_on", "kind", "enterprise", "project", "source", "recorded_by", "recorded_at"]
    list_filter = ["kind"]
    search_fields = ["enterprise__name", "project__name", "source", "description"]
    list_select_related = ["enterprise", "project", "recorded_by"]
    date_hierarchy = "occurred_on"
