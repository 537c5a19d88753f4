"""Admin of 4.3 fire equipment and passages; 4.4 lightning and flood protection (imported by admin.py).

The registers are kept with their history; checks and tests are evidence, only shown here.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from wuye.safety.admin import EVIDENCE_FIELDS, ReadOnlyAdmin
from wuye.safety.models import (
    FireEquipment,
    FireEquipmentCheck,
    FirePassage,
    FirePassageCheck,
    FireSystemTest,
    FloodCheck,
    FloodProtection,
    LightningProtection,
    LightningTest,
)


class AssetAdmin(SimpleHistoryAdmin):
    list_display = ["name", "project", "location", "in_service_from", "active"]
    list_filter = ["active", "project__division__parent"]
    search_fields = ["name", "location", "project__name"]
    autocomplete_fields = ["project"]
    list_select_related = ["project"]


@admin.register(FireEquipment)
class FireEquipmentAdmin(AssetAdmin):
    list_display = ["name", "project", "kind", "extinguisher_type", "production_date", "quantity", "active"]
    list_filter = ["kind", "extinguisher_type", "active", "project__division__parent"]


@admin.register(FirePassage)
class FirePassageAdmin(AssetAdmin):
    pass


@admin.register(LightningProtection)
class LightningProtectionAdmin(AssetAdmin):
    list_display = ["name", "project", "kind", "hazardous", "in_service_from", "active"]
    list_filter = ["kind", "hazardous", "active", "project__division__parent"]


@admin.register(FloodProtection)
class FloodProtectionAdmin(AssetAdmin):
    list_display = ["name", "project", "kind", "in_service_from", "active"]
    list_filter = ["kind", "active", "project__division__parent"]


class RecordAdmin(ReadOnlyAdmin):
    date_hierarchy = "occurred_at"
    list_filter = ["backfilled", "channel"]


@admin.register(FireEquipmentCheck)
class FireEquipmentCheckAdmin(RecordAdmin):
    list_display = ["equipment", "occurred_at", "result", "inspector", "recorded_at", "channel"]
    list_filter = ["result", "channel"]
    search_fields = ["equipment__name", "equipment__project__name", "inspector", "problem"]
    list_select_related = ["equipment__project"]
    readonly_fields = ["equipment", "occurred_at", "result", "problem", "inspector", "attachment", "corrects"]
    readonly_fields += EVIDENCE_FIELDS


@admin.register(FirePassageCheck)
class FirePassageCheckAdmin(RecordAdmin):
    list_display = ["passage", "occurred_at", "outcome", "inspector", "recorded_at", "channel"]
    list_filter = ["outcome", "channel"]
    search_fields = ["passage__name", "passage__project__name", "inspector", "note"]
    list_select_related = ["passage__project"]
    readonly_fields = ["passage", "occurred_at", "outcome", "note", "inspector", "attachment", "corrects"]
    readonly_fields += EVIDENCE_FIELDS


TEST_FIELDS = ["occurred_at", "tester", "report_number", "result", "problems", "attachment", "corrects"]


@admin.register(FireSystemTest)
class FireSystemTestAdmin(RecordAdmin):
    list_display = ["equipment", "occurred_at", "result", "tester", "recorded_at", "backfilled"]
    search_fields = ["equipment__name", "equipment__project__name", "tester", "report_number"]
    list_select_related = ["equipment__project"]
    readonly_fields = ["equipment", *TEST_FIELDS, *EVIDENCE_FIELDS]


@admin.register(LightningTest)
class LightningTestAdmin(RecordAdmin):
    list_display = ["protection", "occurred_at", "result", "tester", "recorded_at", "backfilled"]
    search_fields = ["protection__name", "protection__project__name", "tester", "report_number"]
    list_select_related = ["protection__project"]
    readonly_fields = ["protection", *TEST_FIELDS, *EVIDENCE_FIELDS]


@admin.register(FloodCheck)
class FloodCheckAdmin(RecordAdmin):
    list_display = ["protection", "occurred_at", "result", "tester", "recorded_at", "backfilled"]
    search_fields = ["protection__name", "protection__project__name", "tester"]
    list_select_related = ["protection__project"]
    readonly_fields = ["protection", *TEST_FIELDS, *EVIDENCE_FIELDS]
