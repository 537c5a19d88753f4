"""Forms of the takeover pages: a new takeover on a contract, each step's move, a checklist line, a
document handover, a problem and its fixing, and the filters of the takeovers' and problems' lists.
Validation is the models' and the actions' (a day in the future is refused in place)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.filters import DivisionPrefixFilter
from wuye.core.scoping import scope_of
from wuye.core.web_forms import BootstrapFilterMixin, BootstrapFormMixin
from wuye.estates.models import ServiceContract
from wuye.lifecycle.choices_takeover import InspectionResult, TakeoverStatus
from wuye.lifecycle.models import DocumentHandover, InspectionItem, Takeover, TakeoverProblem


class TakeoverForm(BootstrapFormMixin, forms.ModelForm):
    """A new takeover: the registered contract (of the user's enterprise) and the days."""

    class Meta:
        model = Takeover
        fields = ["contract", "taken_over_on", "buyers_handover_on"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        scope = scope_of(user)
        contracts = ServiceContract.objects.select_related("project", "enterprise")
        if not scope.everything:
            contracts = contracts.filter(enterprise_id__in=scope.enterprise_ids)
        self.fields["contract"].queryset = contracts.order_by("-start")

    def _post_clean(self):
        contract = self.cleaned_data.get("contract")
        if contract is not None:
            self.instance.project_id = contract.project_id
            self.instance.enterprise_id = contract.enterprise_id
        super()._post_clean()


class MoveForm(BootstrapFormMixin, forms.Form):
    """What a step records: the day (start, signing, filing), the finish and the agreement, the number."""

    day = forms.DateField(label=_("日期"), required=False)
    finished_on = forms.DateField(label=_("查验完成日期"), required=False)
    agreement_file = forms.FileField(label=_("查验协议扫描件"), required=False)
    filing_number = forms.CharField(label=_("备案编号"), max_length=60, required=False)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


class InspectionItemForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = InspectionItem
        fields = ["result", "problem", "photo", "inspected_on"]  # the line itself comes from the choice

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["result"].initial = InspectionResult.OK
        self.fields["inspected_on"].initial = timezone.localdate()
        self.fields["photo"].widget.attrs["accept"] = "image/*"
        self.fields["photo"].widget.attrs["capture"] = "environment"


class DocumentHandoverForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = DocumentHandover
        fields = ["category", "handed_over_on", "handed_by", "received_by", "note", "document"]


class ProblemForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = TakeoverProblem
        fields = ["description", "fixer", "found_on", "due_on"]


class FixForm(BootstrapFormMixin, forms.Form):
    fixed_on = forms.DateField(label=_("整改完成日期"))


class TakeoverFilter(BootstrapFilterMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="search")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=TakeoverStatus.choices)
    division = DivisionPrefixFilter(field_name="project__division", label=_("所在区划"))
    unfiled = django_filters.BooleanFilter(label=_("未备案"), method="filter_unfiled")

    class Meta:
        model = Takeover
        fields = ["q", "status", "division", "unfiled"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(project__name__icontains=value) | Q(enterprise__name__icontains=value) | Q(filing_number=value)
        )

    def filter_unfiled(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(filed_on__isnull=value)


class ProblemFilter(BootstrapFilterMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="search")
    fixer = django_filters.ChoiceFilter(
        label=_("整改责任方"), choices=TakeoverProblem._meta.get_field("fixer").choices
    )
    overdue = django_filters.BooleanFilter(label=_("逾期未整改"), method="filter_overdue")

    class Meta:
        model = TakeoverProblem
        fields = ["q", "fixer", "overdue"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(description__icontains=value) if value else queryset

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = Q(fixed_on__isnull=True, due_on__lt=timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)
