"""The project safety overview: every asset's periodic duties with their next due time, overdue first."""

from collections import Counter

from django.core.paginator import Paginator
from django.utils import timezone

from wuye.core.views import ScopedDetailView
from wuye.estates.models import Project
from wuye.estates.permissions import can_record_duties
from wuye.safety.overview import OVERDUE, STATE_LABELS, STATE_ORDER, due_items

ITEMS_PER_PAGE = 100


class SafetyOverviewView(ScopedDetailView):
    """Anyone who sees the project sees its overview (owners too: it is what they pay for)."""

    model = Project
    template_name = "safety/overview.html"
    context_object_name = "project"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        items = due_items(self.object, now)
        for item in items:
            item.current_state = item.state(now)
            item.current_label = STATE_LABELS[item.current_state]
        counts = Counter(item.current_state for item in items)
        clauses = sorted({item.clause for item in items})
        state, clause = self.request.GET.get("state", ""), self.request.GET.get("clause", "")
        query = self.request.GET.get("q", "").strip()
        shown = [
            item
            for item in items
            if (not state or item.current_state == state)
            and (not clause or item.clause == clause)
            and (not query or query in item.asset or query in item.kind or query in item.duty)
        ]
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
