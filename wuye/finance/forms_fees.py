"""Forms of the fee pages: a fee standard, a period's bills, a payment. Validation is the models'."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from wuye.core.web_forms import BootstrapFormMixin
from wuye.finance.choices_fees import FeeItem, PropertyKind
from wuye.finance.models import FeeNotice, FeeStandard, FinancialRules, Payment, TaxCertificate

# The items other than the property service fee may carry an approved rate of their own.
RATED_ITEMS = [(code, label) for code, label in FeeItem.choices if code != FeeItem.PROPERTY_SERVICE]


def item_rate_field(code: str) -> str:
    return f"rate_{code}"


class FeeStandardForm(BootstrapFormMixin, forms.ModelForm):
    """A standard and the approved rates of its other items (one optional field per item)."""

    fee_items = forms.MultipleChoiceField(
        label=_("允许收费项目"), choices=FeeItem.choices, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in RATED_ITEMS:
            self.fields[item_rate_field(code)] = forms.DecimalField(
                label=_("%(item)s单价（元/㎡·月）") % {"item": label},
                required=False,
                min_value=Decimal("0.0001"),
                max_digits=8,
                decimal_places=4,
                help_text=_("该项目按面积计收时填写；须在允许收费项目之内"),
                # Added after the mixin styled the model's fields: styled here alike.
                widget=forms.NumberInput(attrs={"class": "form-control", "step": "0.0001"}),
            )

    def clean(self):
        cleaned = super().clean()
        permitted = set(cleaned.get("fee_items") or [])
        for code, label in RATED_ITEMS:
            name = item_rate_field(code)
            if cleaned.get(name) is not None and code not in permitted:
                self.add_error(name, _("“%(item)s”不在允许收费项目之内，不能填写单价。") % {"item": label})
        return cleaned

    def item_rates(self) -> dict:
        """{item: rate} of the rates filled in."""
        return {
            code: self.cleaned_data[item_rate_field(code)]
            for code, _label in RATED_ITEMS
            if self.cleaned_data.get(item_rate_field(code)) is not None
        }

    class Meta:
        model = FeeStandard
        fields = [
            "property_kind",
            "rate",
            "regime",
            "base_rate",
            "allowed_range",
            "fee_items",
            "approval_number",
            "approval_document",
            "effective_from",
            "published_on",
        ]


class GenerateBillsForm(BootstrapFormMixin, forms.Form):
    period_start = forms.DateField(label=_("计费起始月（填该月1日）"))
    months = forms.IntegerField(label=_("月数"), min_value=1, max_value=12, initial=1)
    property_kind = forms.ChoiceField(label=_("物业类型"), choices=PropertyKind.choices)


class PaymentForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Payment
        fields = ["amount", "method", "receipt_number", "occurred_at"]
        widgets = {"occurred_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}
        labels = {"occurred_at": _("缴费时间")}

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount <= 0:
            raise forms.ValidationError(_("缴费金额必须大于0。"))
        return amount


class BillFilterForm(BootstrapFormMixin, forms.Form):
    month = forms.CharField(label=_("月份"), required=False, widget=forms.TextInput(attrs={"type": "month"}))
    household = forms.CharField(label=_("房号"), required=False)
    unpaid = forms.BooleanField(label=_("只看欠费"), required=False)


class FinancialRulesForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = FinancialRules
        fields = ["title", "occurred_at", "attachment"]
        widgets = {"occurred_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}
        labels = {"occurred_at": _("发布时间"), "attachment": _("制度文件")}


class TaxCertificateForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = TaxCertificate
        fields = ["tax_year", "occurred_at", "attachment"]
        widgets = {"occurred_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}
        labels = {"occurred_at": _("开具时间"), "attachment": _("完税证明文件")}


class FeeNoticeForm(BootstrapFormMixin, forms.ModelForm):
    """A new version of the posted fee notice; items, rates and regime come from the standards in force."""

    class Meta:
        model = FeeNotice
        fields = [
            "published_on",
            "company_name",
            "payer",
            "service_content",
            "service_standard",
            "billing_method",
            "billing_start_date",
            "fee_basis",
            "price_complaint_hotline",
        ]
        widgets = {
            "published_on": forms.DateInput(attrs={"type": "date"}),
            "billing_start_date": forms.DateInput(attrs={"type": "date"}),
            "service_content": forms.Textarea(attrs={"rows": 3}),
            "service_standard": forms.Textarea(attrs={"rows": 2}),
        }
