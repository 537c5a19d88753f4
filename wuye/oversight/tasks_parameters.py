"""A changed parameter is followed by a full re-evaluation, so findings and scores of its division follow."""

from huey.contrib.djhuey import db_task

from wuye.compliance.tasks import run_evaluation


# The evaluation lock keeps it from overlapping an hourly or nightly run; retried while that holds it.
@db_task(retries=6, retry_delay=300)
def full_reevaluation() -> int:
    return run_evaluation(full=True)
