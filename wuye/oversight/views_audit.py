"""The audit view (regulators only; others 403): who changed which registry record and when, the
evidence chain status of each project with a button to verify again, and back-filled record counts."""

from itertools import islice

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wuye.core.spreadsheets import export_file
from wuye.core.web_excel import dated_filename, xlsx_response
from wuye.core.web_forms import BootstrapFormMixin
from wuye.enterprises.models import Enterprise
from wuye.estates.models import Project
from wuye.oversight.actions_audit import may_audit, request_verification
from wuye.oversight.audit import (
    backfill_counts,
    describe,
    history_rows,
    latest_verifications,
    registry_models,
)

CHANGES_PER_PAGE = 50
HISTORY_TYPES = {"+": gettext_lazy("创建"), "~": gettext_lazy("修改"), "-": gettext_lazy("删除")}


class HistoryFilter(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("记录类别"), required=False)
    user = forms.CharField(label=gettext_lazy("操作人"), required=False)
    since = forms.DateField(label=gettext_lazy("起始日期"), required=False)
    until = forms.DateField(label=gettext_lazy("截止日期"), required=False)
    enterprise = forms.ModelChoiceField(
        label=gettext_lazy("企业"), queryset=Enterprise.objects.none(), required=False
    )
    project = forms.ModelChoiceField(
        label=gettext_lazy("项目"), queryset=Project.objects.none(), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("全部"))] + [
            (label, model._meta.verbose_name) for label, model in registry_models().items()
        ]
        self.fields["enterprise"].queryset = Enterprise.objects.visible_to(user).order_by("name")
        self.fields["project"].queryset = Project.objects.visible_to(user).order_by("name")


def auditors_only(request):
    if not may_audit(request.user):
        raise PermissionDenied


EXPORT_COLUMNS = [
    (gettext_lazy("时间"), lambda row: timezone.localtime(row["at"]).replace(tzinfo=None)),
    (gettext_lazy("操作人"), lambda row: str(row["user"] or "")),
    (gettext_lazy("记录类别"), lambda row: str(row["kind"])),
    (gettext_lazy("记录"), lambda row: str(row["object"] or "")),
    (gettext_lazy("操作"), lambda row: str(HISTORY_TYPES.get(row["type"], row["type"]))),
]


def batches(rows, size: int):
    """Lists of ``size`` rows from one iteration of ``rows`` (a queryset is read once, in chunks)."""
    found = rows.iterator(chunk_size=size) if hasattr(rows, "iterator") else iter(rows)
    while chunk := list(islice(found, size)):
        yield chunk


@login_required
def audit_changes(request):
    auditors_only(request)
    form = HistoryFilter(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = history_rows(request.user, filters)
    if request.GET.get("export") == "xlsx":
        title = _("登记记录变更")
        # One pass of the UNION (not one per 500 rows with a growing OFFSET), described 500 rows at a time.
        described = (row for chunk in batches(rows, 500) for row in describe(chunk))
        return xlsx_response(
            export_file(described, EXPORT_COLUMNS, title=title),
            dated_filename(title),
        )
    page = Paginator(rows, CHANGES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page_obj": page,
        "changes": describe(list(page.object_list)),
        "types": HISTORY_TYPES,
        "querystring": query.urlencode(),
    }
    return render(request, "oversight/audit_changes.html", context)


@login_required
def audit_evidence(request):
    auditors_only(request)
    verifications = latest_verifications(request.user)
    projects, enterprises = backfill_counts(request.user)
    pending = sum(1 for _project, v in verifications if v is not None and v.ok is None)
    context = {
        "verifications": verifications,
        "pending": pending,
        "projects": projects,
        "enterprises": enterprises,
    }
    return render(request, "oversight/audit_evidence.html", context)


@login_required
@require_POST
def audit_verify(request):
    auditors_only(request)
    projects = Project.objects.visible_to(request.user)
    if request.POST.get("project", "").isdigit():
        projects = projects.filter(pk=request.POST["project"])
    queued = request_verification(request.user, projects)
    messages.success(request, _("已排队校验 %(count)s 个项目的证据链。") % {"count": len(queued)})
    return redirect("oversight-audit-evidence")
