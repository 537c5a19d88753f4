"""The scheduled evaluations: hourly incremental and nightly full, in Beijing time, never two at once."""

import datetime

import pytest
from huey.contrib.djhuey import HUEY
from huey.signals import SIGNAL_ERROR

from wuye.compliance import tasks
from wuye.compliance.models import EvaluationRun
from wuye.compliance.tasks import evaluation_lock, hourly_evaluation, nightly_evaluation

pytestmark = pytest.mark.django_db
NAMES = {"hourly_evaluation", "nightly_evaluation"}


@pytest.fixture(autouse=True)
def task_errors():
    """The exceptions tasks raised (huey logs and swallows them); huey's memory left clean afterwards."""
    assert HUEY.immediate  # tasks run inline, on an in-memory queue, schedule and lock store
    errors = []

    def record(signal, task, exc=None):
        errors.append(exc)

    HUEY.signal(SIGNAL_ERROR)(record)
    yield errors
    HUEY.disconnect_signal(record, SIGNAL_ERROR)
    evaluation_lock.clear()
    HUEY.flush()


def due(timestamp: datetime.datetime) -> set[str]:
    return {task.name for task in HUEY.read_periodic(timestamp)} & NAMES


def test_the_schedule_is_beijing_time_on_hueys_utc_clock(monkeypatch):
    monkeypatch.setattr(HUEY, "utc", True)  # huey's default: the timestamps below are naive UTC
    assert due(datetime.datetime(2026, 3, 1, 18, 30)) == {"nightly_evaluation"}  # 02:30 in Beijing
    assert due(datetime.datetime(2026, 3, 1, 2, 30)) == set()  # 10:30 in Beijing
    assert due(datetime.datetime(2026, 3, 1, 19, 0)) == {"hourly_evaluation"}
    assert due(datetime.datetime(2026, 3, 1, 19, 1)) == set()


def test_the_schedule_is_beijing_time_on_a_local_clock_too(monkeypatch):
    monkeypatch.setattr(HUEY, "utc", False)  # timestamps in the process's zone, which Django set to TIME_ZONE
    assert due(datetime.datetime(2026, 3, 2, 2, 30)) == {"nightly_evaluation"}
    assert due(datetime.datetime(2026, 3, 1, 18, 30)) == set()


def test_the_predicate_is_hueys_crontab_in_beijing_time():
    nightly = tasks.beijing_crontab(minute="30", hour="2")
    assert nightly(datetime.datetime(2026, 2, 28, 18, 30)) is True  # 3月1日 02:30
    assert nightly(datetime.datetime(2026, 3, 1, 2, 30)) is False


def test_the_nightly_run_is_full_and_the_hourly_one_incremental(world, task_errors):
    nightly_evaluation()
    hourly_evaluation()

    assert task_errors == []

    hourly, nightly = EvaluationRun.objects.order_by("-started_at", "-pk")
    assert (nightly.full, nightly.finished_at is not None) == (True, True)
    assert (hourly.full, hourly.projects, hourly.finished_at is not None) == (False, 0, True)
    assert not HUEY.is_locked("compliance-evaluation")


def test_a_run_is_skipped_while_another_holds_the_lock(world, task_errors):
    with evaluation_lock:
        hourly_evaluation()
        nightly_evaluation()
        assert not EvaluationRun.objects.exists()
    # The nightly run waits for its retry; the hourly one is simply skipped until the next hour.
    assert [task.name for task in HUEY.scheduled()] == ["nightly_evaluation"]
    hourly_evaluation()
    assert (EvaluationRun.objects.count(), task_errors) == (1, [])


def test_the_lock_is_released_when_an_evaluation_fails(world, monkeypatch, task_errors):
    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(tasks, "evaluate", broken)
    hourly_evaluation()
    assert [str(error) for error in task_errors] == ["database went away"]
    assert not HUEY.is_locked("compliance-evaluation")
