"""A ticket's photo: a JPEG, PNG or WebP image of at most 5 MB, judged by its content, not its name."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def validate_photo(upload) -> None:
    """Refuse a file that is not a JPEG / PNG / WebP image (whatever its name says) or is over 5 MB.

    A file stored already (the demo's) was checked when it came.
    """
    if not upload or getattr(upload, "_committed", False):
        return
    if upload.size > PHOTO_MAX_BYTES:
        raise ValidationError(_("照片不得超过 %(mb)d MB。") % {"mb": PHOTO_MAX_BYTES // (1024 * 1024)})
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(_("照片须为 JPG、PNG 或 WebP 格式的图片。")) from None
    finally:
        upload.seek(0)
    if image_format not in PHOTO_FORMATS:
        raise ValidationError(_("照片须为 JPG、PNG 或 WebP 格式的图片。"))
