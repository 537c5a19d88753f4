"""The project list's search, filters and sortable columns."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wuye.compliance.filters import GradeFilter, NullsLastOrderingFilter, score_bound
from wuye.core.scoping import in_division
from wuye.core.web_forms import BootstrapFilterMixin
from wuye.enterprises.models import Enterprise
from wuye.estates.choices import ProjectKind
from wuye.estates.models import Project, ServicePeriod
from wuye.estates.queries import without_contract
from wuye.regions.forms import division_choices_with_region

YES_NO = [("", _("全部")), ("true", _("是")), ("false", _("否"))]


def visible_enterprises(request):
    if request is None:
        return Enterprise.objects.none()
    return Enterprise.objects.visible_to(request.user).order_by("name")


class ProjectFilter(BootstrapFilterMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("名称或地址"), method="search")
    division = django_filters.ChoiceFilter(
        label=_("所在区划"), method="in_division", empty_label=_("全部"), choices=division_choices_with_region
    )
    enterprise = django_filters.ModelChoiceFilter(
        label=_("物业服务企业"), queryset=visible_enterprises, method="served_by", empty_label=_("全部")
    )
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=ProjectKind.choices, empty_label=_("全部"))
    without_contract = django_filters.BooleanFilter(
        label=_("在服务但无有效合同"), method="serving_without_contract", widget=forms.Select(choices=YES_NO)
    )
    grade = GradeFilter()
    score_min = score_bound("gte", _("最低分"))
    score_max = score_bound("lte", _("最高分"))
    o = NullsLastOrderingFilter(
        fields=(
            ("name", "name"),
            ("division_id", "division"),
            ("kind", "kind"),
            ("floor_area", "floor_area"),
            ("household_count", "household_count"),
            ("current_enterprise", "enterprise"),
            ("latest_score", "score"),
            ("latest_grade", "grade"),
        ),
        label=_("排序"),
    )

    class Meta:
        model = Project
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(name__icontains=value) | Q(address__icontains=value))

    def in_division(self, queryset, name, value):
        return in_division(queryset, "division", value)

    def served_by(self, queryset, name, value):
        serving = ServicePeriod.objects.current().filter(enterprise=value).values("project_id")
        return queryset.filter(pk__in=serving)

    def serving_without_contract(self, queryset, name, value):
        if value is None:
            return queryset
        lacking = without_contract(queryset)
        return lacking if value else queryset.exclude(pk__in=lacking.values("pk"))
