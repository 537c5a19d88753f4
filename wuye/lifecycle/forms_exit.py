"""Forms of the exit part: the exit notice, a handover item, a refund, the regulator's list filter."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy

from wuye.core.scoping import division_prefix
from wuye.core.web_forms import BootstrapFilterMixin
from wuye.lifecycle.choices_exit import ExitStatus, ReceiverKind
from wuye.lifecycle.models import ExitFiling, HandoverItem, Refund


def bootstrap(form):
    for field in form.fields.values():
        css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
        field.widget.attrs.setdefault("class", css)


class ExitForm(forms.ModelForm):
    class Meta:
        model = ExitFiling
        fields = ["notice_on", "planned_end", "reason", "contract", "receiver_kind", "committee", "successor"]
        widgets = {
            "notice_on": forms.DateInput(attrs={"type": "date"}),
            "planned_end": forms.DateInput(attrs={"type": "date"}),
            "reason": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, period, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.service_period = period
        self.fields["contract"].queryset = period.project.contracts.filter(enterprise_id=period.enterprise_id)
        self.fields["committee"].queryset = period.project.committees.all()
        bootstrap(self)


class HandoverItemForm(forms.ModelForm):
    class Meta:
        model = HandoverItem
        fields = ["kind", "archive_category", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


class RefundForm(forms.ModelForm):
    class Meta:
        model = Refund
        fields = ["household", "amount", "paid_on", "method", "receipt"]
        widgets = {"paid_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, exit, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.exit = exit
        self.fields["household"].queryset = exit.project.households.select_related("building")
        bootstrap(self)


class ExitFilter(BootstrapFilterMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=gettext_lazy("搜索"), method="search")
    status = django_filters.ChoiceFilter(label=gettext_lazy("状态"), choices=ExitStatus.choices)
    receiver_kind = django_filters.ChoiceFilter(label=gettext_lazy("接收方"), choices=ReceiverKind.choices)
    division = django_filters.CharFilter(label=gettext_lazy("区划代码"), method="in_division")
    year = django_filters.NumberFilter(label=gettext_lazy("退出年度"), field_name="planned_end__year")

    class Meta:
        model = ExitFiling
        fields = ["q", "status", "receiver_kind", "division", "year"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(project__name__icontains=value) | Q(enterprise__name__icontains=value))

    def in_division(self, queryset, name, value):
        value = value.strip()
        return (
            queryset.filter(project__division__code__startswith=division_prefix(value)) if value else queryset
        )
