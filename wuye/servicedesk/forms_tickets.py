"""Forms of the ticket pages: filing (owner and reception), the pipeline's moves, follow-ups, appointments,
outcomes and the committee's notes. They validate input only; the rules are the actions' (actions_tickets).
"""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.accounts.choices import Role
from wuye.accounts.models import User
from wuye.compliance.parameters import param
from wuye.core.validators import validate_phone
from wuye.core.web_forms import BootstrapFormMixin
from wuye.estates.models import Household
from wuye.servicedesk.choices_tickets import HOUSEHOLD_KINDS, Rating, TicketChannel, TicketKind
from wuye.servicedesk.models import Ticket
from wuye.servicedesk.photos import validate_photo

# The 6.R parameter's names of the fields reception must fill in, and the form fields they stand for.
REQUIRED_FORM_FIELDS = {
    "household": ("household",),
    "contact": ("contact_name", "contact_phone"),
    "description": ("description",),
    "received_at": ("received_at",),
}
LOCAL_INPUT = "%Y-%m-%dT%H:%M"
REQUIRED_MESSAGES = {
    "channel": gettext_lazy("请选择受理渠道。"),
    "received_at": gettext_lazy("请填写业主提出的时间。"),
    "kind": gettext_lazy("请选择类型。"),
    "contact_name": gettext_lazy("请填写联系人姓名。"),
    "contact_phone": gettext_lazy("请填写联系电话。"),
    "description": gettext_lazy("请填写内容。"),
}


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=LOCAL_INPUT)


class TicketFormMixin(BootstrapFormMixin):
    """Kind, urgency (repairs) and category (complaints), photo and description."""

    def clean(self):
        # What a kind requires is the model's rule (Ticket.clean, run by the ModelForm); a choice the
        # kind does not use (left from switching kinds on the phone) is dropped rather than refused.
        data = super().clean()
        kind = data.get("kind")
        if kind != TicketKind.REPAIR:
            data["urgency"] = ""
        if kind != TicketKind.COMPLAINT:
            data["complaint_category"] = ""
        return data

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo:
            validate_photo(photo)
        return photo

    def clean_description(self):
        description = (self.cleaned_data.get("description") or "").strip()
        if not description:
            raise forms.ValidationError(_("请填写内容。"))
        return description


TICKET_FIELDS = [
    "kind",
    "urgency",
    "complaint_category",
    "description",
    "photo",
    "contact_name",
    "contact_phone",
]


class OwnerTicketForm(TicketFormMixin, forms.ModelForm):
    """An owner files a ticket for one of his households, from his phone."""

    class Meta:
        model = Ticket
        fields = ["household", *TICKET_FIELDS]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "photo": forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
            "contact_phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        }

    def __init__(self, *args, households, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = households
        self.fields["household"].required = True
        self.fields["household"].empty_label = None
        self.fields["photo"].help_text = gettext_lazy("可拍照上传：JPG、PNG 或 WebP，不超过 5 MB。")
        self.fields["urgency"].help_text = gettext_lazy("报修必选；漏水、停电等影响安全或生活的选“紧急”。")
        self.fields["complaint_category"].help_text = gettext_lazy("投诉必选。")


class ReceptionTicketForm(TicketFormMixin, forms.ModelForm):
    """Reception logs a ticket taken by phone, at the counter or by letter (6.R: a complete record)."""

    channel = forms.ChoiceField(
        label=gettext_lazy("受理渠道"),
        choices=[(value, label) for value, label in TicketChannel.choices if value != TicketChannel.WEB],
    )
    received_at = forms.DateTimeField(
        label=gettext_lazy("业主提出的时间"),
        widget=DateTimeLocalInput(),
        input_formats=[LOCAL_INPUT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
    )

    class Meta:
        model = Ticket
        fields = ["channel", "received_at", "household", *TICKET_FIELDS]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.fields["household"].queryset = (
            Household.objects.filter(building__project=project)
            .select_related("building")
            .order_by("building__name", "unit", "number")
        )
        self.fields["household"].help_text = gettext_lazy("报修、求助须填写房号。")
        for name, message in REQUIRED_MESSAGES.items():
            self.fields[name].error_messages["required"] = message
        required = param(
            "6.R.ticket_fields_complete", "required_fields", project.division_id, timezone.localdate()
        )
        self.required_fields = set(required)
        for name in required:
            for field in REQUIRED_FORM_FIELDS.get(name, ()):
                if field != "household":  # only repairs and help concern a dwelling (checked in clean)
                    self.fields[field].required = True

    def clean(self):
        data = super().clean()
        dwelling = data.get("kind") in HOUSEHOLD_KINDS
        if "household" in self.required_fields and dwelling and not data.get("household"):
            self.add_error("household", _("报修、求助须填写房号。"))
        received = data.get("received_at")
        if received and received > timezone.now() + datetime.timedelta(minutes=5):
            self.add_error("received_at", _("受理时间不能晚于当前时间。"))
        return data

    def clean_contact_phone(self):
        phone = (self.cleaned_data.get("contact_phone") or "").strip()
        if phone:
            validate_phone(phone)
        return phone


# -- the pipeline's moves and what goes with them ------------------------------------------------------


class MoveForm(BootstrapFormMixin, forms.Form):
    """A move of the pipeline chosen by its button; the handler only when assigning."""

    status = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(label=gettext_lazy("说明"), required=False, max_length=2000)
    handler = forms.ModelChoiceField(
        label=gettext_lazy("处理人"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = project_staff_users(project)
        self.fields["handler"].empty_label = gettext_lazy("请选择处理人")


def project_staff_users(project):
    """The users who are staff of the project (whom a ticket may be assigned to)."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__role=Role.STAFF,
            memberships__project=project,
            memberships__active=True,
        )
        .distinct()
        .order_by("full_name", "username")
    )


class RatingForm(BootstrapFormMixin, forms.Form):
    """The owner's rating of his completed ticket (a dissatisfied one reopens it)."""

    rating = forms.ChoiceField(label=gettext_lazy("评价"), choices=Rating.choices, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=gettext_lazy("意见"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rating"].widget.attrs["class"] = "form-check-input"
        self.fields["rating"].error_messages["required"] = _("请选择满意、基本满意或不满意。")


class PhoneFollowUpForm(RatingForm):
    """A staff member's phone follow-up of a completed repair or complaint."""

    rating = forms.ChoiceField(label=gettext_lazy("业主评价"), choices=Rating.choices)


class AppointmentForm(BootstrapFormMixin, forms.Form):
    window_start = forms.DateTimeField(
        label=gettext_lazy("约定开始时间"), widget=DateTimeLocalInput(), input_formats=[LOCAL_INPUT]
    )
    window_end = forms.DateTimeField(
        label=gettext_lazy("约定结束时间"), widget=DateTimeLocalInput(), input_formats=[LOCAL_INPUT]
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("window_start"), data.get("window_end")
        if start and end and end <= start:
            self.add_error("window_end", _("约定结束时间须晚于开始时间。"))
        return data


class OutcomeForm(BootstrapFormMixin, forms.Form):
    substantiated = forms.TypedChoiceField(
        label=gettext_lazy("核实结论"),
        choices=[("true", gettext_lazy("属实")), ("false", gettext_lazy("不属实"))],
        coerce=lambda value: value == "true",
    )
    note = forms.CharField(
        label=gettext_lazy("核实情况"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].error_messages["required"] = _("请写明核实情况。")


class NoteForm(BootstrapFormMixin, forms.Form):
    """A committee's comment or escalation."""

    note = forms.CharField(
        label=gettext_lazy("内容"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].error_messages["required"] = _("请填写内容。")
