"""Forms of the survey pages: a draft and its questions, a copy, an answer sheet (online or paper),
rectification items and their closure, and the list filters."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.core.web_forms import BootstrapFilterMixin, BootstrapFormMixin, DateInput
from wuye.servicedesk.choices_surveys import QuestionKind, SurveyStatus, Topic
from wuye.servicedesk.models import Question, RectificationClosure, RectificationItem, Survey

REQUIRED = gettext_lazy("此题为必答题。")


class SurveyForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["title", "introduction", "opens_on", "closes_on"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 2})}


class CopyForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=gettext_lazy("问卷标题"), max_length=100)
    opens_on = forms.DateField(label=gettext_lazy("开始日期"), widget=DateInput())
    closes_on = forms.DateField(label=gettext_lazy("截止日期"), widget=DateInput())

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", _("截止日期不能早于开始日期。"))
        return data


class QuestionForm(BootstrapFormMixin, forms.Form):
    """One row of the question editor; options one per line."""

    # Blank: an unused row of the editor, skipped.
    text = forms.CharField(label=gettext_lazy("题目"), max_length=200, required=False)
    kind = forms.ChoiceField(
        label=gettext_lazy("题型"), choices=QuestionKind.choices, initial=QuestionKind.RATING
    )
    topic = forms.ChoiceField(label=gettext_lazy("方面"), choices=Topic.choices, initial=Topic.OTHER)
    options = forms.CharField(
        label=gettext_lazy("选项"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("单选、多选题填写，每行一个选项"),
    )
    required = forms.BooleanField(label=gettext_lazy("必答"), required=False, initial=True)

    def clean(self):
        data = super().clean()
        if not (data.get("text") or "").strip() or not data.get("kind"):
            if (data.get("options") or "").strip():
                self.add_error("text", _("请填写题目。"))
            return data
        question = self.question()
        try:
            question.clean()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                self.add_error(name if name in self.fields else None, messages)
        return data

    def question(self) -> Question:
        data = self.cleaned_data
        return Question(
            text=data["text"],
            kind=data["kind"],
            topic=data.get("topic") or Topic.OTHER,
            options=[line.strip() for line in (data.get("options") or "").splitlines() if line.strip()],
            required=data.get("required", False),
        )


class BaseQuestionFormSet(forms.BaseFormSet):
    def questions(self) -> list[Question]:
        kept = [
            form
            for form in self.forms
            if form.cleaned_data.get("text", "").strip() and not self._should_delete_form(form)
        ]
        return [form.question() for form in kept]

    def clean(self):
        super().clean()
        if not any(self.errors) and not self.questions():
            raise ValidationError(_("请至少添加一道题目。"))


QuestionFormSet = forms.formset_factory(QuestionForm, formset=BaseQuestionFormSet, extra=3, can_delete=True)


def question_initial(survey) -> list[dict]:
    return [
        {
            "text": q.text,
            "kind": q.kind,
            "topic": q.topic,
            "options": "\n".join(q.options),
            "required": q.required,
        }
        for q in survey.questions.order_by("position")
    ]


class AnswerSheetForm(forms.Form):
    """A survey's questions as fields ``q<id>``; online: the household (if the owner holds several);
    paper: the household and who filled the form."""

    def __init__(self, *args, survey, questions, households=None, paper=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        if households is not None:
            self.fields["household"] = forms.ModelChoiceField(
                label=_("房屋"),
                queryset=households,
                empty_label=_("请选择房屋"),
                error_messages={"required": _("请选择房屋。"), "invalid_choice": _("请选择房屋。")},
                widget=forms.Select(attrs={"class": "form-select"}),
            )
            if len(households) == 1:  # an owner of one flat answers for it without choosing
                self.fields["household"].initial = households[0].pk
        if paper:
            self.fields["respondent_name"] = forms.CharField(
                label=_("填写人"),
                max_length=50,
                help_text=_("纸质问卷上填写人的姓名"),
                error_messages={"required": _("请填写纸质问卷上的填写人姓名。")},
                widget=forms.TextInput(attrs={"class": "form-control"}),
            )
        for question in questions:
            self.fields[f"q{question.pk}"] = self.field_of(question)

    @staticmethod
    def field_of(question):
        common = {
            "label": question.text,
            "required": question.required,
            "error_messages": {"required": REQUIRED, "invalid_choice": _("请从给出的选项中选择。")},
        }
        if question.kind == QuestionKind.MULTIPLE:
            return forms.MultipleChoiceField(
                choices=question.choices,
                widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
                **common,
            )
        if question.kind == QuestionKind.TEXT:
            return forms.CharField(
                max_length=2000, widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}), **common
            )
        return forms.ChoiceField(
            choices=question.choices, widget=forms.RadioSelect(attrs={"class": "form-check-input"}), **common
        )

    def answers(self) -> dict:
        return {question.pk: self.cleaned_data.get(f"q{question.pk}") for question in self.questions}

    def question_fields(self):
        return [self[f"q{question.pk}"] for question in self.questions]


class RectificationForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = RectificationItem
        fields = ["question", "problem", "responsible", "raised_on", "due_on"]
        widgets = {"problem": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].queryset = Question.objects.filter(survey=survey).order_by("position")
        self.fields["due_on"].required = False
        if not self.instance.pk:
            self.fields["raised_on"].initial = timezone.localdate()


class ClosureForm(BootstrapFormMixin, forms.ModelForm):
    occurred_at = forms.DateTimeField(
        label=gettext_lazy("完成时间"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    class Meta:
        model = RectificationClosure
        fields = ["occurred_at", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class SurveyFilter(BootstrapFilterMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=gettext_lazy("搜索"), method="search")
    status = django_filters.ChoiceFilter(label=gettext_lazy("状态"), choices=SurveyStatus.choices)
    half_year = django_filters.CharFilter(label=gettext_lazy("半年度（如 2026H1）"))

    class Meta:
        model = Survey
        fields = ["q", "status", "half_year"]

    def search(self, queryset, name, value):
        return queryset.filter(title__icontains=value.strip()) if value.strip() else queryset


class RectificationFilter(BootstrapFilterMixin, django_filters.FilterSet):
    STATES = [
        ("open", gettext_lazy("未完成")),
        ("overdue", gettext_lazy("已逾期")),
        ("closed", gettext_lazy("已完成")),
    ]
    q = django_filters.CharFilter(label=gettext_lazy("搜索"), method="search")
    state = django_filters.ChoiceFilter(label=gettext_lazy("状态"), choices=STATES, method="by_state")

    class Meta:
        model = RectificationItem
        fields = ["q", "state"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(problem__icontains=value) | Q(responsible__icontains=value))

    def by_state(self, queryset, name, value):
        if value == "open":
            return queryset.filter(closure__isnull=True)
        if value == "overdue":
            return queryset.filter(closure__isnull=True, deadline__lt=timezone.now())
        if value == "closed":
            return queryset.filter(closure__isnull=False)
        return queryset
