"""Forms of rectification orders: issue (findings ticked, requirement, deadline), answer, decide; the list's
filter."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.filters import StableOrderingFilter
from wuye.core.scoping import in_division
from wuye.core.web_forms import BootstrapFilterMixin, BootstrapFormMixin, DateInput
from wuye.estates.filters import YES_NO, visible_enterprises
from wuye.oversight.choices_orders import OrderStatus
from wuye.oversight.models import RectificationOrder
from wuye.regions.forms import division_choices_with_region


class FindingChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, finding):
        return f"{finding.subject_name} — {finding.message}"


class OrderIssueForm(BootstrapFormMixin, forms.Form):
    findings = FindingChoiceField(
        label=_("整改的问题"), queryset=None, widget=forms.CheckboxSelectMultiple, required=False
    )
    requirement = forms.CharField(
        label=_("整改要求"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    deadline = forms.DateField(label=_("整改期限"), widget=DateInput(), required=False)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["findings"].queryset = candidates


class OrderAnswerForm(BootstrapFormMixin, forms.Form):
    expected = forms.CharField(widget=forms.HiddenInput)
    text = forms.CharField(label=_("整改情况"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    file = forms.FileField(label=_("整改证明材料"), required=False)


class OrderDecisionForm(BootstrapFormMixin, forms.Form):
    ACCEPT, REOPEN = "accept", "reopen"
    expected = forms.CharField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label=_("验收结论"),
        choices=[(ACCEPT, _("验收通过")), (REOPEN, _("退回重改"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("说明（退回时必填）"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=300,
    )
    deadline = forms.DateField(label=_("新的整改期限（退回时必填）"), widget=DateInput(), required=False)


class OrderFilter(BootstrapFilterMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="search")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=OrderStatus.choices, empty_label=_("全部"))
    overdue = django_filters.BooleanFilter(
        label=_("已逾期"), method="is_overdue", widget=forms.Select(choices=YES_NO)
    )
    division = django_filters.ChoiceFilter(
        label=_("所在区划"), method="in_division", empty_label=_("全部"), choices=division_choices_with_region
    )
    enterprise = django_filters.ModelChoiceFilter(
        label=_("物业服务企业"), queryset=visible_enterprises, empty_label=_("全部")
    )
    o = StableOrderingFilter(
        fields=(("issued_at", "issued"), ("deadline", "deadline"), ("status", "status")), label=_("排序")
    )

    class Meta:
        model = RectificationOrder
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(requirement__icontains=value)
            | Q(enterprise__name__icontains=value)
            | Q(project__name__icontains=value)
        )

    def is_overdue(self, queryset, name, value):
        overdue = RectificationOrder.overdue_q(timezone.now())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)

    def in_division(self, queryset, name, value):
        return in_division(queryset, "division", value)
