"""Use cases of surveys: the status table, one answer per household, typed and required answers,
rectification items and their closure."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wuye.core.evidence import AppendOnlyError
from wuye.servicedesk.actions_surveys import (
    close_rectification,
    copy_survey,
    save_rectification,
    set_survey_status,
    submit_response,
)
from wuye.servicedesk.choices_surveys import ResponseSource
from wuye.servicedesk.models import (
    Answer,
    RectificationClosure,
    RectificationItem,
    Survey,
    SurveyResponse,
    SurveyStatusChange,
)
from wuye.servicedesk.tests.surveys_world import OPENED, answers, at, draft_survey, open_survey, paper

pytestmark = pytest.mark.django_db
DURING = at(2026, 3, 10, 9, 0)


def online(world, survey, data=None, household=None, now=DURING):
    return submit_response(
        world.users["owner"],
        survey,
        household or world.inside.household,
        data if data is not None else answers(survey),
        source=ResponseSource.ONLINE,
        now=now,
    )


def test_a_survey_moves_draft_open_closed_and_each_move_is_a_row(world):
    staff = world.users["staff"]
    survey = draft_survey(world.inside.project, staff)
    set_survey_status(staff, survey, "open", now=OPENED)
    set_survey_status(staff, survey, "closed", now=at(2026, 4, 1, 9, 0))
    moves = list(SurveyStatusChange.objects.filter(survey=survey).values_list("from_status", "to_status"))
    assert moves == [("draft", "open"), ("open", "closed")]
    assert Survey.objects.get(pk=survey.pk).status == "closed"


@pytest.mark.parametrize(("start", "move"), [("draft", "closed"), ("open", "draft"), ("closed", "open")])
def test_an_illegal_move_is_refused_and_nothing_written(world, start, move):
    survey = draft_survey(world.inside.project, world.users["staff"])
    Survey.objects.filter(pk=survey.pk).update(status=start)
    with pytest.raises(ValidationError):
        set_survey_status(world.users["manager"], survey, move)
    assert Survey.objects.get(pk=survey.pk).status == start
    assert not SurveyStatusChange.objects.exists()


def test_only_the_company_moves_a_survey(world):
    survey = draft_survey(world.inside.project, world.users["staff"])
    for role in ("committee", "owner", "regulator", "developer"):
        with pytest.raises(PermissionDenied):
            set_survey_status(world.users[role], survey, "open")
    assert Survey.objects.get(pk=survey.pk).status == "draft"


def test_a_survey_without_questions_cannot_open(world):
    survey = Survey.objects.create(
        project=world.inside.project,
        title="空问卷",
        opens_on=datetime.date(2026, 3, 1),
        closes_on=datetime.date(2026, 3, 2),
        created_by=world.users["staff"],
    )
    with pytest.raises(ValidationError):
        set_survey_status(world.users["staff"], survey, "open")


def test_the_owner_answers_once_for_his_household(world):
    survey = open_survey(world.inside.project, world.users["staff"])
    response = online(
        world, survey, answers(survey, rating="basic", multiple=("绿化", "门禁"), text="加装路灯")
    )
    stored = {
        a.question.position: a for a in Answer.objects.filter(response=response).select_related("question")
    }
    assert stored[1].rating == "basic"
    assert stored[2].choice == "每天"
    assert stored[3].choices == ["绿化", "门禁"]
    assert stored[4].text == "加装路灯"
    assert response.recorded_by == world.users["owner"] and response.hash
    with pytest.raises(ValidationError) as refused:
        online(world, survey)
    assert "每户只能答一次" in str(refused.value)
    assert SurveyResponse.objects.count() == 1 and Answer.objects.count() == 4


def test_a_paper_answer_of_an_answered_household_is_refused_too(world):
    survey = open_survey(world.inside.project, world.users["staff"])
    online(world, survey)
    with pytest.raises(ValidationError):
        paper(survey, world.inside.household, world.users["staff"], DURING)
    assert SurveyResponse.objects.count() == 1


def test_the_owner_cannot_answer_for_his_neighbour(world):
    survey = open_survey(world.inside.project, world.users["staff"])
    with pytest.raises(PermissionDenied):
        online(world, survey, household=world.inside.neighbour)
    assert not SurveyResponse.objects.exists()


def test_a_required_question_left_empty_is_refused_with_nothing_written(world):
    survey = open_survey(world.inside.project, world.users["staff"])
    data = answers(survey, rating="")
    with pytest.raises(ValidationError) as refused:
        online(world, survey, data)
    assert "此题为必答题" in str(refused.value)
    assert not SurveyResponse.objects.exists() and not Answer.objects.exists()


def test_an_unknown_option_is_refused(world):
    survey = open_survey(world.inside.project, world.users["staff"])
    with pytest.raises(ValidationError):
        online(world, survey, answers(survey, single="每年"))
    assert not SurveyResponse.objects.exists()


def test_online_answers_only_within_the_dates_of_an_open_survey(world):
    survey = open_survey(world.inside.project, world.users["staff"])
    with pytest.raises(ValidationError):
        online(world, survey, now=at(2026, 4, 1, 0, 0))  # the day after closes_on
    online(world, survey, now=at(2026, 3, 31, 23, 59))  # the last day still counts


def test_paper_answers_need_the_name_of_who_filled_the_form(world):
    survey = open_survey(world.inside.project, world.users["staff"])
    with pytest.raises(ValidationError):
        submit_response(
            world.users["staff"],
            survey,
            world.inside.neighbour,
            answers(survey),
            source=ResponseSource.PAPER,
            respondent_name="  ",
            now=DURING,
        )
    response = paper(survey, world.inside.neighbour, world.users["staff"], DURING)
    assert response.respondent_name == "张三" and response.source == "paper"


def test_only_the_company_types_in_paper_answers(world):
    survey = open_survey(world.inside.project, world.users["staff"])
    with pytest.raises(PermissionDenied):
        paper(survey, world.inside.neighbour, world.users["committee"], DURING)
    assert not SurveyResponse.objects.exists()


def test_responses_are_append_only(world):
    survey = open_survey(world.inside.project, world.users["staff"])
    response = online(world, survey)
    with pytest.raises(AppendOnlyError):
        response.delete()
    with pytest.raises(AppendOnlyError):
        SurveyResponse.objects.all().update(respondent_name="x")


def test_a_survey_is_copied_with_its_questions(world):
    source = draft_survey(world.inside.project, world.users["staff"])
    copy = copy_survey(
        world.users["manager"],
        source,
        title="2026年下半年调查",
        opens_on=datetime.date(2026, 9, 1),
        closes_on=datetime.date(2026, 9, 30),
    )
    assert copy.status == "draft" and copy.copied_from == source and copy.half_year == "2026H2"
    assert list(copy.questions.values_list("text", flat=True)) == list(
        source.questions.values_list("text", flat=True)
    )


def test_an_item_without_a_due_date_is_due_after_the_fix_deadline(world):
    survey = open_survey(world.inside.project, world.users["staff"])
    item = RectificationItem(
        survey=survey, problem="垃圾清运不及时", responsible="李经理", raised_on=datetime.date(2026, 4, 1)
    )
    save_rectification(world.users["staff"], item)
    assert item.due_on == datetime.date(2026, 5, 1)  # fix_deadline: 30 days
    assert item.deadline == at(2026, 5, 2, 0, 0)


def test_an_item_is_closed_once_and_only_by_the_company(world):
    survey = open_survey(world.inside.project, world.users["staff"])
    item = save_rectification(
        world.users["staff"],
        RectificationItem(
            survey=survey, problem="路灯", responsible="王", raised_on=datetime.date(2026, 4, 1)
        ),
    )
    with pytest.raises(PermissionDenied):
        close_rectification(
            world.users["committee"], RectificationClosure(item=item, note="修好", occurred_at=DURING)
        )
    assert not RectificationClosure.objects.exists()
    close_rectification(
        world.users["staff"],
        RectificationClosure(item=item, note="已更换灯具", occurred_at=at(2026, 4, 5, 9, 0)),
    )
    with pytest.raises(ValidationError):
        close_rectification(
            world.users["staff"], RectificationClosure(item=item, note="再次", occurred_at=DURING)
        )
    assert RectificationClosure.objects.count() == 1
