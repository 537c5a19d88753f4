"""Clause 3.7 and 6.M: the owners' opinion surveys of a project, their questions, the answers of each
household (evidence), and the rectification items the surveys raise (in ``surveys_rectifications``).

- A **survey** (满意度调查) is drafted by the company (the project's staff, the serving enterprise's
  managers), opened, and closed (``SURVEY_MOVES``); each move is a ``SurveyStatusChange`` row.
- A **question** has a kind (single or multiple choice, a satisfaction rating, free text) and a topic;
  ratings of the management topic feed 6.M.
- A **response** is one household's answer to a survey (one per household, a database constraint),
  online by its owner or typed in from a paper form by staff; its **answers** are typed per question.
"""

import datetime
from dataclasses import replace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from wuye.core.evidence import EvidenceRecord
from wuye.core.models import RegistryModel, within
from wuye.core.scoping import ScopedManager
from wuye.estates.models import Household, Project, ServicePeriod
from wuye.servicedesk.choices_surveys import (
    QuestionKind,
    Rating,
    ResponseSource,
    SurveyStatus,
    Topic,
)

__all__ = [
    "Answer",
    "Question",
    "RectificationClosure",
    "RectificationItem",
    "Survey",
    "SurveyResponse",
    "SurveyStatusChange",
]


def company_q(scope, lookup: str = "project_id") -> Q:
    """Rows of the projects the user runs: his own project as staff, those his enterprise serves now."""
    served_now = ServicePeriod.objects.current().filter(enterprise_id__in=scope.enterprise_ids)
    return Q(**{f"{lookup}__in": scope.staff_project_ids}) | Q(
        **{f"{lookup}__in": served_now.values("project_id")}
    )


def project_readers_q(scope, lookup: str = "project") -> Q:
    """Rows of a project its staff, company, committee, developer and regulators read (not its owners)."""
    return within(lookup, Project, replace(scope, household_ids=frozenset()), write=False)


def half_year_of(day: datetime.date) -> str:
    """ "2026H1" for January to June, "2026H2" for July to December (Asia/Shanghai dates)."""
    return f"{day.year}H{1 if day.month <= 6 else 2}"


def half_year_label(code: str) -> str:
    year, half = code.split("H")
    if half == "1":
        return _("%(year)s年上半年") % {"year": year}
    return _("%(year)s年下半年") % {"year": year}


class Survey(RegistryModel):
    """An owners' opinion survey of a project: its title, dates, status and who drafted it."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="surveys"
    )
    title = models.CharField(_("问卷标题"), max_length=100)
    introduction = models.TextField(_("说明"), blank=True, help_text=_("向业主说明本次调查的目的"))
    opens_on = models.DateField(_("开始日期"))
    closes_on = models.DateField(_("截止日期"))
    half_year = models.CharField(_("所属半年度"), max_length=6, editable=False)
    status = models.CharField(
        _("状态"), max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    copied_from = models.ForeignKey(
        "self", verbose_name=_("复制自"), null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )

    class Meta:
        verbose_name = _("满意度调查")
        verbose_name_plural = _("满意度调查")
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="survey_closes_after_opening",
                violation_error_message=_("截止日期不能早于开始日期。"),
            )
        ]
        indexes = [
            models.Index(fields=["project", "opens_on"], name="survey_project_opens"),
            models.Index(fields=["project", "status"], name="survey_project_status"),
            models.Index(fields=["project", "half_year"], name="survey_project_half"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.half_year = half_year_of(self.opens_on)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("survey-detail", args=[self.pk])

    def clean(self):
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("截止日期不能早于开始日期。")})

    @property
    def half_year_label(self) -> str:
        return half_year_label(half_year_of(self.opens_on))

    @property
    def is_draft(self) -> bool:
        return self.status == SurveyStatus.DRAFT

    @property
    def is_open(self) -> bool:
        return self.status == SurveyStatus.OPEN

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        if write:
            return company_q(scope)
        # Owners see the surveys put to their project, never the drafts.
        owned = Household.objects.filter(pk__in=scope.household_ids).values("project_id")
        return project_readers_q(scope) | Q(
            project_id__in=owned, status__in=[SurveyStatus.OPEN, SurveyStatus.CLOSED]
        )


class Question(models.Model):
    """A question of a survey: its text, kind, options (for choices), whether required, and topic."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("问卷"), on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("序号"))
    text = models.CharField(_("题目"), max_length=200)
    kind = models.CharField(_("题型"), max_length=10, choices=QuestionKind.choices)
    options = models.JSONField(_("选项"), default=list, blank=True, help_text=_("单选、多选题的选项"))
    required = models.BooleanField(_("必答"), default=True)
    topic = models.CharField(_("方面"), max_length=20, choices=Topic.choices, default=Topic.OTHER)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("问卷题目")
        verbose_name_plural = _("问卷题目")
        ordering = ["survey", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "position"],
                name="question_unique_position",
                violation_error_message=_("题目序号重复。"),
            )
        ]

    def __str__(self):
        return f"{self.position}. {self.text}"

    def clean(self):
        self.options = [str(option).strip() for option in self.options or [] if str(option).strip()]
        if self.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            if len(self.options) < 2:
                raise ValidationError({"options": _("选择题至少需要两个选项。")})
            if len(set(self.options)) != len(self.options):
                raise ValidationError({"options": _("选项不能重复。")})
        else:
            self.options = []

    @property
    def choices(self) -> list[tuple[str, str]]:
        """What an owner picks from: the options, or the three grades of a rating."""
        if self.kind == QuestionKind.RATING:
            return [(value, str(label)) for value, label in Rating.choices]
        return [(option, option) for option in self.options]

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("survey", Survey, scope, write=write)


class SurveyRecord(EvidenceRecord):
    """Abstract: evidence about a survey, in its project's chain; ``project`` is the survey's."""

    chain_attr = "project_id"

    class Meta(EvidenceRecord.Meta):
        abstract = True

    def division_code(self):
        return self.project.division_id


class SurveyStatusChange(SurveyRecord):
    """A move of a survey's status (opened, closed), by whom and when."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("问卷"), on_delete=models.PROTECT, related_name="status_changes"
    )
    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="+", editable=False
    )
    from_status = models.CharField(_("原状态"), max_length=10, choices=SurveyStatus.choices)
    to_status = models.CharField(_("新状态"), max_length=10, choices=SurveyStatus.choices)

    class Meta(SurveyRecord.Meta):
        verbose_name = _("问卷状态变更")
        verbose_name_plural = _("问卷状态变更")
        ordering = ["occurred_at", "pk"]
        indexes = [models.Index(fields=["survey", "occurred_at"], name="surveystatus_survey")]

    def __str__(self):
        return f"{self.survey} {self.get_from_status_display()} → {self.get_to_status_display()}"

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("survey", Survey, scope, write=write)


class SurveyResponse(SurveyRecord):
    """One household's answer to a survey: online by its owner, or typed in from a paper form."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("问卷"), on_delete=models.PROTECT, related_name="responses"
    )
    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="+", editable=False
    )
    household = models.ForeignKey(
        Household, verbose_name=_("房屋"), on_delete=models.PROTECT, related_name="survey_responses"
    )
    source = models.CharField(_("填写方式"), max_length=10, choices=ResponseSource.choices)
    respondent_name = models.CharField(
        _("填写人"), max_length=50, blank=True, help_text=_("纸质问卷上填写人的姓名")
    )

    class Meta(SurveyRecord.Meta):
        verbose_name = _("问卷答卷")
        verbose_name_plural = _("问卷答卷")
        ordering = ["-occurred_at", "-pk"]
        constraints = [
            *SurveyRecord.Meta.constraints,
            models.UniqueConstraint(
                fields=["survey", "household"],
                name="surveyresponse_one_per_household",
                violation_error_message=_("该户已提交过本问卷，每户只能答一次。"),
            ),
        ]
        indexes = [
            models.Index(fields=["project", "occurred_at"], name="surveyresponse_project_time"),
            models.Index(fields=["household"], name="surveyresponse_household"),
        ]

    def __str__(self):
        return f"{self.survey} · {self.household}"

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        own = Q(household_id__in=scope.household_ids)
        if write:
            return company_q(scope) | own
        return project_readers_q(scope) | own

    def validate_claim(self):
        if self.household_id and self.survey_id and self.household.project_id != self.survey.project_id:
            raise ValidationError({"household": _("该房屋不属于本问卷所在的项目。")})
        if self.source == ResponseSource.PAPER:
            self.respondent_name = self.respondent_name.strip()
            if not self.respondent_name:
                raise ValidationError({"respondent_name": _("请填写纸质问卷上的填写人姓名。")})


class Answer(SurveyRecord):
    """A household's answer to one question, typed: a choice or a rating, several choices, or text."""

    response = models.ForeignKey(
        SurveyResponse, verbose_name=_("答卷"), on_delete=models.PROTECT, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("题目"), on_delete=models.PROTECT, related_name="answers"
    )
    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="+", editable=False
    )
    choice = models.CharField(_("所选项"), max_length=100, blank=True)
    choices = models.JSONField(_("所选各项"), default=list, blank=True)
    rating = models.CharField(_("评价"), max_length=15, choices=Rating.choices, blank=True)
    text = models.TextField(_("文字意见"), blank=True)

    class Meta(SurveyRecord.Meta):
        verbose_name = _("答案")
        verbose_name_plural = _("答案")
        ordering = ["question__position", "pk"]
        constraints = [
            *SurveyRecord.Meta.constraints,
            models.UniqueConstraint(
                fields=["response", "question"],
                name="answer_one_per_question",
                violation_error_message=_("同一题只能回答一次。"),
            ),
        ]
        indexes = [
            models.Index(fields=["question", "rating"], name="answer_question_rating"),
            models.Index(fields=["project", "occurred_at"], name="answer_project_time"),
        ]

    def __str__(self):
        return f"{self.question} · {self.value_in_words}"

    @property
    def value_in_words(self) -> str:
        if self.rating:
            return str(Rating(self.rating).label)
        if self.choices:
            return pgettext("list separator", "、").join(self.choices)
        return self.choice or self.text

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("response", SurveyResponse, scope, write=write)


from wuye.servicedesk.models.surveys_rectifications import RectificationClosure, RectificationItem  # noqa: E402
