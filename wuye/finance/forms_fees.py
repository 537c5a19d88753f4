"""Forms of the fee pages: a fee standard, a period's bills, a payment. Validation is the models'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wuye.core.web_forms import BootstrapFormMixin
from wuye.finance.choices_fees import FeeItem, PropertyKind
from wuye.finance.models import FeeNotice, FeeStandard, FinancialRules, Payment, TaxCertificate


class FeeStandardForm(BootstrapFormMixin, forms.ModelForm):
    fee_items = forms.MultipleChoiceField(
        label=_("允许收费项目"), choices=FeeItem.choices, widget=forms.CheckboxSelectMultiple
    )

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

    def clean_price_complaint_hotline(self):
        hotline = self.cleaned_data["price_complaint_hotline"].strip()
        if not hotline.isdigit():
            raise forms.ValidationError(_("价格举报电话只能填数字，如12358。"))
        return hotline
