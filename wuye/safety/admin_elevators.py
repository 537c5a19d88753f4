"""Admin of 4.2 elevators: register, inspections, maintenance, breakdowns, labels (imported by admin.py).

The register keeps its history; the records are evidence, shown only (written through the pages or the API).
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from wuye.safety.admin import EVIDENCE_FIELDS, ReadOnlyAdmin
from wuye.safety.models import Breakdown, Elevator, ElevatorInspection, ElevatorLabelCheck, MaintenanceVisit


@admin.register(Elevator)
class ElevatorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "project", "registration_code", "kind", "maintenance_company", "active"]
    list_filter = ["active", "kind", "project__division__parent"]
    search_fields = ["name", "registration_code", "location", "maker", "project__name"]
    autocomplete_fields = ["project"]
    raw_id_fields = ["building"]
    list_select_related = ["project"]


class ElevatorRecordAdmin(ReadOnlyAdmin):
    list_select_related = ["elevator__project"]
    search_fields = ["elevator__name", "elevator__registration_code", "elevator__project__name"]
    date_hierarchy = "occurred_at"
    shown: list[str] = []

    def get_readonly_fields(self, request, obj=None):
        return ["elevator", "occurred_at", *self.shown, "attachment", "corrects", *EVIDENCE_FIELDS]


@admin.register(ElevatorInspection)
class ElevatorInspectionAdmin(ElevatorRecordAdmin):
    list_display = ["elevator", "occurred_at", "result", "valid_until", "inspection_body", "backfilled"]
    list_filter = ["result", "backfilled"]
    shown = ["inspection_body", "result", "valid_until", "report_number", "note"]


@admin.register(MaintenanceVisit)
class MaintenanceVisitAdmin(ElevatorRecordAdmin):
    list_display = ["elevator", "occurred_at", "tier", "technician", "backfilled", "channel"]
    list_filter = ["tier", "backfilled", "channel"]
    shown = ["tier", "technician", "technician_certificate", "items", "problems"]


@admin.register(Breakdown)
class BreakdownAdmin(ElevatorRecordAdmin):
    list_display = ["elevator", "occurred_at", "arrived_at", "released_at", "people_trapped"]
    shown = ["arrived_at", "released_at", "people_trapped", "cause", "rescuer"]


@admin.register(ElevatorLabelCheck)
class ElevatorLabelCheckAdmin(ElevatorRecordAdmin):
    list_display = ["elevator", "occurred_at", "inspection_mark_ok", "operating_labels_ok"]
    list_filter = ["inspection_mark_ok", "operating_labels_ok"]
    shown = ["inspection_mark_ok", "operating_labels_ok", "note"]
