"""Filters shared by the API and the list pages: one meaning of "in this division" everywhere."""

import datetime

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.db.models import IntegerField
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from wuye.core.scoping import in_division

DIVISION_CODE = RegexValidator(r"^\d{6}$", _("请输入6位行政区划代码，如 150200。"))


class DivisionPrefixFilter(django_filters.CharFilter):
    """A GB/T 2260 code meaning that division and everything below it (150200 → every 1502xx).

    ``field_name`` is the path to a Division foreign key (``division``, ``project__division``);
    the comparison is on its code, so no join to the division table is needed.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("行政区划（含下级）"))
        kwargs.setdefault("validators", [DIVISION_CODE])
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return in_division(qs, self.field_name, value)


class ExpiredFilter(django_filters.BooleanFilter):
    """``true``: a validity end (``field_name``) before today; ``false``: still valid or open-ended."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("已过期"))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value is None:
            return qs
        expired = {f"{self.field_name}__lt": timezone.localdate()}
        return qs.filter(**expired) if value else qs.exclude(**expired)


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.NumberFilter):
    """An integer id (of a related record)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        # Bounded like the ids themselves, so a huge number is a 400, not a database overflow.
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


class ScopedFilterSet(django_filters.FilterSet):
    """Foreign keys filter by plain id, never looked up.

    An id outside the user's scope then matches nothing, exactly as a missing one does, so a filter
    cannot be used to learn what exists elsewhere.
    """

    @classmethod
    def filter_for_lookup(cls, field, lookup_type):
        if field.is_relation and lookup_type == "exact":
            target = field.target_field
            return (IdFilter if isinstance(target, IntegerField) else django_filters.CharFilter), {}
        return super().filter_for_lookup(field, lookup_type)


class UtcDateTimeFilter(django_filters.IsoDateTimeFilter):
    """An ISO 8601 moment, turned into UTC before it reaches the database.

    Python accepts offsets up to ±24 h, PostgreSQL only up to about ±15 h: "+18:54" would be a 500.
    """

    def filter(self, qs, value):
        if value is not None and value.tzinfo is not None:
            try:
                value = value.astimezone(datetime.UTC)
            except OverflowError:  # past year 9999 in UTC: no record is there
                return qs.none()
        return super().filter(qs, value)


class StableOrderingFilter(django_filters.OrderingFilter):
    """Column sorting where rows that tie on the column keep the list's own order (the model's, then the
    primary key): PostgreSQL returns ties in any order, so a page would differ from one load to the next."""

    def filter(self, qs, value):
        ordered = super().filter(qs, value)
        if ordered is qs:
            return qs
        return ordered.order_by(*ordered.query.order_by, *qs.model._meta.ordering, "pk")
