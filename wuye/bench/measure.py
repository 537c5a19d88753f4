"""The measurements on a loaded region: the floor, a full and an incremental evaluation, peak memory.

The evaluations are the engine's own (``evaluate``), limited to the two rolling duties; the incremental
one is what the hourly task runs: it finds what changed since the last run by itself.
"""

import datetime
import hashlib
import resource
import statistics
import time

from django.db import connection

from wuye.bench.database import TABLES, add_hour, execute, forget, on_table, reset
from wuye.bench.synthetic import Config
from wuye.compliance.engine import evaluate
from wuye.compliance.models import Finding, FindingState
from wuye.compliance.scores import compute_scores

CHECKS = {"4.8.round_gap", "4.1.patrol_gap"}


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def floor() -> float:
    """One serial scan of every record table: the least a full evaluation could read."""
    execute("SET max_parallel_workers_per_gather = 0")
    try:
        return timed(
            lambda: [
                execute(on_table("SELECT count(*), max(occurred_at) FROM {table}", table)) for table in TABLES
            ]
        )
    finally:
        execute("RESET max_parallel_workers_per_gather")


def findings_digest() -> tuple[int, str]:
    """(count, digest) of the findings in force: equal digests, equal findings."""
    rows = (
        Finding.objects.exclude(state=FindingState.WITHDRAWN)
        .order_by("key")
        .values_list("key", "state", "period_start", "period_end", "evidence", "closed_at")
    )
    digest, count = hashlib.sha256(), 0
    for row in rows.iterator(chunk_size=5000):
        digest.update(repr(row).encode())
        count += 1
    return count, digest.hexdigest()[:16]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def measure(config: Config, stats: dict, runs: int, log) -> dict:
    """Floor, full and incremental, ``runs`` times each (medians), on the region as loaded."""
    reset(stats)
    as_of = config.end
    hour = datetime.timedelta(hours=1)
    floors = [floor() for _ in range(runs)]
    log(f"floor: {', '.join(f'{s:.2f}' for s in floors)} s")
    first_full = timed(lambda: evaluate(as_of, full=True, checks=CHECKS, scores=False))
    fulls = [timed(lambda: evaluate(as_of, full=True, checks=CHECKS, scores=False)) for _ in range(runs)]
    log(f"full: first {first_full:.2f} s, then {', '.join(f'{s:.2f}' for s in fulls)} s")
    full_findings = findings_digest()
    incrementals = []
    for k in range(1, runs + 1):
        add_hour(config, k)
        run = None

        def incremental(k=k):
            nonlocal run
            run = evaluate(as_of + k * hour, checks=CHECKS, scores=False)

        incrementals.append(timed(incremental))
        if run.full:
            raise AssertionError("the incremental evaluation ran in full")
    log(f"incremental: {', '.join(f'{s:.3f}' for s in incrementals)} s")
    # Scores are the same work after either run (every project's snapshot): timed on their own.
    scores = timed(lambda: compute_scores(as_of + runs * hour))
    # The proof that the incremental runs lost nothing: a fresh full run finds the same.
    after = findings_digest()
    forget(Finding)
    evaluate(as_of + runs * hour, full=True, checks=CHECKS, scores=False)
    fresh = findings_digest()
    reset(stats)
    return {
        "floor": statistics.median(floors),
        "full_first": first_full,
        "full": statistics.median(fulls),
        "incremental": statistics.median(incrementals),
        "runs": {"floor": floors, "full": fulls, "incremental": incrementals},
        "scores": scores,
        "findings": full_findings[0],
        "incremental_equals_full": after == fresh,
        "peak_rss_mb": peak_rss_mb(),
        "postgresql": connection.cursor().connection.info.server_version,
    }
