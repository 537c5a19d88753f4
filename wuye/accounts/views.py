"""Sign-in, sign-out, password change and the home page: one section for each role the user holds."""

from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wuye.accounts.home import home_sections


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("用户名"),
        max_length=150,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "username", "class": "form-control"}
        ),
    )
    password = forms.CharField(
        label=_("密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "class": "form-control"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
        self.error_messages = {
            **self.error_messages,
            "invalid_login": gettext(
                "用户名或密码不正确。连续输错 %(limit)d 次，账号将被锁定 %(minutes)d 分钟。"
            )
            % {"limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes},
            "inactive": gettext("该账号已停用，请联系管理员。"),
        }


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("password_change_done")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        for field in form.fields.values():
            field.widget.attrs["class"] = "form-control"
        if form.is_bound:
            for name in form.errors:
                if name in form.fields:
                    form.fields[name].widget.attrs["class"] = "form-control is-invalid"
        return form


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "registration/password_change_done.html"


def home(request):
    """Anonymous visitors go to the login page; a user sees what each of his roles needs first."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    sections = home_sections(request.user)
    if not sections:
        return render(request, "accounts/no_role.html")
    return render(request, "accounts/home.html", {"sections": sections, "today": timezone.localdate()})
