"""The regulator's dashboard (``?division=`` drills down) and its monthly report as PDF: regulators only (403
for other roles), a division outside the regulator's own is 404."""

import calendar
import datetime

from django.http import Http404
from django.utils import timezone
from django.views.generic import TemplateView, View

from wuye.core.web import RegulatorOnlyMixin
from wuye.oversight.dashboard import build_dashboard, cached_dashboard, division_for
from wuye.oversight.pdf import pdf_response


class DashboardView(RegulatorOnlyMixin, TemplateView):
    template_name = "oversight/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        division = division_for(self.request.user, self.request.GET.get("division"))
        board, charts = cached_dashboard(self.request.user, division)
        context.update(board=board, charts=charts)
        return context


def month_end(text: str | None) -> datetime.date:
    """The last day of ``YYYY-MM`` (404 for anything else); this month's last day when not given."""
    if not text:
        today = timezone.localdate()
        text = f"{today:%Y-%m}"
    try:
        year, month = (int(part) for part in text.split("-"))
        return datetime.date(year, month, calendar.monthrange(year, month)[1])
    except ValueError:
        raise Http404 from None


class DivisionReportView(RegulatorOnlyMixin, View):
    def get(self, request):
        division = division_for(request.user, request.GET.get("division"))
        until = month_end(request.GET.get("month"))
        board = build_dashboard(request.user, division, until=until)
        context = {"board": board, "month": until, "generated_at": timezone.localtime()}
        filename = f"division-report-{division.code}-{until:%Y-%m}.pdf"
        return pdf_response("oversight/dashboard_report.html", context, request=request, filename=filename)
