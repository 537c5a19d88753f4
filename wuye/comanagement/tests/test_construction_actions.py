"""Illegal construction cases: opened for a household of the project only (else refused, nothing
written); moved by the transition table, each move a row; only the company records them."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile

from wuye.comanagement.actions_construction import move_case, open_case
from wuye.comanagement.choices_construction import CaseStatus, Outcome
from wuye.comanagement.models import CaseMove, ConstructionCase
from wuye.comanagement.tests.helpers import local

pytestmark = pytest.mark.django_db
FOUND = local(2025, 6, 1, 10)
HOUR = datetime.timedelta(hours=1)


def new_case(side, household=None):
    return ConstructionCase(
        project=side.project, household=household or side.household, what="楼顶加盖", found_at=FOUND
    )


def test_a_case_goes_through_its_moves_each_a_row(world):
    user = world.users["staff"]
    case = open_case(user, new_case(world.inside))
    case = move_case(
        user, case, CaseStatus.WARNED, at=FOUND + HOUR, warning_file=ContentFile(b"%PDF", "w.pdf")
    )
    case = move_case(user, case, CaseStatus.REPORTED, at=FOUND + 2 * HOUR, authority="城管局")
    case = move_case(user, case, CaseStatus.ANSWERED, at=FOUND + 3 * HOUR, answer="限期拆除")
    case = move_case(user, case, CaseStatus.CLOSED, at=FOUND + 4 * HOUR, outcome=Outcome.RESTORED)
    assert case.warned_at == FOUND + HOUR and case.reported_at == FOUND + 2 * HOUR
    assert list(CaseMove.objects.filter(case=case).values_list("old", "new")) == [
        ("", "found"),
        ("found", "warned"),
        ("warned", "reported"),
        ("reported", "answered"),
        ("answered", "closed"),
    ]


def test_a_household_outside_the_project_is_refused_with_a_clear_message_nothing_written(world):
    with pytest.raises(ValidationError) as refused:
        open_case(world.users["staff"], new_case(world.inside, household=world.outside.household))
    assert refused.value.message_dict["household"] == ["该房屋不属于本项目，不能登记。"]
    assert not ConstructionCase.objects.exists() and not CaseMove.objects.exists()


def test_a_warning_without_its_written_warning_is_refused(world):
    user = world.users["staff"]
    case = open_case(user, new_case(world.inside))
    with pytest.raises(ValidationError) as refused:
        move_case(user, case, CaseStatus.WARNED, at=FOUND + HOUR)
    assert "warning_file" in refused.value.message_dict
    case.refresh_from_db()
    assert case.status == CaseStatus.FOUND and case.moves.count() == 1


def test_an_illegal_move_is_refused(world):
    user = world.users["staff"]
    case = open_case(user, new_case(world.inside))
    with pytest.raises(ValidationError):
        move_case(user, case, CaseStatus.CLOSED, outcome=Outcome.OTHER)
    assert case.moves.count() == 1


@pytest.mark.parametrize("who", ["regulator", "committee", "owner", "developer", "stranger"])
def test_only_the_company_opens_a_case(world, who):
    with pytest.raises(PermissionDenied):
        open_case(world.users[who], new_case(world.inside))
    assert not ConstructionCase.objects.exists()
