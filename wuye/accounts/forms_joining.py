"""Forms of owners joining: a code with a new account, a join request, the committee's decision."""

from django import forms
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from wuye.core.validators import MOBILE
from wuye.core.web_forms import BootstrapFormMixin
from wuye.estates.models import Household, Project


def clean_mobile(value: str) -> str:
    phone = "".join(value.split()).removeprefix("+86")
    if not MOBILE.match(phone):
        raise forms.ValidationError(_("请填写11位手机号。"))
    return phone


class AccountFields(forms.Form):
    """Name, phone, username and password of a new owner account (the password twice)."""

    name = forms.CharField(label=_("姓名"), max_length=50)
    phone = forms.CharField(
        label=_("手机号"), max_length=20, widget=forms.TextInput(attrs={"inputmode": "tel"})
    )
    email = forms.EmailField(
        label=_("电子邮箱"), required=False, help_text=_("选填；忘记密码时，重设密码的邮件发到这里")
    )
    username = forms.RegexField(
        label=_("用户名"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": _("用户名只能包含字母、数字和 @ . + - _。")},
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password1 = forms.CharField(
        label=_("密码"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("再次输入密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_phone(self):
        return clean_mobile(self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("两次输入的密码不一致。"))
        return cleaned


class CodeField(forms.Form):
    code = forms.CharField(
        label=_("邀请码"),
        max_length=20,
        help_text=_("物业或业主委员会发放的纸条上的12位邀请码，如 ABCD-EFGH-JKMN"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class JoinForm(BootstrapFormMixin, CodeField, AccountFields):
    """The public join page: a code and the new account."""

    field_order = ["code", "name", "phone", "email", "username", "password1", "password2"]


class AddHouseholdForm(BootstrapFormMixin, CodeField):
    """A signed-in owner adds one more household with its code."""


class HouseholdChoice(forms.Form):
    household = forms.ModelChoiceField(label=_("房屋"), queryset=Household.objects.none())

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = Household.objects.filter(project=project).select_related(
            "building"
        )
        self.fields["household"].label_from_instance = str


class JoinRequestForm(BootstrapFormMixin, HouseholdChoice, AccountFields):
    """The public join request: the household from the project's register and the new account."""

    field_order = ["household", "name", "phone", "email", "username", "password1", "password2"]


class SignedInJoinRequestForm(BootstrapFormMixin, HouseholdChoice):
    """A signed-in user asks for one more household."""

    name = forms.CharField(label=_("姓名"), max_length=50)
    phone = forms.CharField(label=_("手机号"), max_length=20)

    def clean_phone(self):
        return clean_mobile(self.cleaned_data["phone"])


class DecisionForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("说明"), max_length=200, required=False)


class ResetForm(BootstrapFormMixin, PasswordResetForm):
    pass


class NewPasswordForm(BootstrapFormMixin, SetPasswordForm):
    pass
