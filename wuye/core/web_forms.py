"""Form helpers of the web pages: Bootstrap widgets, field errors in place, scanned-document uploads."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import FileExtensionValidator
from django.forms.utils import ErrorDict
from django.utils.translation import gettext as _


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class BootstrapFormMixin:
    """Bootstrap classes on every widget, ``is-invalid`` on fields with errors, date pickers for dates.

    Errors the save raises for fields the form does not show (a model rule on a hidden field) become
    form-wide errors instead of a crash.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField) and not isinstance(field.widget, forms.HiddenInput):
                attrs = field.widget.attrs
                field.widget = DateInput(attrs)
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self):
        super().full_clean()
        self.mark_invalid()

    def mark_invalid(self):
        for name in self._errors if isinstance(self._errors, ErrorDict) else ():
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                if "is-invalid" not in attrs.get("class", ""):
                    attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()

    def add_error(self, field, error):
        if field is None and isinstance(error, DjangoValidationError) and hasattr(error, "error_dict"):
            unknown = {name: msgs for name, msgs in error.error_dict.items() if name not in self.fields}
            for name, messages in unknown.items():
                label = self._label_of(name)
                for message in DjangoValidationError(messages).messages:
                    super().add_error(
                        None,
                        _("%(label)s：%(message)s") % {"label": label, "message": message}
                        if label
                        else message,
                    )
            known = {name: msgs for name, msgs in error.error_dict.items() if name in self.fields}
            if not known:
                self.mark_invalid()
                return
            error = DjangoValidationError(known)
        super().add_error(field, error)
        self.mark_invalid()

    def _label_of(self, name):
        if name == forms.forms.NON_FIELD_ERRORS:
            return ""
        model = getattr(getattr(self, "_meta", None), "model", None)
        try:
            return str(model._meta.get_field(name).verbose_name) if model else name
        except Exception:
            return name


SCAN_EXTENSIONS = ["pdf", "jpg", "jpeg", "png"]


class ScanUploadMixin:
    """A scanned document (licence, certificate, contract): PDF or image, at most settings.MAX_SCAN_SIZE."""

    def clean_scan(self):
        scan = self.cleaned_data.get("scan")
        if not scan or not hasattr(scan, "size") or getattr(scan, "_committed", False):
            return scan  # unchanged (the stored file) or cleared
        FileExtensionValidator(SCAN_EXTENSIONS, _("扫描件须为 PDF、JPG 或 PNG 文件。"))(scan)
        limit = settings.MAX_SCAN_SIZE
        if scan.size > limit:
            raise DjangoValidationError(
                _("扫描件不得超过 %(mb)d MB。"), code="size", params={"mb": limit // (1024 * 1024)}
            )
        return scan


class BootstrapFilterMixin:
    """Filter bars: small Bootstrap widgets, the search box first."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            widget = field.widget
            css = (
                "form-select form-select-sm"
                if isinstance(widget, forms.Select)
                else "form-control form-control-sm"
            )
            widget.attrs["class"] = css
