"""What the survey pages read: a survey's results (counts and shares per question, the response rate,
free-text answers), its workbook, the project card's summary, and who may see results."""

import datetime
import io
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from wuye.core.scoping import scope_of
from wuye.estates.models import Household
from wuye.servicedesk.choices_surveys import QuestionKind
from wuye.servicedesk.dues_surveys import survey_due
from wuye.servicedesk.models import Answer, RectificationItem, Survey
from wuye.servicedesk.models.surveys import project_readers_q

DAY = datetime.timedelta(days=1)


def result_readers(user):
    """Surveys whose results the user reads: those of projects he reads as more than an owner
    (owners answer; they do not read their neighbours' free-text answers)."""
    scope = scope_of(user)
    if scope.everything:
        return Survey.objects.all()
    if scope.is_empty:
        return Survey.objects.none()
    return Survey.objects.filter(project_readers_q(scope))


def share(part: int, whole: int) -> float:
    return round(part * 100 / whole, 1) if whole else 0.0


@dataclass
class QuestionResult:
    question: object
    answered: int = 0
    counts: list = field(default_factory=list)  # (label, count, share of those who answered)
    texts: list = field(default_factory=list)

    @property
    def chart(self) -> list[dict]:
        return [{"name": label, "value": count} for label, count, _share in self.counts]


@dataclass
class SurveyResults:
    survey: object
    responses: int
    households: int
    questions: list

    @property
    def response_rate(self) -> float:
        return share(self.responses, self.households)


def survey_results(survey: Survey) -> SurveyResults:
    """Counts and shares of every option, one query for all the answers (never one per question)."""
    questions = list(survey.questions.order_by("position"))
    responses = survey.responses.count()
    households = (
        Household.objects.filter(project_id=survey.project_id).count() or survey.project.household_count
    )
    picked = {question.pk: Counter() for question in questions}
    answered = Counter()
    texts = {question.pk: [] for question in questions}
    rows = Answer.objects.filter(response__survey=survey).values_list(
        "question_id", "choice", "choices", "rating", "text"
    )
    for question_id, choice, choices, rating, text in rows.order_by("pk"):
        answered[question_id] += 1
        for value in [choice, rating, *(choices or [])]:
            if value:
                picked[question_id][value] += 1
        if text:
            texts[question_id].append(text)
    results = []
    for question in questions:
        result = QuestionResult(question, answered[question.pk], texts=texts[question.pk])
        if question.kind != QuestionKind.TEXT:
            result.counts = [
                (label, picked[question.pk][value], share(picked[question.pk][value], answered[question.pk]))
                for value, label in question.choices
            ]
        results.append(result)
    return SurveyResults(survey, responses, households, results)


def results_workbook(results: SurveyResults) -> bytes:
    """The results as a workbook: a summary sheet of counts and shares, a sheet of free-text answers."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("统计")
    bold = Font(bold=True)
    survey = results.survey
    sheet.append([survey.title])
    sheet.append([_("项目"), survey.project.name])
    sheet.append([_("调查期间"), survey.opens_on, survey.closes_on])
    sheet.append(
        [
            _("答卷数"),
            results.responses,
            _("户数"),
            results.households,
            _("参与率（%）"),
            results.response_rate,
        ]
    )
    sheet.append([])
    header = [_("序号"), _("题目"), _("选项"), _("人数"), _("占比（%）")]
    sheet.append(header)
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for result in results.questions:
        for label, count, percent in result.counts:
            sheet.append([result.question.position, result.question.text, label, count, percent])
    texts = book.create_sheet(_("文字意见"))
    texts.append([_("序号"), _("题目"), _("意见")])
    for result in results.questions:
        for text in result.texts:
            texts.append([result.question.position, result.question.text, text])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def card_summary(project, user) -> dict:
    """The project card: its latest surveys and the counts of open and overdue items (two queries)."""
    now = timezone.now()
    surveys = list(
        Survey.objects.visible_to(user)
        .filter(project=project)
        .annotate(answered=Count("responses"))
        .order_by("-opens_on", "-pk")[:3]
    )
    items = RectificationItem.objects.visible_to(user).filter(project=project, closure__isnull=True)
    counts = items.aggregate(open=Count("pk"), overdue=Count("pk", filter=Q(deadline__lt=now)))
    return {
        "surveys": surveys,
        "open_items": counts["open"],
        "overdue_items": counts["overdue"],
        # The last day still in time: the deadline is the midnight that ends it.
        "survey_due": timezone.localtime(survey_due(timezone.localdate(now), project.division_id)) - DAY,
        "answers_surveys": bool(scope_of(user).household_ids),
    }
