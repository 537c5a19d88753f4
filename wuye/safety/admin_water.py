"""Admin of 4.6 secondary water supply; 4.7 sewers and septic tanks (imported by admin.py).

Tanks and septic tanks are kept with history; the records are evidence, only shown here (recorded
through the pages or the API, which stamp and chain them).
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from wuye.safety.admin import EVIDENCE_FIELDS, ReadOnlyAdmin
from wuye.safety.models import (
    PollutionIncident,
    PollutionReport,
    SepticEmptying,
    SepticTank,
    SewerCheck,
    SewerFlush,
    TankCleaning,
    WaterQualityReport,
    WaterTank,
    WaterTest,
)
from wuye.safety.water_limits import ROUTINE_ITEMS


@admin.register(WaterTank)
class WaterTankAdmin(SimpleHistoryAdmin):
    list_display = ["name", "project", "kind", "capacity", "in_service_from", "active"]
    list_filter = ["active", "kind", "project__division__parent"]
    search_fields = ["name", "location", "project__name"]
    autocomplete_fields = ["project"]
    list_select_related = ["project"]


@admin.register(SepticTank)
class SepticTankAdmin(SimpleHistoryAdmin):
    list_display = ["name", "project", "capacity", "in_service_from", "active"]
    list_filter = ["active", "project__division__parent"]
    search_fields = ["name", "location", "project__name"]
    autocomplete_fields = ["project"]
    list_select_related = ["project"]


class EvidenceAdmin(ReadOnlyAdmin):
    date_hierarchy = "occurred_at"
    list_filter = ["backfilled", "channel"]

    def get_readonly_fields(self, request, obj=None):
        own = [f.name for f in self.model._meta.concrete_fields if f.name not in ("id", *EVIDENCE_FIELDS)]
        return [*own, *EVIDENCE_FIELDS]


@admin.register(WaterTest)
class WaterTestAdmin(EvidenceAdmin):
    list_display = [
        "tank",
        "occurred_at",
        "laboratory",
        *[item.name for item in ROUTINE_ITEMS],
        "recorded_at",
    ]
    search_fields = ["tank__name", "tank__project__name", "laboratory", "laboratory_cma", "report_number"]
    list_select_related = ["tank__project"]


@admin.register(TankCleaning)
class TankCleaningAdmin(EvidenceAdmin):
    list_display = ["tank", "occurred_at", "contractor", "disinfectant", "recorded_at"]
    search_fields = ["tank__name", "tank__project__name", "contractor"]
    list_select_related = ["tank__project"]


@admin.register(WaterQualityReport)
class WaterQualityReportAdmin(EvidenceAdmin):
    list_display = ["project", "occurred_at", "complaint", "reporter", "place", "recorded_at"]
    search_fields = ["project__name", "description", "reporter", "place"]
    list_select_related = ["project"]


@admin.register(PollutionIncident)
class PollutionIncidentAdmin(EvidenceAdmin):
    list_display = ["project", "occurred_at", "description", "recorded_at"]
    search_fields = ["project__name", "description"]
    list_select_related = ["project"]


@admin.register(PollutionReport)
class PollutionReportAdmin(EvidenceAdmin):
    list_display = ["incident", "occurred_at", "authority", "received_by", "recorded_at"]
    search_fields = ["incident__project__name", "authority"]
    list_select_related = ["incident__project"]


@admin.register(SewerCheck)
class SewerCheckAdmin(EvidenceAdmin):
    list_display = ["project", "occurred_at", "inspector", "problems", "recorded_at"]
    search_fields = ["project__name", "inspector", "problems"]
    list_select_related = ["project"]


@admin.register(SewerFlush)
class SewerFlushAdmin(EvidenceAdmin):
    list_display = ["project", "occurred_at", "contractor", "extent", "recorded_at"]
    search_fields = ["project__name", "contractor"]
    list_select_related = ["project"]


@admin.register(SepticEmptying)
class SepticEmptyingAdmin(EvidenceAdmin):
    list_display = ["septic_tank", "occurred_at", "contractor", "volume", "recorded_at"]
    search_fields = ["septic_tank__name", "septic_tank__project__name", "contractor"]
    list_select_related = ["septic_tank__project"]
