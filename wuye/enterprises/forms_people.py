"""Forms of the people pages: a wage, a termination and its review, a policy, a training with attendance."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wuye.core.web_forms import BootstrapFormMixin
from wuye.enterprises.models import (
    Employment,
    PolicyDocument,
    Staff,
    Termination,
    TrainingSession,
    WagePayment,
)
from wuye.enterprises.models_people import ReviewOutcome


class EmploymentChoiceMixin:
    """The employment field offers the enterprise's employments only, named by the employee."""

    def limit_employments(self, enterprise, queryset=None):
        field = self.fields["employment"]
        field.queryset = (
            (queryset or Employment.objects.all())
            .filter(staff__enterprise=enterprise)
            .select_related("staff")
        )
        field.label_from_instance = lambda e: (
            gettext("%(name)s（%(id)s，%(start)s入职）")
            % {
                "name": e.staff.name,
                "id": e.staff.id_number_masked,
                "start": f"{e.start_date:%Y-%m-%d}",
            }
        )


class WagePaymentForm(EmploymentChoiceMixin, BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = WagePayment
        fields = ["employment", "month", "amount", "paid_on", "method"]

    def __init__(self, *args, enterprise, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_employments(enterprise)


class TerminationForm(EmploymentChoiceMixin, BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Termination
        fields = ["employment", "date", "reason", "note"]

    def __init__(self, *args, enterprise, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_employments(enterprise, Employment.objects.filter(termination__isnull=True))


class ReviewForm(BootstrapFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("复核结论"), choices=ReviewOutcome.choices)
    note = forms.CharField(label=_("复核意见"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class PolicyDocumentForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = PolicyDocument
        fields = ["category", "title", "occurred_at", "attachment"]
        widgets = {"occurred_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}
        labels = {"occurred_at": _("发布时间"), "attachment": _("制度文件")}


class TrainingSessionForm(BootstrapFormMixin, forms.ModelForm):
    staff = forms.ModelMultipleChoiceField(
        label=_("参训员工"),
        queryset=Staff.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = TrainingSession
        fields = ["held_on", "topic", "hours", "trainer"]

    def __init__(self, *args, enterprise, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = Staff.objects.filter(enterprise=enterprise).order_by("name")
        self.fields["staff"].widget.attrs["class"] = "form-check-input"
        if self.instance.pk:
            self.initial["staff"] = list(self.instance.attendees.values_list("pk", flat=True))
