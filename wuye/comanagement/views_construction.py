"""Pages of illegal construction (5.1): a project's register of cases (search, filters, pages, Excel),
and for the company the forms that open a case and move it. Read where the project is readable (an owner
sees his household's cases), 404 elsewhere; forms are the company's (403 for those who only read)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.comanagement.actions_construction import move_case, open_case
from wuye.comanagement.forms_construction import CaseMoveForm, ConstructionCaseFilter, ConstructionCaseForm
from wuye.comanagement.models import ConstructionCase
from wuye.comanagement.views_common import form_page, project_for_company, readable_project
from wuye.core.views import ScopedListView
from wuye.core.web import FragmentMixin
from wuye.core.web_excel import ExcelExportMixin
from wuye.estates.permissions import can_record_duties

EXPORT_COLUMNS = [
    (gettext_lazy("房屋"), lambda case: str(case.household)),
    (gettext_lazy("违建内容"), "what"),
    (gettext_lazy("发现时间"), "found_at"),
    (gettext_lazy("劝阻警告时间"), "warned_at"),
    (gettext_lazy("报告主管部门时间"), "reported_at"),
    (gettext_lazy("报告的部门"), "authority"),
    (gettext_lazy("答复时间"), "answered_at"),
    (gettext_lazy("主管部门答复"), "answer"),
    (gettext_lazy("处理结果"), lambda case: case.get_outcome_display()),
    (gettext_lazy("状态"), lambda case: case.get_status_display()),
]


class ConstructionCaseListView(ExcelExportMixin, FragmentMixin, ScopedListView):
    model = ConstructionCase
    filterset_class = ConstructionCaseFilter
    template_name = "comanagement/construction/case_list.html"
    fragment_template_name = "comanagement/construction/_case_results.html"
    excel_columns = EXPORT_COLUMNS

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.project = readable_project(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    @property
    def excel_title(self):
        return _("%(project)s私搭乱建案件登记表") % {"project": self.project.name}

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(project=self.project)
            .select_related("household__building")
            .order_by("-found_at", "-pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(project=self.project, can_manage=can_record_duties(self.request.user, self.project.pk))
        return context


def register_url(project) -> str:
    return reverse("construction-list", args=[project.pk])


@login_required
def case_create(request, pk):
    project = project_for_company(request, pk)
    instance = ConstructionCase(project=project)
    form = ConstructionCaseForm(request.POST or None, instance=instance)
    return form_page(
        request,
        form,
        lambda: open_case(request.user, instance),
        title=_("登记私搭乱建"),
        parent=project,
        back=register_url(project),
        done=_("案件已登记。"),
    )


@login_required
def case_move(request, pk):
    case = get_object_or_404(
        ConstructionCase.objects.visible_to(request.user).select_related("project"), pk=pk
    )
    if not can_record_duties(request.user, case.project_id):
        raise PermissionDenied
    form = CaseMoveForm(request.POST or None, request.FILES or None, case=case)

    def save():
        data = form.cleaned_data
        move_case(request.user, case, data["new"], at=data["at"], **form.changes())

    return form_page(
        request,
        form,
        save,
        title=_("办理案件：%(case)s") % {"case": case},
        parent=case.project,
        back=register_url(case.project),
        done=_("案件已更新。"),
    )
