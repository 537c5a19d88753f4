"""Use cases of clause 3.7 surveys and their rectification items: each takes the acting user.

The company (the project's staff, the serving enterprise's managers: ``can_record_duties``) drafts,
opens and closes surveys, types in paper answers and keeps the rectification items. An owner answers
online for a household he holds, once. A survey's status moves only as ``SURVEY_MOVES`` allows
(after django-oscar's ``set_status``), each move a ``SurveyStatusChange`` row.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.actions import save_record
from wuye.core.evidence import Channel, append_evidence, bulk_append_evidence
from wuye.core.scoping import scope_of
from wuye.estates.models import Household
from wuye.estates.permissions import can_record_duties
from wuye.servicedesk.choices_surveys import QuestionKind, Rating, ResponseSource, SurveyStatus
from wuye.servicedesk.dues_surveys import default_due_on
from wuye.servicedesk.models import (
    Answer,
    Question,
    RectificationClosure,
    RectificationItem,
    Survey,
    SurveyResponse,
    SurveyStatusChange,
)

# The only moves a survey's status makes: drafted, put to the owners, closed.
SURVEY_MOVES = {
    (SurveyStatus.DRAFT, SurveyStatus.OPEN),
    (SurveyStatus.OPEN, SurveyStatus.CLOSED),
}
ONE_PER_HOUSEHOLD = _("该户已提交过本问卷，每户只能答一次。")


def ensure_company(user, project_id: int) -> None:
    """The project's own staff and the serving enterprise's managers (and the operators), else 403."""
    if not can_record_duties(user, project_id):
        raise PermissionDenied


def ensure_draft(survey: Survey) -> None:
    if survey.status != SurveyStatus.DRAFT:
        raise ValidationError(_("问卷已发布，不能再修改。"))


# -- surveys ---------------------------------------------------------------------------------------


@transaction.atomic
def save_survey(user, survey: Survey) -> Survey:
    """Create or edit a draft survey of a project the user's company runs."""
    ensure_company(user, survey.project_id)
    if survey.pk is None:
        survey.created_by = user
        survey.status = SurveyStatus.DRAFT
    else:
        ensure_draft(Survey.objects.select_for_update().get(pk=survey.pk))
    return save_record(user, survey)


@transaction.atomic
def save_questions(user, survey: Survey, questions: list[Question]) -> list[Question]:
    """Replace a draft's questions with ``questions`` (in their order), each validated."""
    ensure_company(user, survey.project_id)
    ensure_draft(Survey.objects.select_for_update().get(pk=survey.pk))
    errors = {}
    for position, question in enumerate(questions, start=1):
        question.survey = survey
        question.position = position
        try:
            question.full_clean(exclude=["survey", "position"])
        except ValidationError as error:
            errors.update({f"{position}-{k}": v for k, v in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    survey.questions.all().delete()
    for question in questions:
        question.pk = None
        question.save(force_insert=True)
    return questions


@transaction.atomic
def copy_survey(user, source: Survey, *, title: str, opens_on, closes_on) -> Survey:
    """A new draft of the same project with an earlier survey's questions (a copy, not a link)."""
    if not Survey.objects.visible_to(user).filter(pk=source.pk).exists():
        raise PermissionDenied
    survey = Survey(
        project=source.project,
        title=title,
        introduction=source.introduction,
        opens_on=opens_on,
        closes_on=closes_on,
        copied_from=source,
    )
    save_survey(user, survey)
    for question in source.questions.order_by("position"):
        Question.objects.create(
            survey=survey,
            position=question.position,
            text=question.text,
            kind=question.kind,
            options=list(question.options),
            required=question.required,
            topic=question.topic,
        )
    return survey


@transaction.atomic
def set_survey_status(
    user, survey: Survey, to_status: str, *, channel: str = Channel.WEB, now=None
) -> Survey:
    """Move a survey along ``SURVEY_MOVES``; an illegal move is refused and nothing is written."""
    ensure_company(user, survey.project_id)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    from_status = survey.status
    if (from_status, to_status) not in SURVEY_MOVES:
        raise ValidationError(
            _("问卷不能从“%(from)s”改为“%(to)s”。")
            % {"from": SurveyStatus(from_status).label, "to": SurveyStatus(to_status).label}
        )
    if to_status == SurveyStatus.OPEN and not survey.questions.exists():
        raise ValidationError(_("问卷还没有题目，请先添加题目再发布。"))
    now = now or timezone.now()
    survey.status = to_status
    survey._history_user = user
    survey.save(update_fields=["status", "updated_at", "half_year"])
    change = SurveyStatusChange(
        survey=survey,
        project_id=survey.project_id,
        from_status=from_status,
        to_status=to_status,
        occurred_at=now,
    )
    append_evidence(change, user=user, channel=channel, now=now)
    return survey


# -- responses -------------------------------------------------------------------------------------


def answerable_households(user, survey: Survey):
    """The households of the survey's project the user holds as an owner (he answers for these)."""
    return Household.objects.filter(pk__in=scope_of(user).household_ids, project_id=survey.project_id)


def typed_answers(questions, data: dict) -> list[Answer]:
    """Unsaved answers from ``data`` (question id → a string, or a list for multiple choice).

    Each answer goes in its own typed field; an unknown option, or a required question left empty,
    is an error under ``q<id>`` (the form field of that question).
    """
    answers, errors = [], {}
    for question in questions:
        value = data.get(question.pk)
        values = [
            v.strip()
            for v in (value if isinstance(value, list | tuple) else [value or ""])
            if v and v.strip()
        ]
        key = f"q{question.pk}"
        if not values:
            if question.required:
                errors[key] = _("此题为必答题。")
            continue
        answer = Answer(question=question)
        allowed = {choice for choice, _label in question.choices}
        if question.kind != QuestionKind.TEXT and not set(values) <= allowed:
            errors[key] = _("请从给出的选项中选择。")
            continue
        if question.kind == QuestionKind.RATING:
            answer.rating = values[0] if len(values) == 1 else ""
        elif question.kind == QuestionKind.SINGLE:
            answer.choice = values[0] if len(values) == 1 else ""
        elif question.kind == QuestionKind.MULTIPLE:
            answer.choices = [choice for choice, _label in question.choices if choice in values]
        else:
            answer.text = "\n".join(values)[:2000]
        if question.kind in (QuestionKind.RATING, QuestionKind.SINGLE) and len(values) != 1:
            errors[key] = _("此题只能选一项。")
            continue
        answers.append(answer)
    if errors:
        raise ValidationError(errors)
    return answers


@transaction.atomic
def submit_response(
    user,
    survey: Survey,
    household: Household,
    data: dict,
    *,
    source: str,
    respondent_name: str = "",
    channel: str = Channel.WEB,
    now=None,
) -> SurveyResponse:
    """One household's answers: online by its owner while the survey is open, or from a paper form
    typed in by the company (open or closed). A second answer of the same household is refused."""
    now = now or timezone.now()
    if not Survey.objects.visible_to(user).filter(pk=survey.pk).exists():
        raise PermissionDenied
    survey = Survey.objects.select_for_update().get(pk=survey.pk)  # answers to one survey queue here
    today = timezone.localdate(now)
    if source == ResponseSource.ONLINE:
        if not answerable_households(user, survey).filter(pk=household.pk).exists():
            raise PermissionDenied
        if survey.status != SurveyStatus.OPEN or not survey.opens_on <= today <= survey.closes_on:
            raise ValidationError(_("本问卷当前不在填写期内。"))
        respondent_name = ""
    else:
        ensure_company(user, survey.project_id)
        if survey.status == SurveyStatus.DRAFT:
            raise ValidationError(_("问卷尚未发布，不能录入答卷。"))
    if household.project_id != survey.project_id:
        raise ValidationError({"household": _("该房屋不属于本问卷所在的项目。")})
    if SurveyResponse.objects.filter(survey=survey, household=household).exists():
        raise ValidationError({"household": ONE_PER_HOUSEHOLD})
    answers = typed_answers(list(survey.questions.order_by("position")), data)
    response = SurveyResponse(
        survey=survey,
        project_id=survey.project_id,
        household=household,
        source=source,
        respondent_name=respondent_name,
        occurred_at=now,
    )
    try:
        with transaction.atomic():
            append_evidence(response, user=user, channel=channel, now=now)
    except IntegrityError:  # the same household at the same moment from another device
        raise ValidationError({"household": ONE_PER_HOUSEHOLD}) from None
    for answer in answers:
        answer.response = response
        answer.project_id = survey.project_id
        answer.occurred_at = now
    bulk_append_evidence(answers, user=user, channel=channel, now=now)
    return response


def rating_label(value: str) -> str:
    return str(Rating(value).label)


# -- rectification items ---------------------------------------------------------------------------


@transaction.atomic
def save_rectification(user, item: RectificationItem) -> RectificationItem:
    """Raise or edit an open item; without a due date it is due ``fix_deadline`` days after raised."""
    ensure_company(user, item.survey.project_id)
    if item.pk is not None and RectificationClosure.objects.filter(item_id=item.pk).exists():
        raise ValidationError(_("该整改事项已完成，不能再修改。"))
    if item.question_id and item.question.survey_id != item.survey_id:
        raise ValidationError({"question": _("所选题目不属于该问卷。")})
    if item.answer_id and item.answer.response.survey_id != item.survey_id:
        raise ValidationError({"answer": _("所选答案不属于该问卷。")})
    item.project_id = item.survey.project_id
    if item.due_on is None and item.raised_on is not None:
        item.due_on = default_due_on(item.raised_on, item.survey.project.division_id)
    if item.pk is None:
        item.created_by = user
    return save_record(user, item)


@transaction.atomic
def close_rectification(user, closure: RectificationClosure, *, channel: str = Channel.WEB, now=None):
    """Record the fix of an item: when and what was done. An item is closed once."""
    item = RectificationItem.objects.select_for_update().get(pk=closure.item_id)
    ensure_company(user, item.project_id)
    if RectificationClosure.objects.filter(item_id=item.pk).exists():
        raise ValidationError(_("该整改事项已完成。"))
    closure.project_id = item.project_id
    closure.note = closure.note.strip()
    if not closure.note:
        raise ValidationError({"note": _("请写明整改情况。")})
    return append_evidence(closure, user=user, channel=channel, now=now)
