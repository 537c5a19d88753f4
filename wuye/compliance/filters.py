"""List filters by the latest score: grade A–D or not evaluated yet, and a score range.

For list pages whose queryset was annotated by ``queries.with_latest_score`` (the regulator's project
and enterprise lists), which declare them last, after their own; the sort by score lives in each
list's ordering filter.
"""

import django_filters
from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _

NOT_EVALUATED = "none"
GRADE_CHOICES = [
    ("A", "A"),
    ("B", "B"),
    ("C", "C"),
    ("D", "D"),
    (NOT_EVALUATED, _("未评估")),
]


class GradeFilter(django_filters.ChoiceFilter):
    """The latest grade, or ``none``: not evaluated yet."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("等级"))
        kwargs.setdefault("choices", GRADE_CHOICES)
        kwargs.setdefault("empty_label", _("全部"))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        if value == NOT_EVALUATED:
            return qs.filter(latest_grade__isnull=True)
        return qs.filter(latest_grade=value)


def score_bound(lookup: str, label) -> django_filters.NumberFilter:
    """A bound of the latest score (``gte`` for the lowest, ``lte`` for the highest), 0–100."""
    return django_filters.NumberFilter(
        label=label,
        field_name="latest_score",
        lookup_expr=lookup,
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"step": "any", "style": "width: 6rem"}),
    )


class NullsLastOrderingFilter(django_filters.OrderingFilter):
    """Column sorting where rows without a value (never evaluated) go last in either direction."""

    nulls_last = frozenset({"latest_score", "latest_grade"})

    def get_ordering_value(self, param):
        value = super().get_ordering_value(param)
        name = value.lstrip("-")
        if name not in self.nulls_last:
            return value
        return F(name).desc(nulls_last=True) if value.startswith("-") else F(name).asc(nulls_last=True)

    def filter(self, qs, value):
        ordered = super().filter(qs, value)
        if ordered is qs:
            return qs
        # Many rows share a score: the primary key keeps pages from overlapping.
        return ordered.order_by(*ordered.query.order_by, "pk")
