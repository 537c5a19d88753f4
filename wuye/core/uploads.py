"""Files attached to records (a plan, a contract, a photo): of an accepted type and not too large.

``check_file`` is what a model's ``clean`` calls for a new upload; ``settings.MAX_SCAN_SIZE`` is the limit
of every upload. A file stored already (the demo's, a correction's) was checked when it came.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

DOCUMENT_EXTENSIONS = ["pdf", "doc", "docx", "jpg", "jpeg", "png"]


def check_file(record, *, required: bool, extensions: list[str], field: str = "attachment") -> None:
    """A new upload is of an accepted type and size; a required one is there."""
    upload = getattr(record, field)
    if not upload:
        if required:
            raise ValidationError({field: _("请上传文件。")})
        return
    if getattr(upload, "_committed", True):
        return  # a file stored already (the demo's, a correction's): checked when it came
    types = pgettext("list separator", "、").join(extension.upper() for extension in extensions)
    try:
        FileExtensionValidator(extensions, _("文件类型须为：%(types)s。") % {"types": types})(upload)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None
    if upload.size > settings.MAX_SCAN_SIZE:
        limit = settings.MAX_SCAN_SIZE // (1024 * 1024)
        raise ValidationError({field: _("文件不得超过 %(mb)d MB。") % {"mb": limit}})
