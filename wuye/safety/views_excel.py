"""Excel pages of clause 4.8: import a project's power rooms and batches of rounds; export both.

Access is the one-record pages' own: the rooms' import is the "登记配电室" page's (404 unseen project,
403 where the user may not add a room), the rounds' import is a recording page (404 unseen, 403 for
those who only read: ``can_record_duties``), and an export reads what the project's page shows.
"""

import datetime

import django_filters
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404
from django.utils import timezone
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
from wuye.safety.imports_power import ROUND_EXPORT_COLUMNS, PowerRoomImport, PowerRoundImport
from wuye.safety.models import PowerRoom, PowerRound
from wuye.safety.views import RecordingMixin


class PowerRoomImportAccess(ParentImportMixin):
    import_spec = PowerRoomImport
    parent_model = Project


class PowerRoomImportView(ExcelImportMixin, PowerRoomImportAccess, FormView):
    template_url_name = "power-room-import-template"


class PowerRoomTemplateView(ExcelTemplateMixin, PowerRoomImportAccess, View):
    pass


class ProjectRecordsImportAccess(RecordingMixin):
    """A batch of a project's duty records: the project's duties are the user's to record (as on the
    one-record pages); the assets the rows name are looked up in the project."""

    subject_model = Project
    project_path = "pk"

    def import_context(self) -> ImportContext:
        return ImportContext(user=self.request.user, project=self.subject, now=self.now)

    def get_back_url(self) -> str:
        return self.subject.get_absolute_url()


class PowerRoundImportAccess(ProjectRecordsImportAccess):
    import_spec = PowerRoundImport


class PowerRoundImportView(ExcelImportMixin, PowerRoundImportAccess, FormView):
    template_url_name = "power-round-import-template"


class PowerRoundTemplateView(ExcelTemplateMixin, PowerRoundImportAccess, View):
    pass


class ProjectExportMixin(LoginRequiredMixin):
    """An export of something of a project: 404 where the project is unseen, its rows through visible_to."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.project = get_object_or_404(Project.objects.visible_to(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def export_title(self) -> str:
        return f"{self.project.name}{self.excel_title}"


class PowerRoomExportView(ProjectExportMixin, ExcelQuerysetExportMixin, View):
    excel_columns = PowerRoomImport.columns
    excel_title = gettext_lazy("配电室")

    def export_queryset(self):
        return PowerRoom.objects.visible_to(self.request.user).filter(project=self.project).order_by("name")


def start_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


class DaySpanFilter(django_filters.FilterSet):
    """Records from one day to another (local days, both included), by the time they claim."""

    start = django_filters.DateFilter(label=gettext_lazy("从"), method="from_day")
    end = django_filters.DateFilter(label=gettext_lazy("到"), method="to_day")

    def from_day(self, queryset, name, value):
        return queryset.filter(occurred_at__gte=start_of_day(value))

    def to_day(self, queryset, name, value):
        return queryset.filter(occurred_at__lt=start_of_day(value + datetime.timedelta(days=1)))


class RoundExportFilter(DaySpanFilter):
    """Rounds from one day to another, of one room if asked."""

    power_room = IdFilter(field_name="power_room", label=gettext_lazy("配电室"))

    class Meta:
        model = PowerRound
        fields = []


class DaySpanExportMixin(ProjectExportMixin):
    """A project's records between two days (``?start=&end=``), the span named in the file's title."""

    def export_title(self) -> str:
        start, end = self.request.GET.get("start"), self.request.GET.get("end")
        if not (start or end):
            return super().export_title()
        span = {"start": start or "", "end": end or ""}
        return _("%(title)s（%(start)s至%(end)s）") % {"title": super().export_title(), **span}


class PowerRoundExportView(DaySpanExportMixin, ExcelQuerysetExportMixin, View):
    excel_columns = ROUND_EXPORT_COLUMNS
    excel_title = gettext_lazy("配电室巡视记录")
    export_filterset = RoundExportFilter

    def export_queryset(self):
        return (
            PowerRound.objects.visible_to(self.request.user)
            .filter(power_room__project=self.project)
            .order_by("occurred_at", "pk")
        )
