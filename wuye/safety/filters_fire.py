"""Search, filters and sortable columns of the registers of clauses 4.3 and 4.4 (list pages; an Excel
export can reuse them)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wuye.core.filters import StableOrderingFilter
from wuye.core.scoping import in_division
from wuye.core.web_forms import BootstrapFilterMixin
from wuye.estates.models import Project
from wuye.regions.forms import division_choices_with_region
from wuye.safety.choices_fire import ExtinguisherType, FireEquipmentKind, FloodKind, LightningKind
from wuye.safety.models import FireEquipment, FirePassage, FloodProtection, LightningProtection

YES_NO = [("", _("全部")), ("true", _("是")), ("false", _("否"))]


def visible_projects(request):
    if request is None:
        return Project.objects.none()
    return Project.objects.visible_to(request.user).order_by("name")


class AssetFilter(BootstrapFilterMixin, django_filters.FilterSet):
    """What every register of assets filters by: name or place, project, division, in use."""

    q = django_filters.CharFilter(label=_("名称或位置"), method="search")
    project = django_filters.ModelChoiceFilter(
        label=_("项目"), queryset=visible_projects, empty_label=_("全部")
    )
    division = django_filters.ChoiceFilter(
        label=_("所在区划"), method="in_division", empty_label=_("全部"), choices=division_choices_with_region
    )
    active = django_filters.BooleanFilter(label=_("在用"), widget=forms.Select(choices=YES_NO))
    o = StableOrderingFilter(
        fields=(("project__name", "project"), ("name", "name"), ("in_service_from", "in_service_from")),
        label=_("排序"),
    )

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(name__icontains=value) | Q(location__icontains=value))

    def in_division(self, queryset, name, value):
        return in_division(queryset, "project__division", value)


class FireEquipmentFilter(AssetFilter):
    kind = django_filters.ChoiceFilter(
        label=_("类别"), choices=FireEquipmentKind.choices, empty_label=_("全部")
    )
    extinguisher_type = django_filters.ChoiceFilter(
        label=_("灭火器类型"), choices=ExtinguisherType.choices, empty_label=_("全部")
    )
    o = StableOrderingFilter(
        fields=(
            ("project__name", "project"),
            ("name", "name"),
            ("kind", "kind"),
            ("production_date", "production_date"),
            ("last_check_at", "last_check"),
        ),
        label=_("排序"),
    )

    class Meta:
        model = FireEquipment
        fields = []


class FirePassageFilter(AssetFilter):
    class Meta:
        model = FirePassage
        fields = []


class LightningFilter(AssetFilter):
    kind = django_filters.ChoiceFilter(label=_("类别"), choices=LightningKind.choices, empty_label=_("全部"))
    hazardous = django_filters.BooleanFilter(label=_("有爆炸、火灾危险"), widget=forms.Select(choices=YES_NO))

    class Meta:
        model = LightningProtection
        fields = []


class FloodFilter(AssetFilter):
    kind = django_filters.ChoiceFilter(label=_("类别"), choices=FloodKind.choices, empty_label=_("全部"))

    class Meta:
        model = FloodProtection
        fields = []
