"""Excel pages of clause 4.2: import a project's elevator register and batches of its inspections and
maintenance visits; export the inspections and visits of a project between two dates.

Access is the one-record pages' own: the register's import is the "登记电梯" page's (404 unseen project,
403 where the user may not add an elevator), a batch's import is a recording page (404 unseen, 403 for
those who only read: ``can_record_duties``), and an export reads what the project's page shows. The
register list itself exports with its filters (``ElevatorListView``, ``?export=xlsx``).
"""

import datetime

import django_filters
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from wuye.core.filters import IdFilter
from wuye.core.spreadsheets import ImportContext
from wuye.core.web_excel import (
    ExcelImportMixin,
    ExcelQuerysetExportMixin,
    ExcelTemplateMixin,
    ParentImportMixin,
)
from wuye.estates.models import Project
from wuye.safety.imports_elevators import (
    INSPECTION_EXPORT_COLUMNS,
    MAINTENANCE_EXPORT_COLUMNS,
    ElevatorImport,
    InspectionImport,
    MaintenanceVisitImport,
)
from wuye.safety.models import ElevatorInspection, MaintenanceVisit
from wuye.safety.views import RecordingMixin
from wuye.safety.views_excel import ProjectExportMixin, start_of_day


class ElevatorImportAccess(ParentImportMixin):
    import_spec = ElevatorImport
    parent_model = Project

    def get_back_url(self) -> str:
        return self.parent.get_absolute_url() + "#elevators"


class ElevatorImportView(ExcelImportMixin, ElevatorImportAccess, FormView):
    template_url_name = "elevator-import-template"


class ElevatorTemplateView(ExcelTemplateMixin, ElevatorImportAccess, View):
    pass


class ElevatorRecordImportAccess(RecordingMixin):
    """The project's duties are the user's to record (as on the record pages); elevators are looked up
    among the project's by their registration code."""

    subject_model = Project
    project_path = "pk"

    def import_context(self) -> ImportContext:
        return ImportContext(user=self.request.user, project=self.subject, now=self.now)

    def get_back_url(self) -> str:
        return self.subject.get_absolute_url() + "#elevators"


class InspectionImportView(ExcelImportMixin, ElevatorRecordImportAccess, FormView):
    import_spec = InspectionImport
    template_url_name = "elevator-inspection-import-template"


class InspectionTemplateView(ExcelTemplateMixin, ElevatorRecordImportAccess, View):
    import_spec = InspectionImport


class MaintenanceImportView(ExcelImportMixin, ElevatorRecordImportAccess, FormView):
    import_spec = MaintenanceVisitImport
    template_url_name = "elevator-maintenance-import-template"


class MaintenanceTemplateView(ExcelTemplateMixin, ElevatorRecordImportAccess, View):
    import_spec = MaintenanceVisitImport


class ElevatorRecordExportFilter(django_filters.FilterSet):
    """Records from one day to another (local days, both included), of one elevator if asked."""

    start = django_filters.DateFilter(label=gettext_lazy("从"), method="from_day")
    end = django_filters.DateFilter(label=gettext_lazy("到"), method="to_day")
    elevator = IdFilter(field_name="elevator", label=gettext_lazy("电梯"))

    class Meta:
        fields = []

    def from_day(self, queryset, name, value):
        return queryset.filter(occurred_at__gte=start_of_day(value))

    def to_day(self, queryset, name, value):
        return queryset.filter(occurred_at__lt=start_of_day(value + datetime.timedelta(days=1)))


class InspectionExportFilter(ElevatorRecordExportFilter):
    class Meta(ElevatorRecordExportFilter.Meta):
        model = ElevatorInspection


class MaintenanceExportFilter(ElevatorRecordExportFilter):
    class Meta(ElevatorRecordExportFilter.Meta):
        model = MaintenanceVisit


class ElevatorRecordExportView(ProjectExportMixin, ExcelQuerysetExportMixin, View):
    """The records of a kind of the project's elevators the user sees, oldest first (the file named
    after the project: ``ProjectExportMixin.export_title`` comes first)."""

    record_model = None

    def export_queryset(self):
        return (
            self.record_model.objects.visible_to(self.request.user)
            .filter(elevator__project=self.project)
            .order_by("occurred_at", "pk")
        )

    def export_title(self) -> str:
        start, end = self.request.GET.get("start"), self.request.GET.get("end")
        if not (start or end):
            return super().export_title()
        span = {"start": start or "", "end": end or ""}
        return _("%(title)s（%(start)s至%(end)s）") % {"title": super().export_title(), **span}


class InspectionExportView(ElevatorRecordExportView):
    record_model = ElevatorInspection
    excel_columns = INSPECTION_EXPORT_COLUMNS
    excel_title = gettext_lazy("电梯定期检验")
    export_filterset = InspectionExportFilter


class MaintenanceExportView(ElevatorRecordExportView):
    record_model = MaintenanceVisit
    excel_columns = MAINTENANCE_EXPORT_COLUMNS
    excel_title = gettext_lazy("电梯维保记录")
    export_filterset = MaintenanceExportFilter
