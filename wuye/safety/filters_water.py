"""The tank register's search, filters and sortable columns (the list page; an Excel export reuses them)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wuye.core.filters import StableOrderingFilter
from wuye.core.scoping import in_division
from wuye.core.web_forms import BootstrapFilterMixin
from wuye.estates.models import Project
from wuye.regions.forms import division_choices_with_region
from wuye.safety.models import WaterTank
from wuye.safety.models.water import TankKind

YES_NO = [("", _("全部")), ("true", _("是")), ("false", _("否"))]


def visible_projects(request):
    if request is None:
        return Project.objects.none()
    return Project.objects.visible_to(request.user).order_by("name")


class WaterTankFilter(BootstrapFilterMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("名称、位置或项目"), method="search")
    division = django_filters.ChoiceFilter(
        label=_("所在区划"), method="in_division", empty_label=_("全部"), choices=division_choices_with_region
    )
    project = django_filters.ModelChoiceFilter(
        label=_("项目"), queryset=visible_projects, empty_label=_("全部")
    )
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=TankKind.choices, empty_label=_("全部"))
    active = django_filters.BooleanFilter(label=_("在用"), widget=forms.Select(choices=YES_NO))
    o = StableOrderingFilter(
        fields=(
            ("name", "name"),
            ("project__name", "project"),
            ("capacity", "capacity"),
            ("last_test_at", "tested"),
            ("last_cleaning_at", "cleaned"),
        ),
        label=_("排序"),
    )

    class Meta:
        model = WaterTank
        fields = ["q", "division", "project", "kind", "active"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value) | Q(location__icontains=value) | Q(project__name__icontains=value)
        )

    def in_division(self, queryset, name, value):
        return in_division(queryset, "project__division", value)
