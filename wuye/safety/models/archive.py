"""Clause 3.5: the electronic archive of a project, one uploaded document at a time, by category.

Each document is evidence: the server keeps who uploaded it (``recorded_by``), when (``recorded_at``)
and the file's SHA-256, in the project's chain. ``occurred_at`` is when it was filed in the archive;
``document_date`` the date the document itself bears (a completion drawing of 2012). A document filed
under the wrong category is corrected by a new one that ``corrects`` it.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.uploads import DOCUMENT_EXTENSIONS, check_file
from wuye.estates.models import Project
from wuye.estates.records import ProjectRecord
from wuye.safety.choices_plans import ArchiveCategory

ARCHIVE_EXTENSIONS = [*DOCUMENT_EXTENSIONS, "xls", "xlsx", "dwg", "zip"]


class ArchiveDocument(ProjectRecord):
    """A document of a project's electronic archive (电子档案): its category, title and file."""

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="archive_documents"
    )
    category = models.CharField(_("档案类别"), max_length=40, choices=ArchiveCategory.choices)
    title = models.CharField(_("文件名称"), max_length=150)
    document_date = models.DateField(
        _("文件日期"), null=True, blank=True, help_text=_("文件上载明的日期，选填")
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta(ProjectRecord.Meta):
        verbose_name = _("档案文件")
        verbose_name_plural = _("档案文件")
        ordering = ["category", "-occurred_at", "-pk"]
        indexes = [
            models.Index(fields=["project", "category", "occurred_at"], name="archive_project_category")
        ]

    def __str__(self):
        return f"{self.project.name} · {self.title}"

    def validate_claim(self):
        if self.document_date and self.document_date > timezone.localtime(self.recorded_at).date():
            from django.core.exceptions import ValidationError

            raise ValidationError({"document_date": _("文件日期不能晚于今天。")})
        check_file(self, required=True, extensions=ARCHIVE_EXTENSIONS)
