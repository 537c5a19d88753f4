"""Queries of the pages of clauses 4.3 and 4.4: the defects an asset's records opened, the last record of
each asset, the day an extinguisher is to be scrapped."""

from functools import reduce
from operator import or_

from django.db.models import CharField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Concat

from wuye.compliance.parameters import param
from wuye.core.dates import add_months
from wuye.safety.models import Defect


def record_sources(records):
    """The ``Defect.source`` of each record ("safety.firepassagecheck:12"), as a subquery of strings."""
    label = records.model._meta.label_lower
    return records.annotate(
        source_ref=Concat(Value(f"{label}:"), Cast("pk", CharField()), output_field=CharField())
    ).values("source_ref")


def defects_of(user, *records):
    """Defects the given querysets of records opened, that ``user`` may see: open first, then newest."""
    opened_by = reduce(or_, (Q(source__in=record_sources(queryset)) for queryset in records))
    return Defect.objects.visible_to(user).filter(opened_by).order_by("-found_at", "-pk")


def latest(records, link: str, field: str = "occurred_at"):
    """Per asset (``OuterRef("pk")``): ``field`` of its latest record in ``records``."""
    last = records.filter(**{link: OuterRef("pk")}).order_by("-occurred_at", "-pk")
    return Subquery(last.values(field)[:1])


class ScrappingDays:
    """The day each extinguisher reaches its scrapping age, with the ages in force looked up once per
    division (a page of extinguishers from a few projects costs a few queries, not one per row)."""

    def __init__(self, today):
        self.today = today
        self.ages = {}

    def age(self, division, kind) -> int:
        if (division, kind) not in self.ages:
            self.ages[division, kind] = int(
                param("4.3.extinguisher_age", f"max_age_{kind}", division, self.today)
            )
        return self.ages[division, kind]

    def __call__(self, equipment):
        if not (equipment.extinguisher_type and equipment.production_date):
            return None
        years = self.age(equipment.project.division_id, equipment.extinguisher_type)
        return add_months(equipment.production_date, 12 * years)
