"""What the evidence of clauses 3.4, 3.5, 4.5 and the entrance signs of 4.1 shares: a project's own
record with (often) a file — a plan, a notice photo, a drawing — checked for type and size on the way in."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from wuye.core.evidence import CLOCK_SKEW, EvidenceRecord
from wuye.core.models import within
from wuye.estates.models import Project

DOCUMENT_EXTENSIONS = ["pdf", "doc", "docx", "jpg", "jpeg", "png"]
PHOTO_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "heic"]


class ProjectRecord(EvidenceRecord):
    """Abstract: evidence of a project itself. Subclasses declare ``project`` with their related_name."""

    chain_attr = "project_id"

    class Meta(EvidenceRecord.Meta):
        abstract = True

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("project", Project, scope, write=write)

    def division_code(self):
        return self.project.division_id


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


def not_after_receipt(record, *names: str) -> None:
    """Times a record claims besides ``occurred_at`` (an incident's end) cannot be later than its receipt."""
    for name in names:
        value = getattr(record, name)
        if value is not None and value > record.recorded_at + CLOCK_SKEW:
            raise ValidationError({name: _("不能晚于当前时间。")})
