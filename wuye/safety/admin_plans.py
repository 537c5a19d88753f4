"""Admin of 3.4 emergency plans, drills, incidents, stoppages; 3.5 archive; 4.5 vehicles; 4.1 signs (imported by admin.py).

Evidence is only shown (recorded through the pages or the API, which stamp and chain it); the vehicle
register is kept with history like the other registries.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from wuye.safety.admin import EVIDENCE_FIELDS, ReadOnlyAdmin
from wuye.safety.models import (
    ArchiveDocument,
    ContentReview,
    Drill,
    EmergencyPlan,
    Incident,
    PlanReview,
    SignPhoto,
    StoppageNotice,
    Vehicle,
    VehicleRules,
)


def evidence_admin(model, display, *, search=(), filters=(), related=("project",)):
    """A read-only admin of an evidence model: every field shown, nothing changed."""
    fields = [f.name for f in model._meta.concrete_fields if f.name not in ("id", *EVIDENCE_FIELDS)]
    attrs = {
        "list_display": [*display, "occurred_at", "recorded_at", "channel"],
        "list_filter": [*filters, "channel"],
        "search_fields": list(search),
        "list_select_related": list(related),
        "date_hierarchy": "occurred_at",
        "readonly_fields": [*fields, *EVIDENCE_FIELDS],
    }
    admin.site.register(model, type(f"{model.__name__}Admin", (ReadOnlyAdmin,), attrs))


evidence_admin(
    EmergencyPlan, ["title", "project", "plan_type"], search=["title", "project__name"], filters=["plan_type"]
)
evidence_admin(
    PlanReview, ["plan", "kind", "reviewer"], filters=["kind", "plan_type"], related=("plan__project",)
)
evidence_admin(Drill, ["project", "plan_type", "participant_count"], search=["project__name", "participants"])
evidence_admin(
    Incident,
    ["project", "plan_type", "description", "plan_started_at"],
    search=["project__name", "description"],
)
evidence_admin(
    StoppageNotice, ["project", "kind", "planned_start", "backfilled"], filters=["kind", "backfilled"]
)
evidence_admin(
    ArchiveDocument, ["title", "project", "category"], search=["title", "project__name"], filters=["category"]
)
evidence_admin(VehicleRules, ["title", "project"], search=["title", "project__name"])
evidence_admin(SignPhoto, ["entrance", "note"], search=["entrance__name"], related=("entrance__project",))
evidence_admin(ContentReview, ["project", "verdict", "note"], filters=["verdict"])


@admin.register(Vehicle)
class VehicleAdmin(SimpleHistoryAdmin):
    list_display = ["plate", "kind", "household", "project", "active"]
    list_filter = ["kind", "active", "project__division__parent"]
    search_fields = ["plate", "description", "project__name", "household__number"]
    autocomplete_fields = ["household"]
    list_select_related = ["project", "household__building"]
