"""Pages of clause 3.7 surveys, their results and rectification items.

Read pages answer where the survey (or project) is readable, 404 elsewhere; owners see the surveys put
to their project, never drafts, and answer on a phone-sized page; results are for those who read the
project as more than an owner. Pages that change anything are for the company (the project's staff,
the serving enterprise's managers: 404 unseen, 403 for readers) and call ``actions_surveys``.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from wuye.core.scoping import scope_of
from wuye.core.views import ScopedDetailView, ScopedListView
from wuye.core.web import FragmentMixin, request_channel
from wuye.core.web_excel import ModelExcelExportMixin, dated_filename, xlsx_response
from wuye.estates.models import Household, Project
from wuye.estates.permissions import can_record_duties
from wuye.servicedesk.actions_surveys import (
    answerable_households,
    close_rectification,
    copy_survey,
    save_questions,
    save_rectification,
    save_survey,
    set_survey_status,
    submit_response,
)
from wuye.servicedesk.choices_surveys import ResponseSource, SurveyStatus
from wuye.servicedesk.forms_surveys import (
    AnswerSheetForm,
    ClosureForm,
    CopyForm,
    QuestionFormSet,
    RectificationFilter,
    RectificationForm,
    SurveyFilter,
    SurveyForm,
    question_initial,
)
from wuye.servicedesk.models import RectificationClosure, RectificationItem, Survey, SurveyResponse
from wuye.servicedesk.queries_surveys import result_readers, results_workbook, survey_results


def refusal(form, error: ValidationError) -> None:
    """An action's refusal shown on the form: its field errors in place, the rest on top."""
    if hasattr(error, "error_dict"):
        for name, messages_ in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


class ProjectMixin(LoginRequiredMixin):
    """A page about one project: 404 where it is not readable."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.project = get_object_or_404(Project.objects.visible_to(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(project=self.project, can_manage=can_record_duties(self.request.user, self.project.pk))
        return context


class CompanyMixin(LoginRequiredMixin):
    """A page that changes a survey or an item (``subject_model``): 404 unseen, 403 if not the company."""

    subject_model = Project

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.subject = get_object_or_404(self.subject_model.objects.visible_to(request.user), pk=kwargs["pk"])
        self.project = self.subject if isinstance(self.subject, Project) else self.subject.project
        if not can_record_duties(request.user, self.project.pk):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(project=self.project, subject=self.subject)
        return context


# -- surveys ---------------------------------------------------------------------------------------


class SurveyListView(ProjectMixin, ModelExcelExportMixin, FragmentMixin, ScopedListView):
    model = Survey
    excel_exclude = ("project",)
    filterset_class = SurveyFilter
    template_name = "servicedesk/surveys/survey_list.html"
    fragment_template_name = "servicedesk/surveys/_survey_results.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(project=self.project)
            .annotate(answered=Count("responses"))
            .order_by("-opens_on", "-pk")
        )


class SurveyEditMixin:
    """The draft's fields and its question formset, saved together or not at all."""

    template_name = "servicedesk/surveys/survey_form.html"
    form_class = SurveyForm

    def get_formset(self):
        data = self.request.POST if self.request.method == "POST" else None
        return QuestionFormSet(data, initial=self.question_initial(), prefix="questions")

    def question_initial(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("formset", self.get_formset())
        context["title"] = self.title
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        formset = self.get_formset()
        if not (form.is_valid() and formset.is_valid()):
            return self.render_to_response(self.get_context_data(form=form, formset=formset))
        try:
            with transaction.atomic():
                survey = save_survey(request.user, form.instance)
                save_questions(request.user, survey, formset.questions())
        except ValidationError as error:
            refusal(form, error)
            return self.render_to_response(self.get_context_data(form=form, formset=formset))
        messages.success(request, _("问卷已保存。确认无误后请点击“发布”。"))
        return redirect(survey.get_absolute_url())


class SurveyCreateView(CompanyMixin, SurveyEditMixin, FormView):
    title = _("新建问卷")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Survey(project=self.project)
        return kwargs


class SurveyUpdateView(CompanyMixin, SurveyEditMixin, FormView):
    subject_model = Survey
    title = _("修改问卷")

    def get(self, request, *args, **kwargs):
        if self.subject.status != SurveyStatus.DRAFT:
            messages.error(request, _("问卷已发布，不能再修改。"))
            return redirect(self.subject.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.subject
        return kwargs

    def question_initial(self):
        return question_initial(self.subject)


class SurveyDetailView(ScopedDetailView):
    model = Survey
    template_name = "servicedesk/surveys/survey_detail.html"
    select_related = ("project", "created_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        survey = self.object
        answered = SurveyResponse.objects.filter(survey=survey)
        context.update(
            project=survey.project,
            questions=survey.questions.order_by("position"),
            can_manage=can_record_duties(user, survey.project_id),
            can_read_results=result_readers(user).filter(pk=survey.pk).exists(),
            responses=answered.count(),
            my_open=answerable_households(user, survey)
            .exclude(pk__in=answered.values("household_id"))
            .exists(),
            moves=survey.status_changes.select_related("recorded_by"),
            items=RectificationItem.objects.visible_to(user).filter(survey=survey).select_related("closure"),
            now=timezone.now(),
        )
        return context


class SurveyStatusView(CompanyMixin, View):
    """POST ``to``: open or closed, through the transition table."""

    subject_model = Survey

    def get(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])

    def post(self, request, *args, **kwargs):
        try:
            set_survey_status(
                request.user, self.subject, request.POST.get("to", ""), channel=request_channel(request)
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("问卷状态已更新。"))
        return redirect(self.subject.get_absolute_url())


class SurveyCopyView(CompanyMixin, FormView):
    subject_model = Survey
    form_class = CopyForm
    template_name = "servicedesk/surveys/simple_form.html"

    def get_initial(self):
        return {"title": self.subject.title}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=_("复制问卷"), back_url=self.subject.get_absolute_url())
        return context

    def form_valid(self, form):
        try:
            survey = copy_survey(self.request.user, self.subject, **form.cleaned_data)
        except ValidationError as error:
            refusal(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("已复制为新的草稿问卷，请修改日期和题目后发布。"))
        return redirect(survey.get_absolute_url())


class AnswerSheetMixin:
    template_name = "servicedesk/surveys/answer_form.html"
    paper = False

    def get_form(self, form_class=None):
        return AnswerSheetForm(
            **self.get_form_kwargs(),
            survey=self.survey,
            questions=list(self.survey.questions.order_by("position")),
            households=self.households(),
            paper=self.paper,
        )

    def unanswered(self, households):
        return households.exclude(
            pk__in=SurveyResponse.objects.filter(survey=self.survey).values("household_id")
        )

    def form_valid(self, form):
        household = form.cleaned_data["household"]
        try:
            submit_response(
                self.request.user,
                self.survey,
                household,
                form.answers(),
                source=ResponseSource.PAPER if self.paper else ResponseSource.ONLINE,
                respondent_name=form.cleaned_data.get("respondent_name", ""),
                channel=request_channel(self.request),
            )
        except ValidationError as error:
            refusal(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(survey=self.survey, project=self.survey.project, paper=self.paper, title=self.title)
        return context


class SurveyAnswerView(LoginRequiredMixin, AnswerSheetMixin, FormView):
    """The owner's answer sheet, phone-sized: for a household he holds that has not answered yet."""

    success_message = _("感谢您的参与，答卷已提交。")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.survey = get_object_or_404(
            Survey.objects.visible_to(request.user).select_related("project"), pk=kwargs["pk"]
        )
        if not answerable_households(request.user, self.survey).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def title(self):
        return self.survey.title

    def households(self):
        return self.unanswered(
            answerable_households(self.request.user, self.survey).select_related("building")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context["closed"] = not (
            self.survey.is_open and self.survey.opens_on <= today <= self.survey.closes_on
        )
        context["all_answered"] = not self.households().exists()
        return context

    def get_success_url(self):
        return reverse("my-surveys")


class SurveyPaperView(CompanyMixin, AnswerSheetMixin, FormView):
    """Staff type in a paper form: the household, who filled it, the answers."""

    subject_model = Survey
    paper = True
    title = _("录入纸质答卷")
    success_message = _("纸质答卷已录入，可继续录入下一份。")

    @property
    def survey(self):
        return self.subject

    def households(self):
        return self.unanswered(
            Household.objects.filter(project_id=self.project.pk).select_related("building")
        )

    def get_success_url(self):
        return reverse("survey-paper", args=[self.subject.pk])


class MySurveysView(LoginRequiredMixin, TemplateView):
    """An owner's phone page: the open surveys of his households' projects, and which he has answered."""

    template_name = "servicedesk/surveys/my_surveys.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scope = scope_of(self.request.user)
        households = list(
            Household.objects.filter(pk__in=scope.household_ids).select_related("building", "project")
        )
        today = timezone.localdate()
        surveys = list(
            Survey.objects.visible_to(self.request.user)
            .filter(
                project_id__in={h.project_id for h in households},
                status=SurveyStatus.OPEN,
                opens_on__lte=today,
                closes_on__gte=today,
            )
            .select_related("project")
            .order_by("closes_on")
        )
        answered = set(
            SurveyResponse.objects.filter(survey__in=surveys, household__in=households).values_list(
                "survey_id", "household_id"
            )
        )
        rows = []
        for survey in surveys:
            mine = [h for h in households if h.project_id == survey.project_id]
            rows.append((survey, [(h, (survey.pk, h.pk) in answered) for h in mine]))
        context["rows"] = rows
        return context


class SurveyResultsView(LoginRequiredMixin, TemplateView):
    """Counts, shares and charts per question, the response rate, free-text answers; ``?export=xlsx``."""

    template_name = "servicedesk/surveys/results.html"

    def get(self, request, *args, **kwargs):
        self.survey = get_object_or_404(
            result_readers(request.user).select_related("project"), pk=kwargs["pk"]
        )
        if request.GET.get("export") == "xlsx":
            results = survey_results(self.survey)
            title = _("%(title)s调查结果") % {"title": self.survey.title}
            return xlsx_response(results_workbook(results), dated_filename(title))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        results = survey_results(self.survey)
        context.update(
            survey=self.survey,
            project=self.survey.project,
            results=results,
            can_manage=can_record_duties(self.request.user, self.survey.project_id),
            charts={str(r.question.pk): r.chart for r in results.questions if r.counts},
        )
        return context


class SurveyPrintView(SurveyResultsView):
    template_name = "servicedesk/surveys/results_print.html"


# -- rectification items ---------------------------------------------------------------------------


class RectificationListView(ProjectMixin, ModelExcelExportMixin, FragmentMixin, ScopedListView):
    model = RectificationItem
    excel_exclude = ("project",)
    filterset_class = RectificationFilter
    template_name = "servicedesk/surveys/rectification_list.html"
    fragment_template_name = "servicedesk/surveys/_rectification_results.html"
    select_related = ("survey", "closure")

    def get_queryset(self):
        return super().get_queryset().filter(project=self.project).order_by("deadline", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["now"] = timezone.now()
        return context


class RectificationFormMixin:
    form_class = RectificationForm
    template_name = "servicedesk/surveys/simple_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(instance=self.item(), survey=self.item().survey)
        return kwargs

    def form_valid(self, form):
        try:
            item = save_rectification(self.request.user, form.instance)
        except ValidationError as error:
            refusal(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("整改事项已保存。"))
        return redirect(item.get_absolute_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=self.title, back_url=self.back_url())
        return context


class RectificationCreateView(CompanyMixin, RectificationFormMixin, FormView):
    subject_model = Survey
    title = _("登记整改事项")

    def item(self):
        if not hasattr(self, "_item"):
            self._item = RectificationItem(survey=self.subject)
        return self._item

    def get_initial(self):
        """From a question on the results page: the item is linked to it."""
        question = self.request.GET.get("question", "")
        return {"question": question} if question.isdigit() else {}

    def back_url(self):
        return self.subject.get_absolute_url()


class RectificationUpdateView(CompanyMixin, RectificationFormMixin, FormView):
    subject_model = RectificationItem
    title = _("修改整改事项")

    def item(self):
        return self.subject

    def back_url(self):
        return self.subject.get_absolute_url()


class RectificationDetailView(ScopedDetailView):
    model = RectificationItem
    template_name = "servicedesk/surveys/rectification_detail.html"
    select_related = ("project", "survey", "question", "created_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.object
        context.update(
            project=item.project,
            closure=RectificationClosure.objects.filter(item=item).select_related("recorded_by").first(),
            can_manage=can_record_duties(self.request.user, item.project_id),
            now=timezone.now(),
        )
        return context


class RectificationCloseView(CompanyMixin, FormView):
    subject_model = RectificationItem
    form_class = ClosureForm
    template_name = "servicedesk/surveys/simple_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = RectificationClosure(item=self.subject)
        return kwargs

    def get_initial(self):
        return {"occurred_at": timezone.localtime().replace(second=0, microsecond=0)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=_("记录整改完成"), back_url=self.subject.get_absolute_url(), multipart=True)
        return context

    def form_valid(self, form):
        try:
            close_rectification(self.request.user, form.instance, channel=request_channel(self.request))
        except ValidationError as error:
            refusal(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("已记录整改完成。"))
        return redirect(self.subject.get_absolute_url())
