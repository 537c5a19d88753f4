"""Forms of the half-year statements: the header (period and balances), the lines as one amount field per
account grouped by level-1 account, the list's filter, and the Excel import."""

from decimal import Decimal

import django_filters
from django import forms
from django.utils.translation import gettext_lazy

from wuye.core.web_forms import BootstrapFilterMixin
from wuye.finance.choices_statements import Half, StatementStatus
from wuye.finance.models import Statement
from wuye.finance.tables_statements import account_groups
from wuye.finance.validation_statements import to_fen

MONEY = {"max_digits": 14, "decimal_places": 2}


class StatementForm(forms.ModelForm):
    class Meta:
        model = Statement
        fields = ["year", "half", "opening_balance", "closing_balance", "parking_to_shortfall", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The period of a statement is fixed once drafted: a correction is for the same half year.
            for name in ("year", "half"):
                self.fields[name].disabled = True
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
        self.fields["year"].min_value = 2000
        self.fields["parking_to_shortfall"].required = False  # blank: none applied (2.6)

    def clean_parking_to_shortfall(self):
        value = self.cleaned_data.get("parking_to_shortfall")
        return Decimal("0.00") if value is None else value


class LinesForm(forms.Form):
    """One amount per account (blank: no line), named ``a<account id>``; grouped for the page."""

    def __init__(self, *args, project_id: int, amounts=None, **kwargs):
        super().__init__(*args, **kwargs)
        amounts = amounts or {}
        self.groups = []
        for top, children in account_groups(project_id):
            top_name = self.add_amount(top, amounts)
            names = [self.add_amount(child, amounts) for child in children]
            self.groups.append(
                (top, self[top_name], [(child, self[n]) for child, n in zip(children, names, strict=True)])
            )

    def add_amount(self, account, amounts) -> str:
        name = f"a{account.pk}"
        self.fields[name] = forms.DecimalField(
            label=str(account),
            required=False,
            min_value=0,
            **MONEY,
            initial=amounts.get(account.pk),
            widget=forms.NumberInput(
                attrs={"class": "form-control form-control-sm text-end", "step": "0.01"}
            ),
        )
        return name

    def amounts(self) -> dict:
        """{account id: amount in yuan, to the fen} of the filled fields."""
        return {
            int(name[1:]): to_fen(value) for name, value in self.cleaned_data.items() if value is not None
        }


class StatementFilter(BootstrapFilterMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=gettext_lazy("搜索"), method="search")
    year = django_filters.NumberFilter(label=gettext_lazy("年度"))
    half = django_filters.ChoiceFilter(label=gettext_lazy("半年度"), choices=Half.choices)
    status = django_filters.ChoiceFilter(label=gettext_lazy("状态"), choices=StatementStatus.choices)

    class Meta:
        model = Statement
        fields = ["q", "year", "half", "status"]

    def search(self, queryset, name, value):
        value = value.strip()
        if value.isdigit():
            return queryset.filter(year=int(value))
        return queryset.filter(note__icontains=value) if value else queryset
