"""The project safety overview: every asset's periodic duties with their next due time, overdue first."""

from collections import Counter

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.core.spreadsheets import export_file
from wuye.core.views import ScopedDetailView
from wuye.core.web_excel import dated_filename, xlsx_response
from wuye.estates.models import Project
from wuye.estates.permissions import can_record_duties
from wuye.safety.overview import OVERDUE, STATE_LABELS, STATE_ORDER, due_items

ITEMS_PER_PAGE = 100


EXCEL_COLUMNS = [
    (gettext_lazy("状态"), "current_label"),
    (gettext_lazy("条款"), "clause"),
    (gettext_lazy("类别"), "kind"),
    (gettext_lazy("设备/对象"), "asset"),
    (gettext_lazy("义务"), "duty"),
    (gettext_lazy("上次完成"), "last_done"),
    (gettext_lazy("下次到期"), "due"),
    (gettext_lazy("说明"), "note"),
]


class SafetyOverviewView(ScopedDetailView):
    """Anyone who sees the project sees its overview (owners too: it is what they pay for).
    ``?export=xlsx`` gives the filtered list as a workbook, for the wall of the management office."""

    model = Project
    template_name = "safety/overview.html"
    context_object_name = "project"

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") != "xlsx":
            return super().get(request, *args, **kwargs)
        self.object = self.get_object()
        rows = self.filtered(self.items(timezone.now()))
        title = _("%(name)s安全总览") % {"name": self.object.name}
        return xlsx_response(export_file(rows, EXCEL_COLUMNS, title=title), dated_filename(title))

    def items(self, now):
        items = due_items(self.object, now)
        for item in items:
            item.current_state = item.state(now)
            item.current_label = str(STATE_LABELS[item.current_state])
        return items

    def filtered(self, items):
        state, clause = self.request.GET.get("state", ""), self.request.GET.get("clause", "")
        query = self.request.GET.get("q", "").strip()
        return [
            item
            for item in items
            if (not state or item.current_state == state)
            and (not clause or item.clause == clause)
            and (not query or query in item.asset or query in item.kind or query in item.duty)
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        items = self.items(now)
        counts = Counter(item.current_state for item in items)
        clauses = sorted({item.clause for item in items})
        state, clause = self.request.GET.get("state", ""), self.request.GET.get("clause", "")
        query = self.request.GET.get("q", "").strip()
        shown = self.filtered(items)
        page = Paginator(shown, ITEMS_PER_PAGE).get_page(self.request.GET.get("page"))
        context.update(
            now=now,
            page_obj=page,
            items=page.object_list,
            total=len(items),
            shown=len(shown),
            states=[
                (key, STATE_LABELS[key], counts.get(key, 0))
                for key in sorted(STATE_ORDER, key=STATE_ORDER.get)
            ],
            clauses=clauses,
            state=state,
            clause=clause,
            query=query,
            overdue=counts.get(OVERDUE, 0),
            can_record=can_record_duties(self.request.user, self.object.pk),
        )
        return context
