"""The survey pages at work: drafting with questions, the owner's answer sheet, paper entry, results
and their export, rectification items; list pages with a pinned number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from wuye.servicedesk.actions_surveys import save_rectification
from wuye.servicedesk.models import Question, RectificationClosure, RectificationItem, Survey, SurveyResponse
from wuye.servicedesk.tests.surveys_world import open_survey, paper
from wuye.testing import factories as f

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def formset(rows):
    data = {
        "questions-TOTAL_FORMS": str(len(rows)),
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        data.update({f"questions-{i}-{k}": v for k, v in row.items()})
    return data


def current_survey(world):
    return open_survey(
        world.inside.project,
        world.users["staff"],
        opens_on=timezone.localdate() - datetime.timedelta(days=1),
        closes_on=timezone.localdate() + datetime.timedelta(days=10),
        now=timezone.now(),
    )


def test_staff_draft_a_survey_with_its_questions(client, world):
    client.force_login(world.users["staff"])
    data = {"title": "2026年上半年业主满意度调查", "opens_on": "2026-03-01", "closes_on": "2026-03-31"}
    data |= formset(
        [
            {"text": "您对管理人员是否满意？", "kind": "rating", "topic": "management", "required": "on"},
            {"text": "保洁频次", "kind": "single", "topic": "cleaning", "options": "每天\n每周"},
            {"text": "", "kind": "rating", "topic": "other"},
        ]
    )
    response = client.post(reverse("survey-create", args=[world.inside.project.pk]), data)
    survey = Survey.objects.get()
    assert response.status_code == 302 and response.url == survey.get_absolute_url()
    assert survey.status == "draft" and survey.created_by == world.users["staff"]
    assert list(survey.questions.values_list("position", "kind", "options")) == [
        (1, "rating", []),
        (2, "single", ["每天", "每周"]),
    ]


def test_a_choice_question_without_options_is_shown_in_place_and_nothing_saved(client, world):
    client.force_login(world.users["staff"])
    data = {"title": "调查", "opens_on": "2026-03-01", "closes_on": "2026-03-31"}
    data |= formset([{"text": "保洁频次", "kind": "single", "topic": "cleaning", "options": "每天"}])
    response = client.post(reverse("survey-create", args=[world.inside.project.pk]), data)
    assert response.status_code == 200
    assert "选择题至少需要两个选项" in response.content.decode()
    assert not Survey.objects.exists()


def test_the_owner_answers_on_his_phone_once(client, world):
    survey = current_survey(world)
    client.force_login(world.users["owner"])
    page = client.get(reverse("survey-answer", args=[survey.pk]))
    assert "您对物业管理人员的工作是否满意" in page.content.decode()
    q = {question.position: question.pk for question in Question.objects.filter(survey=survey)}
    data = {
        "household": world.inside.household.pk,
        f"q{q[1]}": "basic",
        f"q{q[2]}": "每周",
        f"q{q[3]}": ["门禁"],
    }
    response = client.post(reverse("survey-answer", args=[survey.pk]), data)
    assert response.status_code == 302 and response.url == reverse("my-surveys")
    assert SurveyResponse.objects.get().source == "online"
    again = client.post(reverse("survey-answer", args=[survey.pk]), data)
    assert "均已提交本问卷" in again.content.decode()
    assert SurveyResponse.objects.count() == 1
    mine = client.get(reverse("my-surveys")).content.decode()
    assert survey.title in mine and "已提交" in mine


def test_a_missing_required_answer_is_shown_in_place(client, world):
    survey = current_survey(world)
    client.force_login(world.users["owner"])
    response = client.post(
        reverse("survey-answer", args=[survey.pk]), {"household": world.inside.household.pk}
    )
    assert response.status_code == 200 and "此题为必答题" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_staff_type_in_a_paper_form_and_a_second_one_of_the_household_is_refused(client, world):
    survey = current_survey(world)
    client.force_login(world.users["staff"])
    q = {question.position: question.pk for question in Question.objects.filter(survey=survey)}
    data = {
        "household": world.inside.neighbour.pk,
        "respondent_name": "李四",
        f"q{q[1]}": "satisfied",
        f"q{q[2]}": "每天",
    }
    response = client.post(reverse("survey-paper", args=[survey.pk]), data)
    assert response.status_code == 302
    assert SurveyResponse.objects.get().respondent_name == "李四"
    again = client.post(reverse("survey-paper", args=[survey.pk]), data)
    assert again.status_code == 200 and "请选择房屋" in again.content.decode()  # no longer offered
    assert SurveyResponse.objects.count() == 1


def test_results_show_counts_shares_and_free_text_and_export(client, world):
    survey = open_survey(world.inside.project, world.users["staff"])
    when = timezone.make_aware(datetime.datetime(2026, 3, 10, 9))
    paper(survey, world.inside.household, world.users["staff"], when, rating="satisfied", text="希望加装路灯")
    paper(survey, world.inside.neighbour, world.users["staff"], when, rating="dissatisfied")
    client.force_login(world.users["committee"])
    body = client.get(reverse("survey-results", args=[survey.pk])).content.decode()
    assert "希望加装路灯" in body and "50.0%" in body and "survey-charts" in body
    export = client.get(reverse("survey-results", args=[survey.pk]), {"export": "xlsx"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    printed = client.get(reverse("survey-results-print", args=[survey.pk])).content.decode()
    assert "window.print()" in printed


def test_rectification_items_filtered_open_and_overdue(client, world):
    survey = open_survey(world.inside.project, world.users["staff"])
    past = save_rectification(
        world.users["staff"],
        RectificationItem(
            survey=survey,
            problem="路灯损坏",
            responsible="王",
            raised_on=datetime.date(2026, 1, 1),
            due_on=datetime.date(2026, 1, 10),
        ),
    )
    save_rectification(
        world.users["staff"],
        RectificationItem(
            survey=survey,
            problem="绿化补种",
            responsible="李",
            raised_on=TODAY,
            due_on=TODAY + datetime.timedelta(days=30),
        ),
    )
    client.force_login(world.users["committee"])
    url = reverse("rectification-list", args=[world.inside.project.pk])
    overdue = client.get(url, {"state": "overdue"}).content.decode()
    assert "路灯损坏" in overdue and "绿化补种" not in overdue
    assert "绿化补种" in client.get(url, {"state": "open"}).content.decode()
    client.force_login(world.users["staff"])
    response = client.post(
        reverse("rectification-close", args=[past.pk]), {"occurred_at": "2026-01-09T10:00", "note": "已更换"}
    )
    assert response.status_code == 302 and RectificationClosure.objects.get().item == past


def test_an_item_raised_without_a_due_date_gets_the_default(client, world):
    survey = open_survey(world.inside.project, world.users["staff"])
    client.force_login(world.users["manager"])
    response = client.post(
        reverse("rectification-create", args=[survey.pk]),
        {"problem": "电梯厅卫生差", "responsible": "赵", "raised_on": "2026-04-01"},
    )
    assert response.status_code == 302
    assert RectificationItem.objects.get().due_on == datetime.date(2026, 5, 1)


def test_list_pages_take_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    staff = world.users["staff"]
    for month in (3, 9):
        survey = open_survey(
            world.inside.project,
            staff,
            opens_on=datetime.date(2025, month, 1),
            closes_on=datetime.date(2025, month, 20),
        )
        for i in range(3):
            household = f.HouseholdFactory(building=world.inside.building, number=f"{month}0{i}")
            paper(survey, household, staff, timezone.make_aware(datetime.datetime(2025, month, 5, 9)))
            save_rectification(
                staff,
                RectificationItem(
                    survey=survey,
                    problem=f"问题{i}",
                    responsible="王",
                    raised_on=datetime.date(2025, month, 5),
                ),
            )
    client.force_login(world.users["committee"])
    with django_assert_max_num_queries(12):
        assert client.get(reverse("survey-list", args=[world.inside.project.pk])).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("rectification-list", args=[world.inside.project.pk])).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(reverse("survey-results", args=[survey.pk])).status_code == 200


def test_the_project_page_links_the_surveys(client, world):
    survey = open_survey(world.inside.project, world.users["staff"])
    client.force_login(world.users["owner"])
    body = client.get(world.inside.project.get_absolute_url()).content.decode()
    assert 'data-testid="surveys-card"' in body and survey.title in body


def test_a_draft_is_edited_with_its_questions_and_an_open_survey_no_longer(client, world):
    from wuye.servicedesk.tests.surveys_world import draft_survey

    draft = draft_survey(world.inside.project, world.users["staff"])
    client.force_login(world.users["manager"])
    page = client.get(reverse("survey-update", args=[draft.pk])).content.decode()
    assert "楼道保洁频次" in page  # the questions are in the editor
    data = {"title": "改过的标题", "opens_on": "2026-03-01", "closes_on": "2026-03-20"}
    data |= formset(
        [{"text": "您对管理人员是否满意？", "kind": "rating", "topic": "management", "required": "on"}]
    )
    assert client.post(reverse("survey-update", args=[draft.pk]), data).status_code == 302
    draft.refresh_from_db()
    assert draft.title == "改过的标题" and draft.questions.count() == 1
    assert client.post(reverse("survey-status", args=[draft.pk]), {"to": "open"}).status_code == 302
    response = client.get(reverse("survey-update", args=[draft.pk]))
    assert response.status_code == 302 and response.url == draft.get_absolute_url()
    refused = client.post(reverse("survey-update", args=[draft.pk]), data | {"title": "再改"})
    assert "问卷已发布，不能再修改" in refused.content.decode()
    draft.refresh_from_db()
    assert draft.title == "改过的标题"


def test_the_card_says_when_this_half_years_survey_is_due(client, world):
    from wuye.servicedesk.dues_surveys import survey_due

    client.force_login(world.users["committee"])
    body = client.get(world.inside.project.get_absolute_url()).content.decode()
    due = timezone.localtime(survey_due(timezone.localdate(), world.inside.project.division_id))
    last_day = due - datetime.timedelta(days=1)
    assert f"须在 {last_day:%Y-%m-%d}（含当日）之前完成" in body


def test_an_item_is_raised_from_a_question_of_the_results(client, world):
    survey = open_survey(world.inside.project, world.users["staff"])
    question = survey.questions.get(position=2)
    client.force_login(world.users["staff"])
    results = client.get(reverse("survey-results", args=[survey.pk])).content.decode()
    link = reverse("rectification-create", args=[survey.pk]) + f"?question={question.pk}"
    assert link in results
    page = client.get(link).content.decode()
    assert f'<option value="{question.pk}" selected>' in page
