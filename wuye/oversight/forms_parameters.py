"""The parameters page's forms: the catalogue filter, a new override, a cancellation."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.compliance.catalogue import load_catalogue
from wuye.compliance.catalogue_schema import KINDS
from wuye.compliance.models import ParameterOverride
from wuye.compliance.parameters import parameter_spec, value_from_text
from wuye.core.scoping import division_q, scope_of
from wuye.core.web_forms import BootstrapFormMixin
from wuye.regions.models import Division


def governed_divisions(user):
    """The regulator's divisions and those below them (every division for an operator)."""
    scope = scope_of(user)
    divisions = Division.objects.order_by("code")
    return divisions if scope.everything else divisions.filter(division_q("code", scope))


def check_choices():
    return [
        (check.id, f"{check.id} {check.description.zh}")
        for clause in load_catalogue().clauses
        for check in clause.checks
    ]


class CatalogueFilterForm(BootstrapFormMixin, forms.Form):
    q = forms.CharField(label=gettext_lazy("检查项编号或名称"), required=False)
    clause = forms.ChoiceField(label=gettext_lazy("条款"), required=False)
    kind = forms.ChoiceField(
        label=gettext_lazy("类别"),
        required=False,
        choices=[("", gettext_lazy("全部"))] + [(k, k) for k in KINDS],
    )
    division = forms.ModelChoiceField(
        label=gettext_lazy("区划"), queryset=Division.objects.none(), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["division"].queryset = governed_divisions(user)
        self.fields["clause"].choices = [("", _("全部"))] + [
            (clause.id, f"{clause.id} {clause.name.zh}") for clause in load_catalogue().clauses
        ]


class OverrideForm(BootstrapFormMixin, forms.ModelForm):
    """Check, parameter (or points), division, value typed in the parameter's unit, date, reason."""

    check_id = forms.ChoiceField(label=gettext_lazy("检查项"))
    name = forms.CharField(label=gettext_lazy("参数"), help_text=gettext_lazy("参数名，或 points（扣分）"))
    value = forms.CharField(label=gettext_lazy("取值"), help_text=gettext_lazy("按该参数的单位填写"))

    class Meta:
        model = ParameterOverride
        fields = ["check_id", "name", "division", "value", "valid_from", "reason"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["check_id"].choices = check_choices()
        self.fields["division"].queryset = governed_divisions(user)
        self.fields["reason"].required = True

    def clean(self):
        data = super().clean()
        check_id, name = data.get("check_id"), data.get("name")
        if not check_id or not name:
            return data
        try:
            spec = parameter_spec(check_id, name)
        except KeyError:
            self.add_error("name", _("该检查项没有这个参数。"))
            return data
        if "value" in data:
            try:
                data["value"] = value_from_text(self.data.get("value", ""), spec.unit)
            except ValueError as error:
                self.add_error("value", str(error))
        return data


class CancelForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=gettext_lazy("撤销理由"), widget=forms.Textarea(attrs={"rows": 2}))
