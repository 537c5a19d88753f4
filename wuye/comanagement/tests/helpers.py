"""Records of the comanagement tests, made directly (the model's defaults where a test does not care)."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from wuye.comanagement.choices_animals import AnimalKind, PetKind
from wuye.comanagement.choices_events import EventKind
from wuye.comanagement.models import AnimalNotice, ConstructionCase, Pet, RegulatorEvent, UnauthorisedAnimal


def local(year, month, day, hour=0, minute=0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def case(side, found_at, *, warned_at=None, reported_at=None, household=None, what="阳台外扩", **fields):
    return ConstructionCase.objects.create(
        project=side.project,
        household=household or side.household,
        what=what,
        found_at=found_at,
        warned_at=warned_at,
        warning_file=ContentFile(b"%PDF", name="w.pdf") if warned_at else "",
        reported_at=reported_at,
        authority="城管局" if reported_at else "",
        **fields,
    )


def notice(side, on):
    return AnimalNotice.objects.create(project=side.project, given_on=on, content="不得饲养家禽家畜")


def pet(side, recorded_on, *, kind=PetKind.DOG, **fields):
    return Pet.objects.create(
        project=side.project, household=side.household, kind=kind, recorded_on=recorded_on, **fields
    )


def animal(side, found_at, reported_at=None, kind=AnimalKind.POULTRY):
    return UnauthorisedAnimal.objects.create(
        project=side.project,
        household=side.household,
        kind=kind,
        description="养鸡",
        found_at=found_at,
        reported_at=reported_at,
        authority="街道" if reported_at else "",
    )


def event(side, kind=EventKind.PETITION, on=datetime.date(2025, 5, 1), *, project=True, by=None):
    return RegulatorEvent.objects.create(
        enterprise=side.enterprise,
        project=side.project if project else None,
        kind=kind,
        occurred_on=on,
        source="信访登记",
        description="业主集体上访",
        recorded_by=by,
    )
