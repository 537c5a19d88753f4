"""Queries of the water pages and API: a report's deadline and handling (from its defect), an incident's
first report to the authority."""

from django.db.models import CharField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Concat

from wuye.safety.actions_water import ODOUR_CHECK
from wuye.safety.models import Defect, PollutionReport, WaterQualityReport


def water_report_rows(reports, user):
    """Reports with their defect's deadline and when it was handled (a subquery each)."""
    label = WaterQualityReport._meta.label_lower
    source = Concat(Value(f"{label}:"), Cast(OuterRef("pk"), CharField()), output_field=CharField())
    defects = Defect.objects.visible_to(user).filter(check_id=ODOUR_CHECK, source=source)
    return reports.annotate(
        deadline=Subquery(defects.values("deadline")[:1]),
        handled_at=Subquery(defects.values("fixed_at")[:1]),
    )


def first_report(user):
    """Per pollution incident (``OuterRef("pk")``): its reports to the authority, the first first."""
    return PollutionReport.objects.visible_to(user).filter(incident=OuterRef("pk")).order_by("occurred_at")
