"""Pages of clauses 3.4, 3.5, 4.5 and the entrance signs of 4.1, per project.

Read pages (the plans register, drills, incidents, stoppages, the archive, vehicles, vehicle rules,
sign photos) answer where the project is readable, 404 elsewhere. Record pages (phone-sized, with a
photo or file) are for those who record the project's duties (``RecordingMixin``: 404 unseen, 403 for
readers). Review pages are for the project's committee members and the regulators over it (403 for
the other readers). The vehicle register is kept like the other registries (``may_add`` / writable).
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from wuye.compliance.parameters import param
from wuye.core.views import ScopedCreateView, ScopedDetailView, ScopedListView, ScopedUpdateView
from wuye.core.web import FormPageMixin, FragmentMixin, ParentMixin, may_add, request_channel
from wuye.core.web_excel import ModelExcelExportMixin
from wuye.estates.models import Project
from wuye.estates.permissions import can_record_duties
from wuye.safety.actions_plans import (
    can_review_evidence,
    record_incident,
    record_plan,
    record_project_evidence,
    record_sign_photo,
    review_content,
    review_plan,
)
from wuye.safety.forms_plans import (
    ArchiveDocumentForm,
    ArchiveFilter,
    ContentReviewForm,
    DrillFilter,
    DrillForm,
    EmergencyPlanForm,
    IncidentFilter,
    IncidentForm,
    PlanReviewForm,
    SignPhotoForm,
    StoppageFilter,
    StoppageNoticeForm,
    VehicleFilter,
    VehicleForm,
    VehicleRulesForm,
)
from wuye.safety.models import (
    ArchiveDocument,
    ContentReview,
    Drill,
    EmergencyPlan,
    Entrance,
    Incident,
    PlanReview,
    SignPhoto,
    StoppageNotice,
    Vehicle,
    VehicleRules,
)
from wuye.safety.queries_plans import (
    archive_standing,
    entrance_standings,
    plan_standings,
    vehicle_rules_standing,
)
from wuye.safety.views import RecordingMixin


class ProjectPageMixin(LoginRequiredMixin):
    """A page about one project's records: 404 where the project is not readable."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        projects = Project.objects.visible_to(request.user).select_related("division")
        self.project = get_object_or_404(projects, pk=kwargs["pk"])
        request.wuye_project = self.project  # the filters offer this project's buildings
        self.now = timezone.now()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            project=self.project,
            now=self.now,
            can_record=can_record_duties(user, self.project.pk),
            can_review=can_review_evidence(user, self.project.pk),
        )
        return context


class ProjectRecordListView(ProjectPageMixin, ModelExcelExportMixin, FragmentMixin, ScopedListView):
    """A project's records of one kind, newest first, filtered and paginated (htmx swaps #results);
    ``?export=xlsx``: the filtered list whole, every field of the record (the project is the page's)."""

    select_related = ("recorded_by",)
    excel_exclude = ("project",)

    def get_queryset(self):
        return super().get_queryset().filter(project=self.project).order_by(*self.model._meta.ordering)


# -- 3.4 emergency plans --------------------------------------------------------------------------------


class PlanRegisterView(ProjectPageMixin, TemplateView):
    """The required plan types with their standing (in force, lapsed, missing), then the other plans."""

    template_name = "safety/plans/plan_register.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        standings, others = plan_standings(self.project, self.now, self.request.user)
        context.update(standings=standings, others=others)
        return context


class PlanDetailView(ScopedDetailView):
    model = EmergencyPlan
    template_name = "safety/plans/plan_detail.html"
    select_related = ("project", "recorded_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            reviews=PlanReview.objects.visible_to(user)
            .filter(plan=self.object)
            .select_related("recorded_by"),
            can_record=can_record_duties(user, self.object.project_id),
        )
        return context


class RecordFormView(RecordingMixin, FormView):
    """A phone-sized record form with a file, about ``subject`` (a project, a plan, an entrance)."""

    template_name = "safety/plans/record_form.html"
    title = ""
    record_model = None
    submit_label = gettext_lazy("提交")

    def new_record(self):
        return self.record_model(project=self.subject)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(instance=self.new_record(), now=self.now)
        return kwargs

    def project(self):
        return self.subject if isinstance(self.subject, Project) else self.subject.project

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=self.title,
            project=self.project(),
            back_url=self.get_success_url(),
            submit_label=self.submit_label,
        )
        return context

    def record(self, record):
        record_project_evidence(
            self.request.user, record, channel=request_channel(self.request), now=self.now
        )

    def success_message(self):
        return _("已保存。")


class PlanCreateView(RecordFormView):
    subject_model = Project
    project_path = "pk"
    form_class = EmergencyPlanForm
    record_model = EmergencyPlan
    title = gettext_lazy("上传应急预案")

    def get_initial(self):
        return {"plan_type": self.request.GET.get("type", "")}

    def record(self, plan):
        record_plan(self.request.user, plan, channel=request_channel(self.request), now=self.now)

    def success_message(self):
        return _("已上传预案，自批准之日起一年内有效，请按期复核。")

    def get_success_url(self):
        return reverse("emergency-plan-list", args=[self.subject.pk])


class PlanReviewCreateView(RecordFormView):
    subject_model = EmergencyPlan
    select_related = ("project",)
    form_class = PlanReviewForm
    title = gettext_lazy("记录预案复核")

    def new_record(self):
        return PlanReview(plan=self.subject)

    def record(self, review):
        review_plan(self.request.user, review, channel=request_channel(self.request), now=self.now)

    def success_message(self):
        return _("已记录复核，预案自复核之日起一年内有效。")

    def get_success_url(self):
        return self.subject.get_absolute_url()


class DrillListView(ProjectRecordListView):
    model = Drill
    filterset_class = DrillFilter
    template_name = "safety/plans/drill_list.html"
    fragment_template_name = "safety/plans/_drill_results.html"


class DrillCreateView(RecordFormView):
    subject_model = Project
    project_path = "pk"
    form_class = DrillForm
    record_model = Drill
    title = gettext_lazy("记录应急演练")

    def success_message(self):
        return _("已记录演练。")

    def get_success_url(self):
        return reverse("drill-list", args=[self.subject.pk])


class IncidentListView(ProjectRecordListView):
    model = Incident
    filterset_class = IncidentFilter
    template_name = "safety/plans/incident_list.html"
    fragment_template_name = "safety/plans/_incident_results.html"

    def get_queryset(self):
        # A corrected incident is shown by its latest version only.
        return super().get_queryset().filter(corrections__isnull=True)


class IncidentCreateView(RecordFormView):
    subject_model = Project
    project_path = "pk"
    form_class = IncidentForm
    record_model = Incident
    title = gettext_lazy("记录突发事件")

    def record(self, incident):
        record_incident(self.request.user, incident, channel=request_channel(self.request), now=self.now)

    def success_message(self):
        return _("已记录突发事件。")

    def get_success_url(self):
        return reverse("incident-list", args=[self.project().pk])


class IncidentCorrectView(IncidentCreateView):
    """Complete or correct an incident (its end, the plan's start): a new record that corrects it."""

    subject_model = Incident
    project_path = "project_id"
    select_related = ("project",)
    title = gettext_lazy("更正突发事件")

    def new_record(self):
        return Incident(project=self.subject.project, corrects=self.subject)

    def get_initial(self):
        old = self.subject
        fields = [
            "plan_type",
            "type_name",
            "occurred_at",
            "plan_started_at",
            "ended_at",
            "description",
            "actions",
        ]
        initial = {name: getattr(old, name) for name in fields}
        for name in ("occurred_at", "plan_started_at", "ended_at"):
            if initial[name] is not None:
                initial[name] = timezone.localtime(initial[name])
        return initial

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.initial.update(self.get_initial())  # over the server's time the record form puts first
        return form

    def success_message(self):
        return _("已更正突发事件记录，原记录保留。")


class StoppageListView(ProjectRecordListView):
    model = StoppageNotice
    filterset_class = StoppageFilter
    template_name = "safety/plans/stoppage_list.html"
    fragment_template_name = "safety/plans/_stoppage_results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate(self.now)
        context["notice_before"] = param(
            "3.4.stoppage_notice", "notice_before", self.project.division_id, today
        )
        return context


class StoppageCreateView(RecordFormView):
    subject_model = Project
    project_path = "pk"
    form_class = StoppageNoticeForm
    record_model = StoppageNotice
    title = gettext_lazy("登记停水停电通知")

    def success_message(self):
        return _("已登记停水停电通知。")

    def get_success_url(self):
        return reverse("stoppage-list", args=[self.subject.pk])


# -- 3.5 the archive ------------------------------------------------------------------------------------


class ArchiveView(ProjectRecordListView):
    """The categories (present or missing) and the documents, searchable by title and category."""

    model = ArchiveDocument
    filterset_class = ArchiveFilter
    template_name = "safety/plans/archive.html"
    fragment_template_name = "safety/plans/_archive_results.html"

    def get_queryset(self):
        return super().get_queryset().filter(corrections__isnull=True)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        categories = archive_standing(self.project, self.now, self.request.user)
        context.update(
            categories=categories,
            missing=[row for row in categories if row["required"] and not row["count"]],
        )
        return context


class ArchiveUploadView(RecordFormView):
    subject_model = Project
    project_path = "pk"
    form_class = ArchiveDocumentForm
    record_model = ArchiveDocument
    title = gettext_lazy("上传档案文件")

    def get_initial(self):
        return {"category": self.request.GET.get("category", "")}

    def record(self, document):
        document.occurred_at = self.now  # filed now: the upload is the filing
        super().record(document)

    def success_message(self):
        return _("已归档，文件的SHA-256校验值已登记。")

    def get_success_url(self):
        return reverse("archive", args=[self.subject.pk])


# -- 4.5 vehicles ---------------------------------------------------------------------------------------


class VehicleListView(ProjectRecordListView):
    """The vehicles registered to the project's households, by household."""

    model = Vehicle
    filterset_class = VehicleFilter
    template_name = "safety/plans/vehicle_list.html"
    fragment_template_name = "safety/plans/_vehicle_results.html"
    select_related = ("household__building",)

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .order_by("household__building__name", "household__unit", "household__number", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_add"] = may_add(self.request.user, Vehicle, project=self.project)
        return context


class VehicleFormMixin(FormPageMixin):
    form_class = VehicleForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["project"] = self.vehicle_project()
        return kwargs

    def get_success_url(self):
        return reverse("vehicle-list", args=[self.vehicle_project().pk])


class VehicleCreateView(VehicleFormMixin, ParentMixin, ScopedCreateView):
    model = Vehicle
    parent_model = Project
    parent_field = "project"
    title = gettext_lazy("登记车辆")

    def vehicle_project(self):
        return self.parent

    def new_instance(self):
        return Vehicle()


class VehicleUpdateView(VehicleFormMixin, ScopedUpdateView):
    model = Vehicle
    select_related = ("project", "household")
    title = gettext_lazy("修改车辆登记")

    def vehicle_project(self):
        return self.object.project

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            parent=self.object.project, parent_url=reverse("vehicle-list", args=[self.object.project_id])
        )
        return context


class VehicleRulesView(ProjectPageMixin, TemplateView):
    """The rules as issued over time, the one in force, and the reviews of each."""

    template_name = "safety/plans/vehicle_rules.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        rules = list(
            VehicleRules.objects.visible_to(user)
            .filter(project=self.project)
            .select_related("recorded_by")
            .prefetch_related("content_reviews__recorded_by")
            .order_by("-occurred_at", "-pk")
        )
        context.update(rules=rules, standing=vehicle_rules_standing(self.project, self.now, user))
        return context


class VehicleRulesCreateView(RecordFormView):
    subject_model = Project
    project_path = "pk"
    form_class = VehicleRulesForm
    record_model = VehicleRules
    title = gettext_lazy("上传车辆管理制度")

    def success_message(self):
        return _("已上传车辆管理制度，一年内有效；业委会或监管部门将审阅其内容。")

    def get_success_url(self):
        return reverse("vehicle-rules", args=[self.subject.pk])


# -- 4.1 entrance signs ---------------------------------------------------------------------------------


class SignPhotosView(ProjectPageMixin, TemplateView):
    """Each entrance in use with its latest sign photo, when the next is due, and the photos' reviews."""

    template_name = "safety/plans/sign_photos.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        photos = (
            SignPhoto.objects.visible_to(user)
            .filter(entrance__project=self.project)
            .select_related("entrance", "recorded_by")
            .prefetch_related("content_reviews__recorded_by")
            .order_by("-occurred_at", "-pk")[:50]
        )
        context.update(entrances=entrance_standings(self.project, self.now, user), photos=photos)
        return context


class SignPhotoCreateView(RecordFormView):
    subject_model = Entrance
    select_related = ("project",)
    form_class = SignPhotoForm
    title = gettext_lazy("拍摄出入口标志")

    def new_record(self):
        return SignPhoto(entrance=self.subject)

    def record(self, photo):
        record_sign_photo(self.request.user, photo, channel=request_channel(self.request), now=self.now)

    def success_message(self):
        return _("已上传“%(entrance)s”的标志照片。") % {"entrance": self.subject.name}

    def get_success_url(self):
        return reverse("sign-photos", args=[self.subject.project_id])


# -- reviews of E-kind evidence ---------------------------------------------------------------------------


class ContentReviewView(LoginRequiredMixin, FormView):
    """A committee member's or regulator's verdict on vehicle rules or a sign photo (404 unseen, 403 else)."""

    form_class = ContentReviewForm
    template_name = "safety/plans/content_review.html"
    target_model = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.target = get_object_or_404(self.target_model.objects.visible_to(request.user), pk=kwargs["pk"])
        if not can_review_evidence(request.user, self.target.project_id):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            review_content(
                self.request.user,
                self.target,
                verdict=form.cleaned_data["verdict"],
                note=form.cleaned_data["note"],
                channel=request_channel(self.request),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("已记录审阅意见。"))
        return redirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reviews = ContentReview.objects.visible_to(self.request.user).filter(
            **{self.target_field: self.target}
        )
        context.update(
            target=self.target,
            project=Project.objects.get(pk=self.target.project_id),
            reviews=reviews.select_related("recorded_by"),
            back_url=self.get_success_url(),
        )
        return context


class VehicleRulesReviewView(ContentReviewView):
    target_model = VehicleRules
    target_field = "vehicle_rules"

    def get_success_url(self):
        return reverse("vehicle-rules", args=[self.target.project_id])


class SignPhotoReviewView(ContentReviewView):
    target_model = SignPhoto
    target_field = "sign_photo"

    def get_success_url(self):
        return reverse("sign-photos", args=[self.target.project_id])
