"""`manage.py bench --suite oversight`: the regulator's pages on a region of 1,000 projects with a year of
score snapshots, findings and dashboard statistics, served by gunicorn and timed with 10 concurrent clients
(threads + http.client, signed in by session cookie) against the project's own ``/healthz``.

The load is set-based: registry rows and findings by bulk_create, a year of daily snapshots by one
``INSERT … SELECT`` over ``generate_series``; today's snapshots and statistics come from the engine's own
``compute_scores`` (and so the ``scores_computed`` signal), past months' statistics from
``compute_division_stats`` over the loaded snapshots.
"""

import datetime
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.conf import settings
from django.db import connection
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from wuye.accounts.models import User

FINDINGS_PER_PROJECT = 30
ENTERPRISES = 100
CLIENTS = 10
TARGETS = {"median_ms": 300, "p95_ms": 800}
CHECKS = [
    "4.8.round_gap",
    "4.1.patrol_gap",
    "3.3.ticket_completed",
    "1.2.inquiry_answered",
    "4.6.water_test",
    "1.5.bill_matches_standard",
]


@dataclass(frozen=True)
class OversightConfig:
    projects: int
    days: int = 365

    def as_dict(self) -> dict:
        return asdict(self)


def execute(query, params=None):
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchall() if cursor.description else None


META_TABLE = "CREATE TABLE IF NOT EXISTS bench_meta (config jsonb NOT NULL, stats jsonb NOT NULL)"


def loaded() -> dict | None:
    execute(META_TABLE)
    rows = execute("SELECT config, stats FROM bench_meta")
    if not rows:
        return None
    config, stats = (json.loads(value) if isinstance(value, str) else value for value in rows[0])
    return {"config": config, "stats": stats}


def as_of_now() -> datetime.datetime:
    return timezone.now().replace(microsecond=0)


def known_checks() -> list[str]:
    from wuye.compliance.catalogue import load_catalogue

    ids = {check.id for clause in load_catalogue().clauses for check in clause.checks}
    return [check_id for check_id in CHECKS if check_id in ids] or sorted(ids)[:6]


def load(config: OversightConfig, log) -> dict:
    from wuye.accounts.choices import Role
    from wuye.accounts.models import Membership
    from wuye.estates.models import Project, ServicePeriod
    from wuye.regions.models import Division
    from wuye.testing.factories import EnterpriseFactory

    started = time.monotonic()
    rng = random.Random(9)
    regulator = User(username="bench-regulator", full_name="基准监管")
    regulator.set_unusable_password()
    regulator.save()
    Membership.objects.create(
        user=regulator, role=Role.REGULATOR, division=Division.objects.get(code="150000")
    )
    counties = list(Division.objects.filter(level="county").order_by("code").values_list("code", flat=True))
    enterprises = [
        EnterpriseFactory(name=f"基准物业{i:03d}有限公司") for i in range(min(ENTERPRISES, config.projects))
    ]
    projects = Project.objects.bulk_create(
        Project(
            name=f"基准小区{i:04d}",
            address=f"基准路{i}号",
            division_id=counties[i % len(counties)],
            floor_area=Decimal("50000.00"),
            household_count=400,
        )
        for i in range(config.projects)
    )
    as_of = as_of_now()
    began = timezone.localdate(as_of) - datetime.timedelta(days=config.days + 30)
    ServicePeriod.objects.bulk_create(
        ServicePeriod(project=project, enterprise=enterprises[i % len(enterprises)], start=began)
        for i, project in enumerate(projects)
    )
    findings = load_findings(projects, enterprises, as_of, config, rng)
    load_snapshots(as_of, config)
    from wuye.compliance.scores import compute_scores
    from wuye.oversight.stats_dashboard import compute_division_stats

    compute_scores(as_of)  # today's snapshots and statistics, as the engine makes them
    for day in month_ends(timezone.localdate(as_of), config.days):
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59, 59)))
        compute_division_stats(moment, day)
    stats = {
        "projects": config.projects,
        "findings": findings,
        "snapshots": execute("SELECT count(*) FROM compliance_scoresnapshot")[0][0],
        "division_stats": execute("SELECT count(*) FROM oversight_divisionstat")[0][0],
        "as_of": as_of.isoformat(),
        "load_seconds": round(time.monotonic() - started, 1),
    }
    execute("ANALYZE")
    execute(META_TABLE)
    execute("INSERT INTO bench_meta VALUES (%s, %s)", [json.dumps(config.as_dict()), json.dumps(stats)])
    log(f"loaded {stats}")
    return stats


def month_ends(today: datetime.date, days: int) -> list[datetime.date]:
    """The last day of each month that ended within ``days`` before ``today``."""
    ends, first = [], today.replace(day=1)
    while (today - first).days < days:
        first -= datetime.timedelta(days=1)
        ends.append(first)
        first = first.replace(day=1)
    return ends


def load_findings(projects, enterprises, as_of, config, rng) -> int:
    """About FINDINGS_PER_PROJECT findings a project over the year, a third still open."""
    from wuye.compliance.catalogue import check as catalogue_check
    from wuye.compliance.models import Finding, FindingState

    checks = [catalogue_check(check_id) for check_id in known_checks()]
    rows = []
    for i, project in enumerate(projects):
        for n in range(rng.randint(0, 2 * FINDINGS_PER_PROJECT)):
            spec = rng.choice(checks)
            start = as_of - datetime.timedelta(hours=rng.randint(1, 24 * config.days))
            is_open = rng.random() < 0.3
            end = None if is_open else min(start + datetime.timedelta(hours=rng.randint(1, 200)), as_of)
            rows.append(
                Finding(
                    key=f"bench|{spec.id}|{project.pk}|{n}",
                    check_id=spec.id,
                    clause_id=spec.clause_id,
                    subject=f"project:{project.pk}",
                    subject_name=project.name,
                    project_id=project.pk,
                    enterprise_id=enterprises[i % len(enterprises)].pk,
                    division_id=project.division_id,
                    party=spec.party,
                    severity=spec.severity,
                    points=spec.points,
                    veto=spec.veto,
                    state=FindingState.OPEN if is_open else FindingState.CLOSED,
                    message="基准问题",
                    period_start=start,
                    period_end=end,
                    first_found_at=start,
                    closed_at=end,
                )
            )
    Finding.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


SNAPSHOTS_SQL = """
INSERT INTO compliance_scoresnapshot (subject, project_id, enterprise_id, "on", score, grade, points,
                                      open_findings, computed_at)
SELECT %(prefix)s || s.id, %(project)s, %(enterprise)s, d.day, x.score,
       CASE WHEN x.score >= 90 THEN 'A' WHEN x.score >= 75 THEN 'B' WHEN x.score >= 60 THEN 'C' ELSE 'D' END,
       100 - x.score, 0, now()
FROM {table} s
CROSS JOIN generate_series(%(first)s::date, %(last)s::date, interval '1 day') AS d(day)
CROSS JOIN LATERAL (SELECT (55 + (s.id * 7 + extract(doy FROM d.day)::int / 30) %% 46)::numeric AS score) x
"""


def load_snapshots(as_of, config) -> None:
    """A daily snapshot of every project and enterprise for the year before today (today: compute_scores)."""
    last = timezone.localdate(as_of) - datetime.timedelta(days=1)
    first = last - datetime.timedelta(days=config.days - 1)
    for table, prefix, project, enterprise in (
        ("estates_project", "project:", "s.id", "NULL::bigint"),
        ("enterprises_enterprise", "enterprise:", "NULL::bigint", "s.id"),
    ):
        query = (
            SNAPSHOTS_SQL.format(table=table)
            .replace("%(project)s", project)
            .replace("%(enterprise)s", enterprise)
        )
        execute(query, {"prefix": prefix, "first": first, "last": last})


# -- measuring ------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def session_cookie() -> str:
    """A signed-in regulator's session (stored in the database the server reads)."""
    from django.test import Client

    client = Client()
    client.force_login(User.objects.get(username="bench-regulator"))
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def pages() -> dict[str, str]:
    """The pages timed: the dashboard, a ranking page (the credit part's, else the enterprise list), a
    project scorecard, and the trivial /healthz they are compared with."""
    from wuye.estates.models import Project

    try:
        ranking = reverse("oversight-ranking")
    except NoReverseMatch:
        ranking = reverse("enterprise-list")
    project = Project.objects.order_by("pk").values_list("pk", flat=True).first()
    return {
        "dashboard": reverse("oversight-dashboard"),
        "ranking": ranking,
        "scorecard": reverse("project-scorecard", args=[project]),
        "healthz": reverse("healthz"),
    }


def timed_get(port: int, path: str, cookie: str) -> tuple[float, int]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    started = time.perf_counter()
    conn.request("GET", path, headers={"Cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}"})
    response = conn.getresponse()
    response.read()
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed * 1000, response.status


def under_load(port: int, path: str, cookie: str, per_client: int) -> dict:
    """CLIENTS threads, each ``per_client`` requests one after another: median and p95 in ms. Fails unless
    every answer is 200 (a login redirect or an error page would otherwise be timed as a fast page)."""
    times, statuses, lock = [], set(), threading.Lock()

    def client():
        for _ in range(per_client):
            try:
                ms, status = timed_get(port, path, cookie)
            except OSError:  # refused, reset or timed out: a failure too, not a lost thread
                ms, status = 0.0, 0
            with lock:
                times.append(ms)
                statuses.add(status)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if statuses != {200}:
        raise RuntimeError(f"{path} answered {sorted(statuses)}, not only 200")
    times.sort()
    return {
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
        "requests": len(times),
        "statuses": sorted(statuses),
    }


def start_server(port: int, workers: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "wuye.wsgi", "--workers", str(workers)]
    command += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"]
    env = {**os.environ, "DEBUG": "false", "WUYE_ENV": os.environ.get("WUYE_ENV", "development")}
    server = subprocess.Popen(command, env=env, cwd=settings.BASE_DIR)  # noqa: S603 (our own app)
    for _ in range(200):
        try:
            if timed_get(port, "/healthz", "")[1] == 200:
                return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise RuntimeError("gunicorn did not answer /healthz")


def measure(config: OversightConfig, stats: dict, runs: int, log, *, per_client: int = 20) -> dict:
    # gunicorn's workers: 4 by default (two per core here); BENCH_WORKERS tries others.
    workers = int(os.environ.get("BENCH_WORKERS") or 4)
    cookie = session_cookie()
    port = free_port()
    server = start_server(port, workers)
    try:
        results = {}
        for name, path in pages().items():
            for _ in range(3):  # warm-up: every worker imports, connects and fills its caches
                under_load(port, path, cookie, 1)
            results[name] = under_load(port, path, cookie, per_client * max(runs, 1))
            log(f"{name} {path}: {results[name]}")
    finally:
        server.terminate()
        server.wait(timeout=30)
    health = results["healthz"]["median_ms"] or 0.1
    for result in results.values():
        result["ratio_to_healthz"] = round(result["median_ms"] / health, 1)
    return {"projects": config.projects, "workers": workers, "clients": CLIENTS, **stats, "pages": results}


def oversight_table(results: list[dict]) -> str:
    lines = [
        "Wuye bench: the regulator's pages (gunicorn, PostgreSQL), 10 concurrent clients signed in as the region "
        f"regulator; targets: median < {TARGETS['median_ms']} ms, p95 < {TARGETS['p95_ms']} ms",
        "",
        f"{'projects':>8} {'page':<10} {'median ms':>10} {'p95 ms':>8} {'× healthz':>10} {'requests':>9} statuses",
    ]
    for result in results:
        for name, page in result["pages"].items():
            lines.append(
                f"{result['projects']:>8} {name:<10} {page['median_ms']:>10} {page['p95_ms']:>8} "
                f"{page['ratio_to_healthz']:>10} {page['requests']:>9} {page['statuses']}"
            )
        lines.append(
            f"{'':>8} loaded: {result['findings']} findings, {result['snapshots']} snapshots, "
            f"{result['division_stats']} division statistics, {result.get('load_seconds')} s; "
            f"{result['workers']} workers"
        )
    return "\n".join(lines)
