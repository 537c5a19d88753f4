"""Pages of the enterprise registry: the list, an enterprise with its records, and its licences."""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.compliance.queries import score_text, with_latest_score
from wuye.core.views import ScopedCreateView, ScopedDetailView, ScopedListView, ScopedUpdateView
from wuye.core.web import (
    ChildUpdateMixin,
    FormPageMixin,
    FragmentMixin,
    ParentMixin,
    RegistryCreateMixin,
    count_of,
    keeps_registry,
    may_add,
)
from wuye.core.web_csv import CsvExportMixin
from wuye.core.web_excel import ExcelExportMixin
from wuye.core.web_history import history_rows
from wuye.enterprises.actions import can_reveal_id_number
from wuye.enterprises.filters import EnterpriseFilter
from wuye.enterprises.forms import EnterpriseForm, LicenceForm
from wuye.enterprises.models import Certificate, Employment, Enterprise, Licence, Post, Staff
from wuye.enterprises.models_people import turnover_years
from wuye.enterprises.views_people import reads_labour
from wuye.estates.models import ServiceContract, ServicePeriod


class EnterpriseListView(ExcelExportMixin, CsvExportMixin, FragmentMixin, ScopedListView):
    model = Enterprise
    filterset_class = EnterpriseFilter
    template_name = "enterprises/enterprise_list.html"
    fragment_template_name = "enterprises/_enterprise_results.html"
    select_related = ("division__parent",)
    csv_filename = _("物业服务企业.csv")
    csv_columns = [
        (_("企业名称"), "name"),
        (_("统一社会信用代码"), "credit_code"),
        (_("登记地"), "registered_area"),
        (_("法定代表人"), "legal_representative"),
        (_("办公地址"), "address"),
        (_("服务电话"), "service_phone"),
        (_("在管项目数"), "projects_now"),
        (_("过期证照数"), "expired_count"),
        (_("等级"), "latest_grade"),
        (_("得分"), lambda enterprise: score_text(enterprise.latest_score)),
        (_("评分日期"), "latest_on"),
    ]

    def get_queryset(self):
        user = self.request.user
        today = timezone.localdate()
        enterprises = (
            super()
            .get_queryset()
            .annotate(
                projects_now=count_of(ServicePeriod.objects.visible_to(user).current(), "enterprise"),
                # A visible enterprise's licences are all visible (EnterpriseOwned), so no scope needed here.
                expired_count=count_of(Licence.objects.filter(valid_to__lt=today), "enterprise"),
            )
        )
        return with_latest_score(enterprises, "enterprise")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_create"] = keeps_registry(self.request.user)
        return context


def people_indicators(user, enterprise) -> list:
    """Staff turnover of this year and the last (clause 1.8), for those who see labour details."""
    today = timezone.localdate()
    rows = turnover_years(
        enterprise, [today.year - 1, today.year], today, Employment.objects.visible_to(user)
    )
    return [row for row in rows if row.rate is not None]


class EnterpriseDetailView(ScopedDetailView):
    model = Enterprise
    template_name = "enterprises/enterprise_detail.html"
    select_related = ("division__parent",)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, enterprise = self.request.user, self.object
        staff = list(
            Staff.objects.visible_to(user)
            .filter(enterprise=enterprise)
            .prefetch_related(
                Prefetch("posts", Post.objects.visible_to(user).select_related("project")),
                Prefetch("certificates", Certificate.objects.visible_to(user)),
                Prefetch("employments", Employment.objects.visible_to(user)),
            )
        )
        context.update(
            licences=Licence.objects.visible_to(user)
            .filter(enterprise=enterprise)
            .order_by("kind", "-valid_from"),
            staff_list=staff,
            periods=ServicePeriod.objects.visible_to(user)
            .filter(enterprise=enterprise)
            .select_related("project__division__parent")
            .order_by("-start"),
            contracts=ServiceContract.objects.visible_to(user)
            .filter(enterprise=enterprise)
            .select_related("project", "developer", "committee")
            .order_by("-start"),
            can_add_records=may_add(user, Licence, enterprise=enterprise),
            can_reveal=bool(staff) and can_reveal_id_number(user, staff[0]),
            history=history_rows(enterprise),
            today=timezone.localdate(),
            turnover=people_indicators(user, enterprise),
            reads_labour=reads_labour(user, enterprise),
        )
        return context


class EnterpriseCreateView(RegistryCreateMixin, FormPageMixin, ScopedCreateView):
    model = Enterprise
    form_class = EnterpriseForm
    title = _("登记物业服务企业")
    cancel_url_name = "enterprise-list"


class EnterpriseUpdateView(FormPageMixin, ScopedUpdateView):
    model = Enterprise
    form_class = EnterpriseForm
    title = _("修改企业信息")


class LicenceCreateView(FormPageMixin, ParentMixin, ScopedCreateView):
    model = Licence
    form_class = LicenceForm
    parent_model = Enterprise
    parent_field = "enterprise"
    title = _("登记证照")


class LicenceUpdateView(FormPageMixin, ChildUpdateMixin, ScopedUpdateView):
    model = Licence
    form_class = LicenceForm
    parent_attr = "enterprise"
    title = _("修改证照")
