"""The audit view's job: verify the evidence chains of the projects asked for, one after another (the
page shows how many are done)."""

from huey.contrib.djhuey import db_task

from wuye.oversight.models import ChainVerification


@db_task()
def verify_projects(pending: list[int]) -> int:
    from wuye.oversight.actions_audit import run_verification

    done = 0
    for verification in ChainVerification.objects.filter(pk__in=pending, ok__isnull=True).iterator():
        run_verification(verification)
        done += 1
    return done
