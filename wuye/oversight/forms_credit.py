"""The regulator's form to build a draft publication of a period for a division of his."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.compliance.actions_publication import last_ended_period
from wuye.core.scoping import scope_of
from wuye.core.web_forms import BootstrapFormMixin
from wuye.regions.forms import division_choices_with_region
from wuye.regions.models import Division


def governed_choices(user) -> list:
    """The division choices of the whole region, narrowed to the user's divisions and below."""
    narrowed = []
    for group, options in division_choices_with_region():
        if isinstance(options, list):
            kept = [(code, name) for code, name in options if scope_of(user).governs(code)]
            if kept:
                narrowed.append((group, kept))
        elif scope_of(user).governs(group):
            narrowed.append((group, options))
    return narrowed


class PublicationDraftForm(BootstrapFormMixin, forms.Form):
    division = forms.ChoiceField(label=gettext_lazy("行政区划"))
    month = forms.CharField(
        label=gettext_lazy("期间（月份）"),
        help_text=gettext_lazy("所在期间须已结束；按月发布时即为该月。"),
        widget=forms.TextInput(attrs={"type": "month"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["division"].choices = governed_choices(user)
        self.fields["month"].initial = f"{last_ended_period(timezone.localdate()).start:%Y-%m}"

    def clean_month(self):
        try:
            return datetime.datetime.strptime(self.cleaned_data["month"], "%Y-%m").date()
        except ValueError:
            raise forms.ValidationError(_("请按“年-月”填写，如 2026-10。")) from None

    def clean_division(self):
        return Division.objects.get(pk=self.cleaned_data["division"])
