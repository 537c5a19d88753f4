"""Excel pages of clause 4.6: import a project's water tanks and batches of lab water tests; export the
tests of a project between two days, with their values.

Access is the one-record pages' own: the tanks' import is the "登记水箱" page's (404 unseen project, 403
where the user may not add a tank there), the tests' import is a recording page (404 unseen, 403 for
those who only read: ``can_record_duties``); the export reads what the project's water page shows.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from wuye.core.filters import IdFilter
from wuye.core.web_excel import (
    ExcelImportMixin,
    ExcelQuerysetExportMixin,
    ExcelTemplateMixin,
    ParentImportMixin,
)
from wuye.estates.models import Project
from wuye.safety.imports_water import TEST_EXPORT_COLUMNS, WaterTankImport, WaterTestImport
from wuye.safety.models import WaterTest
from wuye.safety.views_excel import DaySpanExportMixin, DaySpanFilter, ProjectRecordsImportAccess


class WaterTankImportAccess(ParentImportMixin):
    import_spec = WaterTankImport
    parent_model = Project

    def get_back_url(self) -> str:
        return reverse("project-water", args=[self.parent.pk])


class WaterTankImportView(ExcelImportMixin, WaterTankImportAccess, FormView):
    template_url_name = "water-tank-import-template"


class WaterTankTemplateView(ExcelTemplateMixin, WaterTankImportAccess, View):
    pass


class WaterTestImportAccess(ProjectRecordsImportAccess):
    import_spec = WaterTestImport

    def get_back_url(self) -> str:
        return reverse("project-water", args=[self.subject.pk])


class WaterTestImportView(ExcelImportMixin, WaterTestImportAccess, FormView):
    template_url_name = "water-test-import-template"


class WaterTestTemplateView(ExcelTemplateMixin, WaterTestImportAccess, View):
    pass


class WaterTestExportFilter(DaySpanFilter):
    """Tests sampled from one day to another, of one tank if asked."""

    tank = IdFilter(field_name="tank", label=gettext_lazy("水箱"))

    class Meta:
        model = WaterTest
        fields = []


class WaterTestExportView(DaySpanExportMixin, ExcelQuerysetExportMixin, View):
    excel_columns = TEST_EXPORT_COLUMNS
    excel_title = gettext_lazy("水质检测记录")
    export_filterset = WaterTestExportFilter

    def export_queryset(self):
        return (
            WaterTest.objects.visible_to(self.request.user)
            .filter(tank__project=self.project)
            .order_by("occurred_at", "pk")
        )
