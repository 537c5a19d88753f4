"""Checks of clause 5.2 at their boundaries: a notice in every calendar year (due at its end), a dog
without registration urged within follow_up_deadline (30 days), an unauthorised animal reported within
report_deadline (3 days)."""

import datetime

import pytest

from wuye.comanagement.checks.animals import NoticeNotGiven, PetNotFollowedUp, UnauthorisedNotReported
from wuye.comanagement.choices_animals import PetKind
from wuye.comanagement.tests.helpers import animal, local, notice, pet
from wuye.compliance.models import ParameterOverride
from wuye.estates.models import ServicePeriod

pytestmark = pytest.mark.django_db
MINUTE = datetime.timedelta(minutes=1)
DAY = datetime.timedelta(days=1)


def drafts(check, side, as_of):
    return [d for d in check().run(as_of, None) if d.project_id == side.project.pk]


@pytest.fixture
def since_2024(world):
    ServicePeriod.objects.filter(project=world.inside.project).update(start=datetime.date(2024, 3, 10))
    return world.inside


# -- 5.2.notice_yearly


def test_a_year_without_a_notice_is_a_miss_once_the_year_has_ended(since_2024):
    side = since_2024
    notice(side, datetime.date(2024, 12, 31))
    assert drafts(NoticeNotGiven, side, local(2025, 12, 31, 23, 59)) == []
    [found] = drafts(NoticeNotGiven, side, local(2026, 1, 1))
    assert (found.period_start, found.period_end) == (local(2025, 1, 1), local(2026, 1, 1))
    assert "2025年" in found.message and found.parameters == {"bucket": "1", "due_after": "0:00:00"}


def test_the_first_year_counts_from_the_takeover_and_a_notice_on_its_first_day_covers_it(since_2024):
    side = since_2024
    notice(side, datetime.date(2025, 1, 1))
    [found] = drafts(NoticeNotGiven, side, local(2026, 1, 1))
    assert found.period_start == local(2024, 1, 1)


def test_a_notice_dated_after_the_evaluation_day_does_not_count(since_2024):
    side = since_2024
    notice(side, datetime.date(2024, 5, 1))
    notice(side, datetime.date(2025, 5, 1))
    assert drafts(NoticeNotGiven, side, local(2026, 1, 1)) == []


# -- 5.2.pet_registration


def test_a_dog_urged_on_the_30th_day_passes_on_the_31st_it_is_late(world):
    side = world.inside
    recorded = datetime.date(2025, 4, 1)
    pet(side, recorded, urged_on=recorded + 30 * DAY)
    assert drafts(PetNotFollowedUp, side, local(2025, 8, 1)) == []
    late = pet(side, recorded, urged_on=recorded + 31 * DAY)
    [found] = drafts(PetNotFollowedUp, side, local(2025, 8, 1))
    assert found.subject == f"pet:{late.pk}" and found.period_start == local(2025, 5, 2)
    assert found.period_end == local(2025, 5, 2) and "才督促" in found.message


def test_a_dog_never_urged_is_found_the_day_after_the_deadline(world):
    side = world.inside
    pet(side, datetime.date(2025, 4, 1))
    assert drafts(PetNotFollowedUp, side, local(2025, 5, 1, 23, 59)) == []
    [found] = drafts(PetNotFollowedUp, side, local(2025, 5, 2))
    assert found.period_end is None and "至今未督促" in found.message


def test_registered_dogs_cats_and_gone_dogs_pass(world):
    side = world.inside
    old = datetime.date(2025, 1, 1)
    pet(side, old, licence_number="BT-001", rabies_vaccinated_on=old)
    pet(side, old, kind=PetKind.CAT)
    pet(side, old, gone_on=datetime.date(2025, 1, 10))
    assert drafts(PetNotFollowedUp, side, local(2025, 8, 1)) == []


def test_a_licensed_dog_without_its_vaccination_counts_only_while_vaccination_is_required(world):
    side = world.inside
    pet(side, datetime.date(2025, 1, 1), licence_number="BT-002")
    assert len(drafts(PetNotFollowedUp, side, local(2025, 8, 1))) == 1
    ParameterOverride.objects.create(
        check_id="5.2.pet_registration",
        name="dog_rabies_vaccination_required",
        division_id=side.project.division_id,
        value=False,
        valid_from=datetime.date(2020, 1, 1),
        reason="测试",
        set_by=world.users["regulator"],
    )
    assert drafts(PetNotFollowedUp, side, local(2025, 8, 1)) == []


# -- 5.2.unauthorised_reported


def test_an_animal_reported_exactly_at_3_days_passes_a_minute_later_is_late(world):
    side = world.inside
    found_at = local(2025, 6, 1, 9)
    animal(side, found_at, found_at + 3 * DAY)
    assert drafts(UnauthorisedNotReported, side, found_at + 10 * DAY) == []
    animal(side, found_at, found_at + 3 * DAY + MINUTE)
    [found] = drafts(UnauthorisedNotReported, side, found_at + 10 * DAY)
    assert found.period_start == found_at + 3 * DAY and "才报告" in found.message


def test_an_unreported_animal_opens_after_the_deadline(world):
    side = world.inside
    found_at = local(2025, 6, 1, 9)
    animal(side, found_at)
    assert drafts(UnauthorisedNotReported, side, found_at + 3 * DAY) == []
    [found] = drafts(UnauthorisedNotReported, side, found_at + 3 * DAY + MINUTE)
    assert found.period_end is None
