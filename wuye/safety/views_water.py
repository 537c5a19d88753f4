"""Pages of clauses 4.6 and 4.7: the tank register, a tank with its tests (each value against its limit)
and cleanings, a project's water and sewer page, septic tanks, and the phone pages that record the duties.

Registers (tanks, septic tanks) are kept like the power rooms. Recording pages answer 404 where the user
cannot see the subject and 403 where he sees it but does not record the project's duties.
"""

from abc import ABC, abstractmethod

from django.core.paginator import Paginator
from django.db.models import Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.generic import FormView

from wuye.core import spreadsheets as xl
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
from wuye.safety import actions_water as actions
from wuye.safety.dues_water import DueTimes, sewer_dues, with_last_emptying, with_last_records
from wuye.safety.filters_water import WaterTankFilter
from wuye.safety.forms_water import (
    PollutionIncidentForm,
    PollutionReportForm,
    ReportHandlingForm,
    SepticEmptyingForm,
    SepticTankForm,
    SewerCheckForm,
    SewerFlushForm,
    TankCleaningForm,
    WaterQualityReportForm,
    WaterTankForm,
    WaterTestForm,
)
from wuye.safety.imports_water import WaterTankImport
from wuye.safety.models import (
    DefectFix,
    PollutionIncident,
    PollutionReport,
    SepticEmptying,
    SepticTank,
    SewerCheck,
    SewerFlush,
    TankCleaning,
    WaterQualityReport,
    WaterTank,
    WaterTest,
)
from wuye.safety.queries_water import first_report, water_report_rows
from wuye.safety.views import RecordingMixin
from wuye.safety.water_limits import item_rows, limits_in_force

TESTS_PER_PAGE = 10
RECENT = 12  # records of a kind shown on the project's water page


# -- the tank register ----------------------------------------------------------------------------------


class WaterTankListView(ExcelExportMixin, FragmentMixin, ScopedListView):
    """Every tank the user may see: search, filters, sortable, paginated, with the next due times;
    ``?export=xlsx`` gives the whole filtered list, the register's import columns and the last records."""

    model = WaterTank
    filterset_class = WaterTankFilter
    template_name = "safety/water/tank_list.html"
    fragment_template_name = "safety/water/_tank_results.html"
    select_related = ("project",)
    excel_columns = [
        xl.Text("project", gettext_lazy("项目"), export="project.name", width=20),
        *WaterTankImport.columns,
        xl.DateTime("last_test_at", gettext_lazy("上次检测")),
        xl.DateTime("last_cleaning_at", gettext_lazy("上次清洗")),
    ]

    def get_queryset(self):
        now = timezone.now()
        return with_last_records(super().get_queryset(), now, self.request.user).order_by(
            "project__name", "name"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        due_times = DueTimes(now)
        for tank in context["page_obj"].object_list:
            tank.test_due, tank.cleaning_due = due_times.of_tank(tank)
        context["now"] = now
        return context


class WaterTankDetailView(ScopedDetailView):
    """A tank: its due times, its tests (each value against its limit, red or green) and its cleanings."""

    model = WaterTank
    template_name = "safety/water/tank_detail.html"
    select_related = ("project",)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, tank, now = self.request.user, self.object, timezone.now()
        tests = WaterTest.objects.visible_to(user).filter(tank=tank).select_related("recorded_by")
        page = Paginator(tests.order_by("-occurred_at", "-pk"), TESTS_PER_PAGE).get_page(
            self.request.GET.get("page")
        )
        limits = limits_in_force(tank.project.division_id, timezone.localdate(now))
        for test in page:
            test.rows = item_rows(test, limits)
            test.failed = any(row["fails"] for row in test.rows)
        annotated = with_last_records(
            WaterTank.objects.filter(pk=tank.pk).select_related("project"), now, user
        ).get()
        test_due, cleaning_due = DueTimes(now).of_tank(annotated)
        cleanings = TankCleaning.objects.visible_to(user).filter(tank=tank).select_related("recorded_by")
        context.update(
            page_obj=page,
            tests=page.object_list,
            cleanings=cleanings.order_by("-occurred_at", "-pk")[:RECENT],
            last_test_at=annotated.last_test_at,
            last_cleaning_at=annotated.last_cleaning_at,
            test_due=test_due,
            cleaning_due=cleaning_due,
            can_record=can_record_duties(user, tank.project_id),
            now=now,
        )
        return context


class WaterTankCreateView(FormPageMixin, ParentMixin, ScopedCreateView):
    model = WaterTank
    form_class = WaterTankForm
    parent_model = Project
    parent_field = "project"
    title = gettext_lazy("登记二次供水水箱")

    def get_initial(self):
        return {"in_service_from": timezone.localdate()}  # the checks count from the first day

    def get_success_url(self):
        return self.object.get_absolute_url()


class WaterTankUpdateView(FormPageMixin, ChildUpdateMixin, ScopedUpdateView):
    model = WaterTank
    form_class = WaterTankForm
    parent_attr = "project"
    title = gettext_lazy("修改二次供水水箱")

    def get_success_url(self):
        return self.object.get_absolute_url()


# -- septic tanks ---------------------------------------------------------------------------------------


class SepticTankDetailView(ScopedDetailView):
    model = SepticTank
    template_name = "safety/water/septic_tank_detail.html"
    select_related = ("project",)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, tank, now = self.request.user, self.object, timezone.now()
        emptyings = (
            SepticEmptying.objects.visible_to(user).filter(septic_tank=tank).select_related("recorded_by")
        )
        page = Paginator(emptyings.order_by("-occurred_at", "-pk"), TESTS_PER_PAGE).get_page(
            self.request.GET.get("page")
        )
        annotated = with_last_emptying(
            SepticTank.objects.filter(pk=tank.pk).select_related("project"), now, user
        )
        annotated = annotated.get()
        context.update(
            page_obj=page,
            emptyings=page.object_list,
            last_emptying_at=annotated.last_emptying_at,
            due=DueTimes(now).of_septic_tank(annotated),
            can_record=can_record_duties(user, tank.project_id),
            now=now,
        )
        return context


class SepticTankCreateView(FormPageMixin, ParentMixin, ScopedCreateView):
    model = SepticTank
    form_class = SepticTankForm
    parent_model = Project
    parent_field = "project"
    title = gettext_lazy("登记化粪池")

    def get_initial(self):
        return {"in_service_from": timezone.localdate()}

    def get_success_url(self):
        return self.object.get_absolute_url()


class SepticTankUpdateView(FormPageMixin, ChildUpdateMixin, ScopedUpdateView):
    model = SepticTank
    form_class = SepticTankForm
    parent_attr = "project"
    title = gettext_lazy("修改化粪池")

    def get_success_url(self):
        return self.object.get_absolute_url()


# -- a project's water and sewers -----------------------------------------------------------------------


class ProjectWaterView(ScopedDetailView):
    """Clauses 4.6 and 4.7 of one project: tanks, owners' reports, pollution, sewers, septic tanks."""

    model = Project
    template_name = "safety/water/project_water.html"
    select_related = ("division",)
    context_object_name = "project"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, project, now = self.request.user, self.object, timezone.now()
        tanks = WaterTank.objects.visible_to(user).filter(project=project).select_related("project")
        tanks = list(with_last_records(tanks.order_by("name"), now, user))
        due_times = DueTimes(now)
        for tank in tanks:
            tank.test_due, tank.cleaning_due = due_times.of_tank(tank)
        reports = WaterQualityReport.objects.visible_to(user).filter(project=project).select_related("tank")
        reports = water_report_rows(reports.order_by("-occurred_at", "-pk"), user)[:RECENT]
        first = first_report(user)
        incidents = (
            PollutionIncident.objects.visible_to(user)
            .filter(project=project)
            .annotate(
                reported_at=Subquery(first.values("occurred_at")[:1]),
                authority=Subquery(first.values("authority")[:1]),
            )
            .order_by("-occurred_at", "-pk")[:RECENT]
        )
        septic_tanks = SepticTank.objects.visible_to(user).filter(project=project).select_related("project")
        septic_tanks = list(with_last_emptying(septic_tanks.order_by("name"), now, user))
        for tank in septic_tanks:
            tank.due = due_times.of_septic_tank(tank)
        context.update(
            tanks=tanks,
            reports=reports,
            incidents=incidents,
            sewers=sewer_dues(project, now),
            sewer_checks=SewerCheck.objects.visible_to(user)
            .filter(project=project)
            .order_by("-occurred_at")[:RECENT],
            sewer_flushes=SewerFlush.objects.visible_to(user)
            .filter(project=project)
            .order_by("-occurred_at")[:RECENT],
            septic_tanks=septic_tanks,
            can_record=can_record_duties(user, project.pk),
            can_add=may_add(user, WaterTank, project=project),
            now=now,
        )
        return context


# -- recording --------------------------------------------------------------------------------------------


class RecordPageMixin(RecordingMixin, ABC):
    """A phone page that appends one record about ``subject`` through an action of actions_water."""

    template_name = "safety/water/record_form.html"
    title = ""
    submit_label = gettext_lazy("提交")
    message = gettext_lazy("已记录。")

    @abstractmethod
    def new_record(self):
        """The unsaved record the form fills (each page sets its subject on it)."""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(instance=self.new_record(), now=self.now)
        return kwargs

    def project(self):
        return self.subject if isinstance(self.subject, Project) else self.subject.project

    def back_url(self):
        return self.subject.get_absolute_url()

    def get_success_url(self):
        return self.back_url()

    def success_message(self):
        return self.message

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            subject=self.subject,
            project=self.project(),
            title=self.title,
            submit_label=self.submit_label,
            back_url=self.back_url(),
            now=self.now,
        )
        return context


class WaterTestCreateView(RecordPageMixin, FormView):
    """Type in a lab report: laboratory and CMA number, sampling time, the seven values, the report file."""

    subject_model = WaterTank
    select_related = ("project",)
    form_class = WaterTestForm
    template_name = "safety/water/water_test_form.html"
    title = gettext_lazy("登记水质检测")
    submit_label = gettext_lazy("提交检测结果")

    def new_record(self):
        return WaterTest(tank=self.subject)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["last"] = WaterTest.objects.visible_to(self.request.user).filter(tank=self.subject).first()
        return kwargs

    def record(self, test):
        actions.record_water_test(
            self.request.user, test, channel=request_channel(self.request), now=self.now
        )
        limits = limits_in_force(self.subject.project.division_id, timezone.localdate(self.now))
        self.failed = [row["item"].label for row in item_rows(test, limits) if row["fails"]]

    def success_message(self):
        if self.failed:
            return _("已登记检测结果。不合格项目：%(items)s，请立即处理并复检。") % {
                "items": pgettext("list separator", "、").join(map(str, self.failed))
            }
        return _("已登记检测结果，各项均符合限值。")


class TankCleaningCreateView(RecordPageMixin, FormView):
    subject_model = WaterTank
    select_related = ("project",)
    form_class = TankCleaningForm
    title = gettext_lazy("登记水箱清洗消毒")
    submit_label = gettext_lazy("提交清洗记录")
    message = gettext_lazy("已登记清洗消毒。")

    def new_record(self):
        return TankCleaning(tank=self.subject)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["last"] = TankCleaning.objects.visible_to(self.request.user).filter(tank=self.subject).first()
        return kwargs

    def record(self, cleaning):
        actions.record_tank_cleaning(
            self.request.user, cleaning, channel=request_channel(self.request), now=self.now
        )


class ProjectRecordMixin(RecordPageMixin):
    subject_model = Project
    project_path = "pk"

    def back_url(self):
        return reverse("project-water", args=[self.subject.pk])

    def tanks(self):
        return WaterTank.objects.visible_to(self.request.user).filter(project=self.subject, active=True)


class WaterQualityReportCreateView(ProjectRecordMixin, FormView):
    """An owner's odour or colour report taken by phone or at the desk: handled within 24 hours."""

    form_class = WaterQualityReportForm
    title = gettext_lazy("登记水质异常反映")
    submit_label = gettext_lazy("提交反映")

    def new_record(self):
        return WaterQualityReport(project=self.subject)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["tanks"] = self.tanks()
        return kwargs

    def record(self, report):
        self.defect = actions.record_water_quality_report(
            self.request.user, report, channel=request_channel(self.request), now=self.now
        )

    def success_message(self):
        deadline = timezone.localtime(self.defect.deadline)
        return _("已登记，请在 %(deadline)s 前处理完毕并登记处理情况。") % {
            "deadline": f"{deadline:%m-%d %H:%M}"
        }


class WaterReportHandleView(RecordPageMixin, FormView):
    """How a water-quality report was handled (a fix of its defect)."""

    subject_model = WaterQualityReport
    select_related = ("project", "tank")
    form_class = ReportHandlingForm
    template_name = "safety/water/report_handle_form.html"
    title = gettext_lazy("登记处理情况")
    submit_label = gettext_lazy("提交处理情况")
    message = gettext_lazy("已登记处理情况。")

    def new_record(self):
        return DefectFix()

    def back_url(self):
        return reverse("project-water", args=[self.subject.project_id])

    def record(self, fix):
        actions.handle_water_quality_report(
            self.request.user, self.subject, fix, channel=request_channel(self.request), now=self.now
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["defect"] = actions.report_defect(self.subject)
        return context


class PollutionIncidentCreateView(ProjectRecordMixin, FormView):
    """A pollution of the water supply: found when, what, what was done, and if reported, when and to whom."""

    form_class = PollutionIncidentForm
    title = gettext_lazy("登记二次供水污染事故")
    submit_label = gettext_lazy("提交")

    def new_record(self):
        return PollutionIncident(project=self.subject)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["tanks"] = self.tanks()
        return kwargs

    def form_valid(self, form):
        self.report = form.report()
        return super().form_valid(form)

    def record(self, incident):
        actions.record_pollution_incident(
            self.request.user,
            incident,
            report=self.report,
            channel=request_channel(self.request),
            now=self.now,
        )

    def success_message(self):
        if self.report is None:
            return _("已登记污染事故。请立即报告相关部门，并登记报告时间。")
        return _("已登记污染事故及其报告。")


class PollutionReportCreateView(RecordPageMixin, FormView):
    subject_model = PollutionIncident
    select_related = ("project",)
    form_class = PollutionReportForm
    title = gettext_lazy("登记报告相关部门")
    submit_label = gettext_lazy("提交报告记录")
    message = gettext_lazy("已登记报告时间和部门。")

    def new_record(self):
        return PollutionReport(incident=self.subject)

    def back_url(self):
        return reverse("project-water", args=[self.subject.project_id])

    def record(self, report):
        actions.record_pollution_report(
            self.request.user, report, channel=request_channel(self.request), now=self.now
        )


class SewerCheckCreateView(ProjectRecordMixin, FormView):
    form_class = SewerCheckForm
    title = gettext_lazy("登记排污管道排查")
    submit_label = gettext_lazy("提交排查记录")
    message = gettext_lazy("已登记本月排污管道排查。")

    def new_record(self):
        return SewerCheck(project=self.subject)

    def get_initial(self):
        return {"inspector": self.request.user.full_name}

    def record(self, check):
        actions.record_sewer_check(
            self.request.user, check, channel=request_channel(self.request), now=self.now
        )


class SewerFlushCreateView(ProjectRecordMixin, FormView):
    form_class = SewerFlushForm
    title = gettext_lazy("登记排污管道冲洗")
    submit_label = gettext_lazy("提交冲洗记录")
    message = gettext_lazy("已登记排污管道冲洗。")

    def new_record(self):
        return SewerFlush(project=self.subject)

    def record(self, flush):
        actions.record_sewer_flush(
            self.request.user, flush, channel=request_channel(self.request), now=self.now
        )


class SepticEmptyingCreateView(RecordPageMixin, FormView):
    subject_model = SepticTank
    select_related = ("project",)
    form_class = SepticEmptyingForm
    title = gettext_lazy("登记化粪池清掏")
    submit_label = gettext_lazy("提交清掏记录")
    message = gettext_lazy("已登记化粪池清掏。")

    def new_record(self):
        return SepticEmptying(septic_tank=self.subject)

    def record(self, emptying):
        actions.record_septic_emptying(
            self.request.user, emptying, channel=request_channel(self.request), now=self.now
        )
