"""Search, filters and sorting of the rankings and the credit lists (querysets annotated with the latest
score by ``with_latest_score`` and the rank by ``ranked``)."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.compliance.filters import GradeFilter, NullsLastOrderingFilter, score_bound
from wuye.core.filters import DIVISION_CODE
from wuye.core.web_forms import BootstrapFilterMixin
from wuye.enterprises.models import Enterprise
from wuye.estates.models import Project
from wuye.oversight.credit import LIST_CHOICES, credit_lists, enterprises_on

NOT_LISTED = "none"


class NameDivisionFilter(BootstrapFilterMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("名称"), method="search")
    # Narrowed by the view (a division outside the regulator's is 404 there), kept here so the form shows it.
    division = django_filters.CharFilter(
        label=_("行政区划（含下级）"), method="keep", validators=[DIVISION_CODE]
    )

    def search(self, queryset, name, value):
        return queryset.filter(name__icontains=value.strip())

    def keep(self, queryset, name, value):
        return queryset


class EnterpriseSearchMixin:
    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(name__icontains=value) | Q(credit_code__icontains=value.upper()))


class CreditListFilter(EnterpriseSearchMixin, NameDivisionFilter):
    class Meta:
        model = Enterprise
        fields = []


class RankingFilterBase(NameDivisionFilter):
    grade = GradeFilter()
    score_min = score_bound("gte", _("最低分"))
    score_max = score_bound("lte", _("最高分"))
    o = NullsLastOrderingFilter(
        fields=(("latest_score", "score"), ("name", "name"), ("latest_grade", "grade")), label=_("排序")
    )


class EnterpriseRankingFilter(EnterpriseSearchMixin, RankingFilterBase):
    status = django_filters.ChoiceFilter(
        label=_("名单"),
        choices=[*LIST_CHOICES, (NOT_LISTED, _("未列入"))],
        empty_label=_("全部"),
        method="on_list",
    )

    class Meta:
        model = Enterprise
        fields = []

    def on_list(self, queryset, name, value):
        today = timezone.localdate()
        ids = queryset.values("pk")  # a subquery: only the listed enterprises' ids come back
        division = self.form.cleaned_data.get("division") or None  # the page's: as its entries
        if value == NOT_LISTED:
            return queryset.exclude(pk__in=list(credit_lists(ids, today, division)))
        return queryset.filter(pk__in=list(enterprises_on(value, ids, today, division)))


class ProjectRankingFilter(RankingFilterBase):
    class Meta:
        model = Project
        fields = []
