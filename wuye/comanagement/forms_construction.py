"""Forms of the construction pages (5.1): a new case, a move of a case, the register's filter. A
household of another project is refused in place (the choices are the project's households)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wuye.comanagement.choices_construction import CaseStatus, Outcome
from wuye.comanagement.models import ConstructionCase
from wuye.core.web_forms import BootstrapFilterMixin, BootstrapFormMixin
from wuye.estates.models import Household

OTHER_PROJECT = _("该房屋不属于本项目，不能登记。")
MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def households_of(project_id):
    return (
        Household.objects.filter(project_id=project_id)
        .select_related("building")
        .order_by("building__name", "unit", "number")
    )


class ConstructionCaseForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = ConstructionCase
        fields = ["household", "what", "found_at"]
        widgets = {"found_at": MOMENT}
        error_messages = {"household": {"invalid_choice": OTHER_PROJECT}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = households_of(self.instance.project_id)


class CaseMoveForm(BootstrapFormMixin, forms.Form):
    new = forms.ChoiceField(label=_("办理环节"), choices=[])
    at = forms.DateTimeField(label=_("时间"), widget=MOMENT)
    warning_file = forms.FileField(label=_("书面警告（告知书）"), required=False)
    authority = forms.CharField(label=_("报告的部门"), max_length=100, required=False)
    answer = forms.CharField(
        label=_("主管部门答复"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    outcome = forms.ChoiceField(label=_("处理结果"), choices=Outcome.choices, required=False)

    def __init__(self, *args, case, **kwargs):
        from wuye.comanagement.choices_construction import TRANSITIONS

        super().__init__(*args, **kwargs)
        allowed = TRANSITIONS.get(case.status, set())
        self.fields["new"].choices = [(s.value, s.label) for s in CaseStatus if s in allowed]

    def changes(self) -> dict:
        data = self.cleaned_data
        fields = {name: data[name] for name in ("authority", "answer", "outcome") if data.get(name)}
        if data.get("warning_file"):
            fields["warning_file"] = data["warning_file"]
        return fields


class ConstructionCaseFilter(BootstrapFilterMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="search")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=CaseStatus.choices)
    outcome = django_filters.ChoiceFilter(label=_("处理结果"), choices=Outcome.choices[1:])

    class Meta:
        model = ConstructionCase
        fields = ["q", "status", "outcome"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(what__icontains=value) | Q(household__number__icontains=value) | Q(authority__icontains=value)
        )
