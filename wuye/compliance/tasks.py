"""Scheduled evaluations: every hour the projects with new records, every night at 02:30 all of them.

Both take one lock, so two evaluations never run at once (an hourly run that finds the lock taken is
skipped, the next hour catches up; the nightly one retries). The schedules are Beijing time: huey
hands periodic tasks a naive UTC timestamp by default, which ``beijing_crontab`` reads in
Asia/Shanghai before matching.
"""

import datetime
import logging

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, lock_task

from wuye.compliance.engine import evaluate

logger = logging.getLogger(__name__)

# Made at import, so the consumer knows it and clears it on start (a worker killed mid-run left it).
evaluation_lock = lock_task("compliance-evaluation")


def beijing_crontab(**fields):
    """huey's ``crontab`` matched against Beijing time, whichever clock huey keeps.

    huey gives the predicate a naive timestamp: UTC when ``utc=True`` (its default), otherwise the
    process's local time (which Django sets to TIME_ZONE).
    """
    matches = crontab(**fields)

    def validate(timestamp: datetime.datetime) -> bool:
        aware = timestamp.replace(tzinfo=datetime.UTC) if HUEY.utc else timestamp.astimezone()
        return matches(timezone.localtime(aware, timezone.get_default_timezone()))

    return validate


def run_evaluation(*, full: bool) -> int:
    with evaluation_lock:
        run = evaluate(full=full, log=logger.info)
    logger.info(
        "evaluation %s as of %s: %s projects, opened %s, closed %s, withdrawn %s",
        "full" if run.full else "incremental",
        run.as_of.isoformat(),
        run.projects,
        run.opened,
        run.closed,
        run.withdrawn,
    )
    return run.pk


@db_periodic_task(beijing_crontab(minute="0"))
def hourly_evaluation():
    """The projects whose evidence grew since the last run, and every open gap."""
    return run_evaluation(full=False)


# If an hourly run still holds the lock at 02:30, try again every 10 minutes for an hour.
@db_periodic_task(beijing_crontab(minute="30", hour="2"), retries=6, retry_delay=600)
def nightly_evaluation():
    """Every check over every project."""
    return run_evaluation(full=True)
