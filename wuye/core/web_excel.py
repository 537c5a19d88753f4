"""The pages of Excel import and export, for any spec of ``wuye.core.spreadsheets``.

They decide no access themselves: an import page stands on the same access mixin as the page that
adds one record of the kind (``ParentImportMixin`` for a register under a parent, the safety
``RecordingMixin`` for records), and an export reads a queryset that went through ``visible_to``.

- ``ExcelImportMixin`` (with a FormView): upload; on problems a table of row / column / reason and
  nothing written; on success how many rows were written, and the way back.
- ``ExcelTemplateMixin`` (with a View): the blank template of the spec.
- ``ExcelExportMixin``: ``?export=xlsx`` on a FilterSet list page exports the filtered list whole.
- ``ExcelQuerysetExportMixin`` (with a View): an export of a queryset the view gives, filtered by an
  optional FilterSet on the query string (a project's rounds between two dates).
"""

from abc import ABC, abstractmethod

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.core.spreadsheets import (
    MAX_BYTES,
    ImportContext,
    ImportRejected,
    export_file,
    run_import,
    template_bytes,
)
from wuye.core.web import may_add
from wuye.core.web_forms import BootstrapFormMixin

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(content, filename: str):
    """A workbook download (``content``: bytes or an open file), never cached."""
    if isinstance(content, bytes):
        response = HttpResponse(content, content_type=XLSX)
        response["Content-Disposition"] = content_disposition_header(True, filename)
    else:
        response = FileResponse(content, as_attachment=True, filename=filename, content_type=XLSX)
    response["Cache-Control"] = "no-store"
    return response


def dated_filename(title) -> str:
    return f"{title}-{timezone.localdate():%Y%m%d}.xlsx"


class ImportUploadForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Excel 文件（.xlsx）"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx," + XLSX}),
        help_text=gettext_lazy("请用本页的模板填写后上传。"),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("文件太大：最大 %(mb)s MB。") % {"mb": MAX_BYTES // (1024 * 1024)})
        return upload


class ParentImportMixin(LoginRequiredMixin):
    """Import into a register under a parent (a project's power rooms): 404 where the parent is unseen,
    403 where the user may not add such a record there — the rule of the one-record create page."""

    parent_model = None
    parent_field = "project"
    # Whose write rule decides (default: the spec's model); rows that are parts of another record (bill
    # lines) are added where that record may be.
    access_model = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.parent = get_object_or_404(self.parent_model.objects.visible_to(request.user), pk=kwargs["pk"])
        if not may_add(
            request.user, self.access_model or self.import_spec.model, **{self.parent_field: self.parent}
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def import_context(self) -> ImportContext:
        return ImportContext(user=self.request.user, **{self.parent_field: self.parent})

    def get_back_url(self) -> str:
        return self.parent.get_absolute_url()


class ExcelTemplateMixin:
    """GET: the blank template of the view's ``import_spec`` (set with its access) for its context."""

    def get(self, request, *args, **kwargs):
        spec = self.import_spec()
        title = _("%(title)s导入模板") % {"title": spec.title}
        return xlsx_response(template_bytes(spec, self.import_context()), f"{title}.xlsx")


class ExcelImportMixin:
    """The import page of ``import_spec``; the view supplies ``import_context()`` and ``get_back_url()``.

    ``template_url_name`` is the URL name of the template download, reversed with the page's pk.
    ``import_spec`` is set beside the access rule (a spec class), not here, so mixins combine in any order.
    """

    form_class = ImportUploadForm
    template_name = "spreadsheets/import_page.html"
    template_url_name = ""

    def get_spec(self):
        if not hasattr(self, "_spec"):
            self._spec = self.import_spec()
        return self._spec

    def form_valid(self, form):
        spec = self.get_spec()
        try:
            saved = run_import(spec, form.cleaned_data["file"], self.import_context())
        except ImportRejected as rejected:
            return self.render_to_response(self.get_context_data(form=form, problems=rejected.problems))
        messages.success(
            self.request,
            _("导入成功：已写入 %(count)s 行（%(title)s）。") % {"count": len(saved), "title": spec.title},
        )
        return redirect(self.request.path)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        spec = self.get_spec()
        context.update(
            spec=spec,
            title=_("从 Excel 导入：%(title)s") % {"title": spec.title},
            columns=spec.columns,
            template_url=reverse(self.template_url_name, args=[self.kwargs["pk"]]),
            back_url=self.get_back_url(),
            back_label=str(getattr(self, "parent", None) or getattr(self, "subject", "")),
        )
        return context


# Bookkeeping of evidence records (their place in the hash chain): not what a reader of the list exports.
CHAIN_FIELDS = {"chain", "chain_seq", "prev_hash", "hash", "attachment_sha256", "corrects"}


def model_columns(model, exclude=()) -> list[tuple]:
    """(header, value) columns of every concrete field of ``model`` in its order, choices by their labels,
    files by their names; the id, evidence bookkeeping and ``exclude`` left out."""
    columns = []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in CHAIN_FIELDS or field.name in exclude:
            continue
        if field.choices:
            value = (lambda name: lambda obj: getattr(obj, f"get_{name}_display")())(field.name)
        elif field.get_internal_type() == "FileField":
            value = (lambda name: lambda obj: getattr(obj, name).name.rsplit("/", 1)[-1])(field.name)
        else:
            value = field.name
        columns.append((field.verbose_name, value))
    return columns


def foreign_key_columns(model, exclude=()) -> list[str]:
    """The foreign keys among ``model_columns(model, exclude)``, for ``select_related``."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.many_to_one
        and not field.primary_key
        and field.name not in CHAIN_FIELDS
        and field.name not in exclude
    ]


class ExcelExportMixin:
    """``?export=xlsx`` on a FilterSet list page: the whole filtered, sorted list as a workbook.

    ``excel_columns``: spreadsheet ``Column``s or (header, attribute path or function) pairs; by
    default the list's ``csv_columns``.
    """

    excel_columns = None
    excel_title = ""

    def get_excel_columns(self):
        return self.excel_columns if self.excel_columns is not None else self.csv_columns

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") != "xlsx":
            return super().get(request, *args, **kwargs)
        queryset = self.get_excel_queryset(self.get_filterset(self.get_filterset_class()).qs)
        title = self.excel_title or self.model._meta.verbose_name_plural
        return xlsx_response(
            export_file(queryset, self.get_excel_columns(), title=title), dated_filename(title)
        )

    def get_excel_queryset(self, queryset):
        return queryset


class ModelExcelExportMixin(ExcelExportMixin):
    """``ExcelExportMixin`` whose columns are every field of the list's model (``model_columns``), but
    ``excel_exclude`` (the parent the page is about)."""

    excel_exclude: tuple[str, ...] = ()

    def get_excel_columns(self):
        return model_columns(self.model, exclude=self.excel_exclude)

    def get_excel_queryset(self, queryset):
        # The foreign-key columns are shown by the related record's name: joined, not one query per row.
        return queryset.select_related(*foreign_key_columns(self.model, exclude=self.excel_exclude))


class ExcelQuerysetExportMixin(ABC):
    """GET: ``export_queryset()`` as a workbook, narrowed by ``export_filterset`` on the query string."""

    excel_columns = ()
    excel_title = ""
    export_filterset = None

    @abstractmethod
    def export_queryset(self):
        """The rows to export, already within the user's scope (each export view says which)."""

    def export_title(self) -> str:
        return str(self.excel_title)

    def get(self, request, *args, **kwargs):
        queryset = self.export_queryset()
        if self.export_filterset is not None:
            filterset = self.export_filterset(request.GET, queryset=queryset, request=request)
            if not filterset.is_valid():
                reasons = "; ".join(f"{k}: {' '.join(v)}" for k, v in filterset.errors.items())
                return HttpResponseBadRequest(_("筛选条件有误：%(reasons)s") % {"reasons": reasons})
            queryset = filterset.qs
        title = self.export_title()
        return xlsx_response(export_file(queryset, self.excel_columns, title=title), dated_filename(title))
