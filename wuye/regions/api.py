"""Divisions through the API: everyone signed in reads them; only operators change them (admin)."""

import django_filters

from wuye.core.api import ScopedReadOnlyViewSet
from wuye.regions.models import Division
from wuye.regions.serializers import DivisionSerializer


class DivisionFilter(django_filters.FilterSet):
    class Meta:
        model = Division
        fields = ["level", "parent"]


class DivisionViewSet(ScopedReadOnlyViewSet):
    """GB/T 2260 divisions of Inner Mongolia: the region, leagues/cities, banners/counties/districts."""

    serializer_class = DivisionSerializer
    filterset_class = DivisionFilter
    search_fields = ["code", "name"]
    ordering_fields = ["code", "name"]
    ordering = ["code"]
    select_related = ("parent",)
    lookup_field = "code"
    lookup_value_regex = "[0-9]{6}"


def register(router):
    router.register("divisions", DivisionViewSet, basename="division")
