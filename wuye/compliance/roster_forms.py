"""The form of a shift, shared by every roster (entrances 4.1, service centres 3.3): who, from, to, and
how many following days to repeat it on."""

from django import forms
from django.utils.translation import gettext_lazy

from wuye.compliance.rosters import MAX_REPEAT_DAYS
from wuye.core.web_forms import BootstrapFormMixin

MINUTE_FORMAT = "%Y-%m-%dT%H:%M"


class RosterShiftForm(BootstrapFormMixin, forms.Form):
    """A shift of a roster, repeated on following days if asked; ``person_field`` names who is on duty.

    The shift's own rules (end after start, at most 24 h, not in the past) are the model's and the action's.
    """

    person_field = None  # "guard", "attendant": the shift model's field, asked first

    starts_at = forms.DateTimeField(
        label=gettext_lazy("开始时间"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=MINUTE_FORMAT),
    )
    ends_at = forms.DateTimeField(
        label=gettext_lazy("结束时间"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=MINUTE_FORMAT),
    )
    repeat_days = forms.IntegerField(
        label=gettext_lazy("之后每天重复（天）"),
        min_value=0,
        max_value=MAX_REPEAT_DAYS,
        initial=0,
        help_text=gettext_lazy("0 表示只排这一班；如填 6，则连续排 7 天同一时段"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Added here, not declared, so that each roster names it; the mixin has styled the others by now.
        person = forms.CharField(
            label=gettext_lazy("值班人"),
            max_length=50,
            widget=forms.TextInput(attrs={"class": "form-control"}),
        )
        self.fields = {self.person_field: person, **self.fields}
