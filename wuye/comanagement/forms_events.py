"""Forms of the regulator's events: the record form (enterprises and projects of the regulator's scope)
and the list's filter."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wuye.comanagement.choices_events import EventKind
from wuye.comanagement.models import RegulatorEvent
from wuye.core.web_forms import BootstrapFilterMixin, BootstrapFormMixin
from wuye.enterprises.models import Enterprise
from wuye.estates.models import Project


class RegulatorEventForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = RegulatorEvent
        fields = ["enterprise", "project", "kind", "occurred_on", "source", "description", "file"]
        widgets = {
            "occurred_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = Enterprise.objects.visible_to(user).order_by("name")
        self.fields["project"].queryset = Project.objects.writable_by(user).order_by("name")


class RegulatorEventFilter(BootstrapFilterMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="search")
    kind = django_filters.ChoiceFilter(label=_("事件类别"), choices=EventKind.choices)
    occurred_after = django_filters.DateFilter(
        label=_("发生日期起"),
        field_name="occurred_on",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    occurred_before = django_filters.DateFilter(
        label=_("发生日期止"),
        field_name="occurred_on",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = RegulatorEvent
        fields = ["q", "kind", "occurred_after", "occurred_before"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(source__icontains=value)
            | Q(description__icontains=value)
            | Q(enterprise__name__icontains=value)
            | Q(project__name__icontains=value)
        )
