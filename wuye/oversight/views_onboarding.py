"""Pages of bulk onboarding, for regulators and administrators (403 for the rest): the upload page (the
template, the upload, the past uploads), the template download, and an upload's page that follows its
job by htmx polling and ends with the counts and links, or the table of problems."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from wuye.core.spreadsheets import ImportContext, ImportRejected, template_bytes
from wuye.core.web import wants_fragment
from wuye.core.web_excel import ImportUploadForm, xlsx_response
from wuye.oversight.actions_onboarding import problem_rows, submit_onboarding
from wuye.oversight.imports_onboarding import MAX_BOOK_BYTES, OnboardingImport, may_onboard
from wuye.oversight.models import OnboardingBatch


def regulator_only(view):
    @login_required
    def wrapped(request, *args, **kwargs):
        if not may_onboard(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


@regulator_only
def onboarding_import(request):
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    form.fields["file"].help_text = _("请用本页的模板填写；文件最大 %(mb)s MB。") % {
        "mb": MAX_BOOK_BYTES // 2**20
    }
    problems = []
    if request.method == "POST" and "file" in request.FILES:
        upload = request.FILES["file"]
        if upload.size > MAX_BOOK_BYTES:
            form.add_error("file", _("文件太大：最大 %(mb)s MB。") % {"mb": MAX_BOOK_BYTES // 2**20})
        else:
            try:
                batch = submit_onboarding(request.user, upload)
            except ImportRejected as rejected:
                problems = problem_rows(rejected.problems)
            else:
                return redirect(batch)
    elif request.method == "POST":
        form.is_valid()  # the field's own "required" error
    spec = OnboardingImport()
    return render(
        request,
        "oversight/onboarding_import.html",
        {
            "title": _("批量建档（Excel 导入）"),
            "form": form,
            "problems": problems,
            "sheets": spec.specs(),
            "rules": spec.rules()[1:],
            "batches": OnboardingBatch.objects.visible_to(request.user).select_related("uploaded_by")[:20],
        },
    )


@regulator_only
def onboarding_template(request):
    content = template_bytes(OnboardingImport(), ImportContext(user=request.user))
    return xlsx_response(content, _("批量建档导入模板.xlsx"))


@regulator_only
def onboarding_batch(request, pk):
    batch = get_object_or_404(OnboardingBatch.objects.visible_to(request.user), pk=pk)
    context = {
        "title": _("批量建档：%(file)s") % {"file": batch.filename},
        "batch": batch,
        "back_url": reverse("onboarding-import"),
    }
    if wants_fragment(request, "batch-status"):
        return render(request, "oversight/_onboarding_status.html", context)
    return render(request, "oversight/onboarding_batch.html", context)
