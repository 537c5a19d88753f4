"""Takeovers for the tests: stored directly (the actions are tested on their own)."""

import datetime

from wuye.lifecycle.choices_takeover import (
    ART_29_CATEGORIES,
    InspectionArea,
    InspectionResult,
    TakeoverStatus,
)
from wuye.lifecycle.models import DocumentHandover, InspectionItem, Takeover, TakeoverProblem

CATALOGUE_LISTS = {
    InspectionArea.BUILDING_PARTS: [
        "foundation",
        "load_bearing_walls",
        "columns",
        "beams",
        "slabs",
        "roof",
        "facade",
        "lobbies",
        "stairwells",
        "corridors",
        "lift_shafts",
        "plant_rooms",
    ],
    InspectionArea.EQUIPMENT: [
        "lifts",
        "pumps",
        "tanks",
        "lightning_protection",
        "fire_equipment",
        "generators",
        "power_distribution",
        "water_drainage_pipes",
        "heating",
    ],
    InspectionArea.FACILITIES: [
        "roads",
        "green_areas",
        "fences_gates",
        "street_lights",
        "drains",
        "manholes",
        "septic_tanks",
        "parking",
        "cctv",
        "civil_defence_works",
        "management_rooms",
    ],
}


def takeover(world, side="inside", **fields):
    place = getattr(world, side)
    values = {
        "project": place.project,
        "enterprise": place.enterprise,
        "contract": place.contract,
        "taken_over_on": datetime.date(2025, 3, 1),
        "created_by": world.users["admin"],
    }
    values.update(fields)
    return Takeover.objects.create(**values)


def inspected(record, finished_on, *, skip=(), status=TakeoverStatus.AGREED):
    """Every listed item inspected (but ``skip``), the inspection finished on that day."""
    record.inspection_started_on = record.inspection_started_on or finished_on - datetime.timedelta(days=5)
    record.inspection_finished_on = finished_on
    record.agreement_signed_on = finished_on
    record.status = status
    record.save()
    InspectionItem.objects.bulk_create(
        InspectionItem(
            takeover=record, area=area, item=item, result=InspectionResult.OK, inspected_on=finished_on
        )
        for area, items in CATALOGUE_LISTS.items()
        for item in items
        if item not in skip
    )
    return record


def documents(record, handed_over_on, *, skip=()):
    DocumentHandover.objects.bulk_create(
        DocumentHandover(
            takeover=record, category=c, handed_over_on=handed_over_on, handed_by="张工", received_by="李经理"
        )
        for c in ART_29_CATEGORIES
        if c not in skip
    )


def problem(record, fixer, due_on, fixed_on=None, **more):
    return TakeoverProblem.objects.create(
        takeover=record,
        description=more.pop("description", "外墙渗水"),
        fixer=fixer,
        found_on=more.pop("found_on", due_on - datetime.timedelta(days=10)),
        due_on=due_on,
        fixed_on=fixed_on,
        **more,
    )
