"""Small survey data on the personas' worlds, for the survey tests (no demo seeding)."""

import datetime

from django.utils import timezone

from wuye.servicedesk.actions_surveys import set_survey_status, submit_response
from wuye.servicedesk.choices_surveys import ResponseSource
from wuye.servicedesk.models import Question, Survey
from wuye.testing import factories as f

OPENED = timezone.make_aware(datetime.datetime(2026, 3, 2, 10, 0))


def at(*args) -> datetime.datetime:
    """A moment in Asia/Shanghai."""
    return timezone.make_aware(datetime.datetime(*args))


def draft_survey(project, user, **values) -> Survey:
    """A draft with a management rating, a single choice, a multiple choice and a free-text question."""
    values = {"opens_on": datetime.date(2026, 3, 1), "closes_on": datetime.date(2026, 3, 31), **values}
    survey = f.SurveyFactory(project=project, created_by=user, status="draft", **values)
    f.QuestionFactory(survey=survey, position=1, kind="rating", topic="management")
    f.QuestionFactory(
        survey=survey,
        position=2,
        kind="single",
        topic="cleaning",
        text="楼道保洁频次？",
        options=["每天", "每周"],
    )
    f.QuestionFactory(
        survey=survey,
        position=3,
        kind="multiple",
        topic="other",
        text="希望改进哪些方面？",
        options=["绿化", "停车", "门禁"],
        required=False,
    )
    f.QuestionFactory(survey=survey, position=4, kind="text", topic="other", text="其他意见", required=False)
    return survey


def open_survey(project, user, now=OPENED, **values) -> Survey:
    survey = draft_survey(project, user, **values)
    return set_survey_status(user, survey, "open", now=now)


def answers(survey, rating="satisfied", single="每天", multiple=("绿化",), text="") -> dict:
    q = {question.position: question.pk for question in Question.objects.filter(survey=survey)}
    return {q[1]: rating, q[2]: single, q[3]: list(multiple), q[4]: text}


def paper(survey, household, user, now, rating="satisfied", **kwargs):
    return submit_response(
        user,
        survey,
        household,
        answers(survey, rating=rating, **kwargs),
        source=ResponseSource.PAPER,
        respondent_name="张三",
        now=now,
    )
