"""Files attached to safety records (a report, a photo): of an accepted kind and not too large.

The pages and the API apply the same rule; ``settings.MAX_SCAN_SIZE`` is the limit of every upload.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

REPORT_EXTENSIONS = ["pdf", "jpg", "jpeg", "png"]
PHOTO_EXTENSIONS = ["jpg", "jpeg", "png", "heic"]


def validate_upload(upload, extensions=REPORT_EXTENSIONS):
    """Refuse a file of another kind or larger than the limit (a stored file is left as it is)."""
    if not upload or getattr(upload, "_committed", False) or not hasattr(upload, "size"):
        return upload
    FileExtensionValidator(
        extensions,
        _("文件须为 %(kinds)s 格式。") % {"kinds": pgettext("list separator", "、").join(extensions).upper()},
    )(upload)
    if upload.size > settings.MAX_SCAN_SIZE:
        raise ValidationError(_("文件不得超过 %(mb)d MB。") % {"mb": settings.MAX_SCAN_SIZE // (1024 * 1024)})
    return upload
