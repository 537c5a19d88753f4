"""Pages of the estate registry: the project list and a project with everything recorded about it."""

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.compliance.queries import score_text, with_latest_score
from wuye.core.views import ScopedCreateView, ScopedDetailView, ScopedListView, ScopedUpdateView
from wuye.core.web import FormPageMixin, FragmentMixin, RegistryCreateMixin, count_of, keeps_registry
from wuye.core.web_csv import CsvExportMixin
from wuye.core.web_excel import ExcelExportMixin
from wuye.core.web_history import history_rows
from wuye.enterprises.models import Post
from wuye.estates.filters import ProjectFilter
from wuye.estates.forms import ProjectForm
from wuye.estates.models import (
    Building,
    CommitteeMember,
    Household,
    OwnersCommittee,
    Project,
    ServiceContract,
    ServicePeriod,
)
from wuye.estates.queries import current_enterprise_id, current_enterprise_name


class ProjectListView(ExcelExportMixin, CsvExportMixin, FragmentMixin, ScopedListView):
    model = Project
    filterset_class = ProjectFilter
    template_name = "estates/project_list.html"
    fragment_template_name = "estates/_project_results.html"
    select_related = ("division__parent", "developer")
    csv_filename = _("项目.csv")
    csv_columns = [
        (_("项目名称"), "name"),
        (_("所在区划"), "division.full_name"),
        (_("地址"), "address"),
        (_("类型"), lambda project: project.get_kind_display()),
        (_("建筑面积（㎡）"), "floor_area"),
        (_("户数"), "household_count"),
        (_("建设单位"), "developer.name"),
        (_("物业服务企业"), "current_enterprise"),
        (_("等级"), "latest_grade"),
        (_("得分"), lambda project: score_text(project.latest_score)),
        (_("评分日期"), "latest_on"),
    ]

    def get_queryset(self):
        projects = (
            super()
            .get_queryset()
            .annotate(
                current_enterprise=current_enterprise_name(), current_enterprise_id=current_enterprise_id()
            )
        )
        return with_latest_score(projects, "project")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_create"] = keeps_registry(self.request.user)
        return context


class ProjectDetailView(ScopedDetailView):
    model = Project
    template_name = "estates/project_detail.html"
    select_related = ("division__parent", "developer")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, project = self.request.user, self.object
        today = timezone.localdate()
        periods = list(
            ServicePeriod.objects.visible_to(user).filter(project=project).select_related("enterprise")
        )
        contracts = list(
            ServiceContract.objects.visible_to(user)
            .filter(project=project)
            .select_related("enterprise", "developer", "committee")
        )
        current = next((p for p in periods if p.start <= today and (p.end is None or p.end >= today)), None)
        covered = current is not None and any(
            c.in_force and c.enterprise_id == current.enterprise_id for c in contracts
        )
        context.update(
            today=today,
            current_period=current,
            missing_contract=current is not None and not covered,
            periods=periods,
            contracts=contracts,
            buildings=Building.objects.visible_to(user)
            .filter(project=project)
            .annotate(households_visible=count_of(Household.objects.visible_to(user), "building")),
            my_households=Household.objects.visible_to(user)
            .filter(project=project, owners__user=user)
            .select_related("building"),
            committees=OwnersCommittee.objects.visible_to(user)
            .filter(project=project)
            .prefetch_related(
                Prefetch("members", CommitteeMember.objects.visible_to(user).select_related("owner"))
            ),
            posts=Post.objects.visible_to(user)
            .filter(Q(end__isnull=True) | Q(end__gte=today), project=project)
            .select_related("staff"),
            history=history_rows(project),
        )
        return context


class ProjectCreateView(RegistryCreateMixin, FormPageMixin, ScopedCreateView):
    model = Project
    form_class = ProjectForm
    title = _("登记项目")
    cancel_url_name = "project-list"


class ProjectUpdateView(FormPageMixin, ScopedUpdateView):
    model = Project
    form_class = ProjectForm
    title = _("修改项目信息")
