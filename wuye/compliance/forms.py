"""Forms of the compliance pages: an appeal, an exemption request, a regulator's decision, the queue filter.

They only collect input; ``actions`` decides. An action's field errors land on the field of the same
name, and errors about what the form does not show (the finding, the check) above the form.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.web_forms import BootstrapFilterMixin, BootstrapFormMixin


def add_action_errors(form, error: ValidationError) -> None:
    """An action's ValidationError on the form: per field where the form has it, else form-wide."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, ValidationError(errors))


class AppealForm(BootstrapFormMixin, forms.Form):
    statement = forms.CharField(
        label=_("申诉理由"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,  # the action says what is missing, in one place
        help_text=_("说明为何该问题不成立，并写明可核实的依据（如纸质台账、照片、第三方记录）。"),
    )


class ExemptionRequestForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("豁免理由"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("如：本项目无电梯；配电室由供电公司直接管理。"),
    )
    valid_from = forms.DateField(
        label=_("生效日期"), required=False, help_text=_("留空则自今天起生效（须经监管部门批准）。")
    )
    expires_on = forms.DateField(label=_("到期日"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expires_on"].widget.attrs["min"] = timezone.localdate().isoformat()


class DecisionForm(BootstrapFormMixin, forms.Form):
    """The regulator's decision: one of ``choices`` (uphold / reject, approve / reject, revoke) and why."""

    outcome = forms.ChoiceField(label=_("决定"), widget=forms.RadioSelect)
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = choices
        self.fields["outcome"].error_messages["required"] = _("请选择决定。")
        self.fields["outcome"].error_messages["invalid_choice"] = _("请选择决定。")
        self.fields["outcome"].widget.attrs["class"] = "form-check-input"


KIND_CHOICES = [("", _("全部")), ("appeal", _("申诉")), ("exemption", _("豁免申请"))]
STATE_CHOICES = [("pending", _("待处理")), ("decided", _("已处理")), ("all", _("全部"))]
YES_NO = [("", _("全部")), ("true", _("是"))]


class ReviewQueueForm(forms.Form):
    q = forms.CharField(label=_("项目或企业"), required=False)
    kind = forms.ChoiceField(label=_("类型"), choices=KIND_CHOICES, required=False)
    state = forms.ChoiceField(label=_("状态"), choices=STATE_CHOICES, required=False)
    overdue = forms.ChoiceField(label=_("逾期未裁决"), choices=YES_NO, required=False)

    def value(self, name: str, default: str = "") -> str:
        if not self.is_valid():
            return default
        return self.cleaned_data.get(name) or default


class ReviewQueueFilter(BootstrapFilterMixin):
    """The filter bar's view of the queue form (``includes/filter_bar.html`` reads ``filter.form``)."""

    def __init__(self, data):
        self.form = ReviewQueueForm(data)
        super().__init__()
