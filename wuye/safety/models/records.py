"""What the evidence of clauses 3.4, 3.5, 4.5 and the entrance signs of 4.1 shares beyond a project's own
record (``wuye.estates.records``) and the file check (``wuye.core.uploads``): the photos they take and the
rule that a time they claim is not later than their receipt."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wuye.core.evidence import CLOCK_SKEW

PHOTO_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "heic"]


def not_after_receipt(record, *names: str) -> None:
    """Times a record claims besides ``occurred_at`` (an incident's end) cannot be later than its receipt."""
    for name in names:
        value = getattr(record, name)
        if value is not None and value > record.recorded_at + CLOCK_SKEW:
            raise ValidationError({name: _("不能晚于当前时间。")})
