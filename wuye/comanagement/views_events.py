"""Pages of the regulator's events: the list (search, filters, pages, Excel) every signed-in role sees
within its scope (an enterprise its own), and the record form, for regulators only (403 for the rest)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.comanagement.actions_events import may_record_events, record_event
from wuye.comanagement.forms_events import RegulatorEventFilter, RegulatorEventForm
from wuye.comanagement.models import RegulatorEvent
from wuye.comanagement.views_common import form_page
from wuye.core.views import ScopedListView
from wuye.core.web import FragmentMixin
from wuye.core.web_excel import ExcelExportMixin

EXPORT_COLUMNS = [
    (gettext_lazy("发生日期"), "occurred_on"),
    (gettext_lazy("事件类别"), lambda event: event.get_kind_display()),
    (gettext_lazy("企业"), lambda event: event.enterprise.name),
    (gettext_lazy("项目"), lambda event: event.project.name if event.project_id else ""),
    (gettext_lazy("来源"), "source"),
    (gettext_lazy("事件经过"), "description"),
]


class RegulatorEventListView(ExcelExportMixin, FragmentMixin, ScopedListView):
    model = RegulatorEvent
    filterset_class = RegulatorEventFilter
    template_name = "comanagement/events/event_list.html"
    fragment_template_name = "comanagement/events/_event_results.html"
    excel_columns = EXPORT_COLUMNS
    excel_title = gettext_lazy("监管记录事件")

    def get_queryset(self):
        return super().get_queryset().select_related("enterprise", "project").order_by("-occurred_on", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_record"] = may_record_events(self.request.user)
        return context


@login_required
def event_create(request):
    if not may_record_events(request.user):
        raise PermissionDenied
    instance = RegulatorEvent()
    form = RegulatorEventForm(
        request.POST or None, request.FILES or None, instance=instance, user=request.user
    )
    back = reverse("regulatorevent-list")
    return form_page(
        request,
        form,
        lambda: record_event(request.user, instance),
        title=_("记录监管事件"),
        parent=None,
        back=back,
        done=_("事件已记录，将作为问题计入对企业的评价。"),
    )
