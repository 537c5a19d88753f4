"""Use cases of bulk onboarding: a regulator uploads the book (its layout checked at once), a job imports
it all or nothing with its progress on the batch, and the page shows what came of it."""

import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.core.spreadsheets import ImportContext, ImportRejected, run_import
from wuye.oversight.imports_onboarding import OnboardingImport, may_onboard
from wuye.oversight.models import OnboardingBatch, OnboardingStatus

log = logging.getLogger(__name__)


def problem_rows(problems) -> list[list]:
    """Problems as [sheet, row, column, reason], as a batch keeps them and the pages show them."""
    return [[p.sheet, p.row, p.column, p.reason] for p in problems]


def submit_onboarding(user, upload) -> OnboardingBatch:
    """Keep the upload and queue its import; ImportRejected at once when the book's sheets or headers
    are wrong (nothing kept), PermissionDenied for anyone but a regulator or an administrator."""
    if not may_onboard(user):
        raise PermissionDenied
    OnboardingImport().check_layout(upload)
    upload.seek(0)
    batch = OnboardingBatch(uploaded_by=user, filename=str(upload.name)[:200])
    batch.file.save(upload.name, upload, save=False)
    batch.save()
    from wuye.oversight.tasks_onboarding import import_onboarding_batch

    transaction.on_commit(lambda: import_onboarding_batch(batch.pk))
    return batch


def run_onboarding(batch_id: int) -> str:
    """Import the batch's book (once: the batch is claimed by a conditional update); its final status."""
    claimed = OnboardingBatch.objects.filter(pk=batch_id, status=OnboardingStatus.QUEUED).update(
        status=OnboardingStatus.CHECKING, progress=1
    )
    if not claimed:
        return ""
    batch = OnboardingBatch.objects.select_related("uploaded_by").get(pk=batch_id)
    spec = OnboardingImport()
    titles = spec.sheet_titles()

    def progress(done: float, title: str) -> None:
        if done >= 1:
            status, stage = OnboardingStatus.WRITING, _("全部检查通过，正在写入")
        else:
            status, stage = OnboardingStatus.CHECKING, _("检查：%(sheet)s") % {"sheet": title}
        OnboardingBatch.objects.filter(pk=batch_id).update(
            status=status, progress=max(1, round(done * 90)), stage=stage
        )

    context = ImportContext(user=batch.uploaded_by, extra={"progress": progress})
    outcome = {"finished_at": timezone.now(), "progress": 100, "stage": ""}
    try:
        with batch.file.open("rb") as upload:
            saved = run_import(spec, upload.read(), context)
    except ImportRejected as rejected:
        outcome.update(
            status=OnboardingStatus.REJECTED,
            problems=problem_rows(rejected.problems),
        )
    except PermissionDenied:
        outcome.update(status=OnboardingStatus.REJECTED, problems=[["", None, "", _("您无权写入这些记录。")]])
    except Exception:
        log.exception("onboarding batch %s failed", batch_id)
        outcome.update(
            status=OnboardingStatus.FAILED, problems=[["", None, "", _("导入出错，未写入任何数据。")]]
        )
    else:
        counts = {str(s.title): len(saved.get(type(s), [])) for s in spec.specs()}
        outcome.update(status=OnboardingStatus.DONE, counts={t: counts.get(t, 0) for t in titles})
    outcome["finished_at"] = timezone.now()
    # The book holds staff ID numbers and owners' names and phones: once its outcome is written only the
    # counts and problems stay; the file goes.
    OnboardingBatch.objects.filter(pk=batch_id).update(**outcome, file="")
    try:
        batch.file.storage.delete(batch.file.name)
    except OSError:
        log.exception("onboarding batch %s: the book could not be deleted", batch_id)
    return outcome["status"]
