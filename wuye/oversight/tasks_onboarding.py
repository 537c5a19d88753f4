"""The onboarding import as a huey job: a book of thousands of estates takes minutes, not a request."""

from huey.contrib.djhuey import db_task

from wuye.oversight.actions_onboarding import run_onboarding


@db_task()
def import_onboarding_batch(batch_id: int) -> str:
    return run_onboarding(batch_id)
