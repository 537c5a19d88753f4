"""Django admin of the safety duties: power rooms kept with history; rounds, fixes and defects only shown.

Evidence is append-only (rounds and fixes are recorded through the pages or the API, which stamp and
chain them); a defect is opened by a round and closed by a fix, never edited by hand.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from wuye.safety.models import (
    Camera,
    CameraCheck,
    Defect,
    DefectFix,
    DutyShift,
    Entrance,
    PatrolCheckIn,
    PatrolPoint,
    PatrolRound,
    PatrolRoute,
    PowerRoom,
    PowerRound,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown, never added, changed or deleted here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PowerRoom)
class PowerRoomAdmin(SimpleHistoryAdmin):
    list_display = ["name", "project", "location", "in_service_from", "active"]
    list_filter = ["active", "project__division__parent"]
    search_fields = ["name", "location", "project__name"]
    autocomplete_fields = ["project"]
    list_select_related = ["project"]


EVIDENCE_FIELDS = [
    "recorded_at",
    "recorded_by",
    "channel",
    "backfilled",
    "chain",
    "chain_seq",
    "prev_hash",
    "hash",
]


@admin.register(PowerRound)
class PowerRoundAdmin(ReadOnlyAdmin):
    list_display = ["power_room", "occurred_at", "recorded_at", "inspector", "backfilled", "channel"]
    list_filter = ["backfilled", "channel"]
    search_fields = ["power_room__name", "power_room__project__name", "inspector", "problems"]
    list_select_related = ["power_room__project"]
    date_hierarchy = "occurred_at"
    readonly_fields = [
        "power_room",
        "occurred_at",
        "inspector",
        "supply_states",
        "voltage",
        "current",
        "temperature",
        "problems",
        "attachment",
        "corrects",
        *EVIDENCE_FIELDS,
    ]


@admin.register(DefectFix)
class DefectFixAdmin(ReadOnlyAdmin):
    list_display = ["defect", "occurred_at", "recorded_at", "channel"]
    search_fields = ["defect__description", "note"]
    list_select_related = ["defect__project"]
    readonly_fields = ["defect", "occurred_at", "note", "attachment", "corrects", *EVIDENCE_FIELDS]


@admin.register(Defect)
class DefectAdmin(ReadOnlyAdmin):
    list_display = ["subject_name", "description", "found_at", "deadline", "fixed_at"]
    list_filter = ["check_id"]
    search_fields = ["subject_name", "description", "project__name"]
    list_select_related = ["project"]
    readonly_fields = [
        "project",
        "check_id",
        "source",
        "subject_name",
        "description",
        "found_at",
        "deadline",
        "fixed_at",
    ]


# -- clause 4.1 ----------------------------------------------------------------------------------------


@admin.register(Entrance)
class EntranceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "project", "location", "in_service_from", "active"]
    list_filter = ["active", "project__division__parent"]
    search_fields = ["name", "location", "project__name"]
    autocomplete_fields = ["project"]
    list_select_related = ["project"]


@admin.register(DutyShift)
class DutyShiftAdmin(SimpleHistoryAdmin):
    """The roster is kept on the entrance's page (shifts that ended are never changed); shown here."""

    list_display = ["entrance", "guard", "starts_at", "ends_at"]
    search_fields = ["guard", "entrance__name", "entrance__project__name"]
    list_select_related = ["entrance__project"]
    date_hierarchy = "starts_at"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PatrolRoute)
class PatrolRouteAdmin(SimpleHistoryAdmin):
    list_display = ["name", "project", "in_service_from", "active"]
    list_filter = ["active"]
    search_fields = ["name", "project__name"]
    autocomplete_fields = ["project"]
    list_select_related = ["project"]


@admin.register(PatrolPoint)
class PatrolPointAdmin(SimpleHistoryAdmin):
    list_display = ["name", "route", "order", "key_version", "active"]
    list_filter = ["active"]
    search_fields = ["name", "route__name", "route__project__name"]
    list_select_related = ["route__project"]
    readonly_fields = ["key_version"]


@admin.register(PatrolRound)
class PatrolRoundAdmin(ReadOnlyAdmin):
    list_display = ["route", "occurred_at", "completed_at", "points_done", "points_total"]
    list_select_related = ["route__project"]
    date_hierarchy = "occurred_at"


@admin.register(PatrolCheckIn)
class PatrolCheckInAdmin(ReadOnlyAdmin):
    list_display = ["point", "occurred_at", "recorded_by", "distance", "far_from_point", "channel"]
    list_filter = ["far_from_point", "channel"]
    list_select_related = ["point__route__project", "recorded_by"]
    date_hierarchy = "occurred_at"


@admin.register(Camera)
class CameraAdmin(SimpleHistoryAdmin):
    list_display = ["name", "project", "location", "in_service_from", "active"]
    list_filter = ["active"]
    search_fields = ["name", "location", "project__name"]
    autocomplete_fields = ["project"]
    list_select_related = ["project"]


@admin.register(CameraCheck)
class CameraCheckAdmin(ReadOnlyAdmin):
    list_display = ["camera", "occurred_at", "working", "note", "recorded_at", "channel"]
    list_filter = ["working", "channel"]
    list_select_related = ["camera__project"]
    date_hierarchy = "occurred_at"


# Issue 5: one module per duty.
from wuye.safety import admin_elevators, admin_fire, admin_plans, admin_water  # noqa: E402, F401
