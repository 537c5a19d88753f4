"""The enterprise list's search, filters and sortable columns."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.compliance.filters import GradeFilter, NullsLastOrderingFilter, score_bound
from wuye.core.scoping import in_division
from wuye.core.web_forms import BootstrapFilterMixin
from wuye.enterprises.models import Enterprise, Licence
from wuye.regions.forms import division_choices_with_region

YES_NO = [("", _("全部")), ("true", _("是")), ("false", _("否"))]


class EnterpriseFilter(BootstrapFilterMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("名称或信用代码"), method="search")
    division = django_filters.ChoiceFilter(
        label=_("登记地"), method="in_division", empty_label=_("全部"), choices=division_choices_with_region
    )
    expired = django_filters.BooleanFilter(
        label=_("有证照过期"), method="with_expired_licence", widget=forms.Select(choices=YES_NO)
    )
    grade = GradeFilter()
    score_min = score_bound("gte", _("最低分"))
    score_max = score_bound("lte", _("最高分"))
    o = NullsLastOrderingFilter(
        fields=(
            ("name", "name"),
            ("credit_code", "credit_code"),
            ("division_id", "division"),
            ("legal_representative", "legal_representative"),
            ("projects_now", "projects"),
            ("expired_count", "expired"),
            ("latest_score", "score"),
            ("latest_grade", "grade"),
        ),
        label=_("排序"),
    )

    class Meta:
        model = Enterprise
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(name__icontains=value) | Q(credit_code__icontains=value.upper()))

    def in_division(self, queryset, name, value):
        return in_division(queryset, "division", value)

    def with_expired_licence(self, queryset, name, value):
        if value is None:
            return queryset
        expired = Licence.objects.filter(enterprise=OuterRef("pk"), valid_to__lt=timezone.localdate())
        return queryset.filter(Exists(expired)) if value else queryset.exclude(Exists(expired))
