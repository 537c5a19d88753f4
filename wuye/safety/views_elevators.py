"""Pages of clause 4.2: the elevator register (across what the user sees, and per project), an elevator
with its inspections, maintenance, breakdowns, label photos and next dues, and the phone pages that
record them.

The register is kept like the other safety assets (written where the project is written). Recording
is for who records the project's duties (``RecordingMixin``): 404 unseen, 403 for those who only read.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from wuye.core.views import ScopedCreateView, ScopedDetailView, ScopedListView, ScopedUpdateView
from wuye.core.web import (
    ChildUpdateMixin,
    FormPageMixin,
    FragmentMixin,
    ParentMixin,
    may_add,
    request_channel,
)
from wuye.core.web_excel import ExcelExportMixin
from wuye.estates.models import Project
from wuye.estates.permissions import can_record_duties
from wuye.safety.actions_elevators import record_elevator_evidence
from wuye.safety.dues_elevators import elevator_dues, with_last_records
from wuye.safety.filters_elevators import ElevatorFilter
from wuye.safety.forms_elevators import (
    BreakdownForm,
    ElevatorForm,
    InspectionForm,
    LabelCheckForm,
    MaintenanceVisitForm,
)
from wuye.safety.imports_elevators import PROJECT_COLUMN, REGISTER_EXPORT_COLUMNS
from wuye.safety.models import Breakdown, Elevator, ElevatorInspection, ElevatorLabelCheck, MaintenanceVisit
from wuye.safety.views import RecordingMixin

VISITS_PER_PAGE = 20  # most of a year of half-monthly visits


class ElevatorListView(ExcelExportMixin, FragmentMixin, ScopedListView):
    """Every elevator the user sees: search, filters, sorting, pages; the certificate and last visit of each.
    ``?export=xlsx``: the whole filtered list as a workbook (the import's columns and the state shown)."""

    model = Elevator
    filterset_class = ElevatorFilter
    template_name = "safety/elevators/elevator_list.html"
    fragment_template_name = "safety/elevators/_elevator_results.html"
    select_related = ("project", "building")
    project = None

    def get_queryset(self):
        elevators = super().get_queryset()
        if self.project is not None:
            elevators = elevators.filter(project=self.project)
        return with_last_records(
            elevators.order_by("project__name", "name"), timezone.now(), user=self.request.user
        )

    @property
    def excel_title(self):
        title = _("电梯登记表")
        return f"{self.project.name}{title}" if self.project is not None else title

    def get_excel_columns(self):
        return (
            REGISTER_EXPORT_COLUMNS
            if self.project is not None
            else [PROJECT_COLUMN, *REGISTER_EXPORT_COLUMNS]
        )

    def get_filterset(self, filterset_class):
        filterset = super().get_filterset(filterset_class)
        if self.project is not None:
            for name in ("project", "division"):  # the filter bar's form is built already: both go
                filterset.filters.pop(name)
                filterset.form.fields.pop(name)
        return filterset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(project=self.project, today=timezone.localdate())
        if self.project is not None:
            context["can_add"] = may_add(self.request.user, Elevator, project=self.project)
            context["can_record"] = can_record_duties(self.request.user, self.project.pk)
        return context


class ProjectElevatorListView(ElevatorListView):
    """The elevators of one project (404 where the project is unseen)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.project = get_object_or_404(Project.objects.visible_to(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


class ElevatorDetailView(ScopedDetailView):
    """An elevator: its register entry, next dues (amber a month before the certificate lapses), and its
    inspections, maintenance visits (a page at a time), breakdowns and label photos, newest first."""

    model = Elevator
    template_name = "safety/elevators/elevator_detail.html"
    select_related = ("project", "building")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, elevator, now = self.request.user, self.object, timezone.now()

        def records(model):
            return model.objects.visible_to(user).filter(elevator=elevator).select_related("recorded_by")

        visits = records(MaintenanceVisit).order_by("-occurred_at", "-pk")
        page = Paginator(visits, VISITS_PER_PAGE).get_page(self.request.GET.get("page"))
        in_use = Elevator.objects.filter(pk=elevator.pk, active=True)  # a stopped one owes nothing
        dues = elevator_dues(in_use, elevator.project.division_id, now, user)
        context.update(
            dues=dues.get(elevator.pk, []),
            inspections=records(ElevatorInspection).order_by("-occurred_at", "-pk"),
            page_obj=page,
            visits=page.object_list,
            breakdowns=records(Breakdown).order_by("-occurred_at", "-pk"),
            label_checks=records(ElevatorLabelCheck).order_by("-occurred_at", "-pk"),
            can_record=can_record_duties(user, elevator.project_id),
            now=now,
        )
        return context


class ElevatorCreateView(FormPageMixin, ParentMixin, ScopedCreateView):
    model = Elevator
    form_class = ElevatorForm
    parent_model = Project
    parent_field = "project"
    title = gettext_lazy("登记电梯")

    def get_initial(self):
        return {"in_service_from": timezone.localdate()}  # the checks count from the first day

    def get_success_url(self):
        return self.object.get_absolute_url()


class ElevatorUpdateView(FormPageMixin, ChildUpdateMixin, ScopedUpdateView):
    model = Elevator
    form_class = ElevatorForm
    parent_attr = "project"
    title = gettext_lazy("修改电梯信息")

    def get_success_url(self):
        return self.object.get_absolute_url()


class ElevatorRecordView(RecordingMixin, FormView):
    """A phone page recording one record of an elevator; the form is back, filled, for the next one."""

    subject_model = Elevator
    select_related = ("project",)
    template_name = "safety/elevators/record_form.html"
    record_model = None
    title = ""
    done = ""

    def last_record(self):
        return (
            self.record_model.objects.visible_to(self.request.user)
            .filter(elevator=self.subject)
            .order_by("-occurred_at", "-pk")
            .first()
        )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        self.last = self.last_record()
        kwargs.update(instance=self.record_model(elevator=self.subject), now=self.now, last=self.last)
        return kwargs

    def record(self, record):
        self.saved = record_elevator_evidence(
            self.request.user, record, channel=request_channel(self.request), now=self.now
        )

    def success_message(self):
        when = timezone.localtime(self.saved.occurred_at).strftime("%Y-%m-%d %H:%M")
        return str(self.done) % {"elevator": self.subject.name, "time": when}

    def get_success_url(self):
        return self.subject.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(elevator=self.subject, last=self.last, title=self.title, now=self.now)
        return context


class InspectionCreateView(ElevatorRecordView):
    record_model = ElevatorInspection
    form_class = InspectionForm
    title = gettext_lazy("登记定期检验")
    done = gettext_lazy("已登记%(elevator)s %(time)s的定期检验。")


class MaintenanceVisitCreateView(ElevatorRecordView):
    record_model = MaintenanceVisit
    form_class = MaintenanceVisitForm
    title = gettext_lazy("记录维保")
    done = gettext_lazy("已记录%(elevator)s %(time)s的维保。")


class BreakdownCreateView(ElevatorRecordView):
    record_model = Breakdown
    form_class = BreakdownForm
    title = gettext_lazy("登记故障与救援")
    done = gettext_lazy("已登记%(elevator)s %(time)s的故障。")

    def success_message(self):
        message = super().success_message()
        if self.saved.people_trapped:
            message += " " + _("救援到达用时%(minutes)s分钟。") % {
                "minutes": int(self.saved.arrival_delay.total_seconds() // 60)
            }
        return message


class LabelCheckCreateView(ElevatorRecordView):
    record_model = ElevatorLabelCheck
    form_class = LabelCheckForm
    title = gettext_lazy("拍摄电梯标识")
    done = gettext_lazy("已记录%(elevator)s %(time)s的标识照片。")

    def form_valid(self, form):
        response = super().form_valid(form)
        if getattr(self, "saved", None) is not None and not self.saved.complete:
            messages.warning(self.request, _("标识不全或已过期，请尽快补贴更换后重新拍照。"))
        return response
