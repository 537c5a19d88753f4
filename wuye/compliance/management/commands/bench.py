"""`manage.py bench` (`make bench`): time the rolling duties and the money checks on a synthetic region
in PostgreSQL.

Suites (``--suite rounds``, the default, ``fees``, ``oversight`` or ``all``, as `make bench` runs; and
``onboarding``): the rolling duties (4.8, 4.1) on a year of rounds; the fee checks of 1.5 and 1.6 on a year of
bills, payments and statements (wuye/bench/fees.py, in databases of their own: BENCH_DATABASE_URL +
"_fees_<projects>"); the regulator's pages under load (wuye/bench/oversight.py); the Excel onboarding import
(wuye/bench/onboarding.py).
For each size (projects; default 250 and 1,000, or BENCH_PROJECTS=250,1000) a database of its own
(BENCH_DATABASE_URL + "_<projects>", default postgres://postgres@127.0.0.1:5432/wuye_bench_1000) is
loaded once and reused while the configuration is the same. Loading and measuring run in child
processes, so each size's peak memory is its own. Never the dev or test database: the name must
begin with "wuye_bench".
"""

import json
import os
import subprocess
import sys
import time
from urllib.parse import urlsplit, urlunsplit

import psycopg
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from psycopg import sql

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/wuye_bench"
STALE = 3  # a child's exit code: the database holds another configuration (or half a load)
TARGETS = {"full_floor": 3.0, "incremental_full": 0.02, "memory": 1.2}


class Command(BaseCommand):
    help = "Benchmark the rolling duties (4.8 power rounds, 4.1 patrols) on a synthetic region in PostgreSQL."

    def add_arguments(self, parser):
        parser.add_argument(
            "--projects",
            default=os.environ.get("BENCH_PROJECTS") or "250,1000",
            help="sizes, comma-separated (default 250,1000 or $BENCH_PROJECTS)",
        )
        parser.add_argument("--days", type=int, default=365, help="days of rounds up to as_of (default 365)")
        parser.add_argument(
            "--runs", type=int, default=3, help="runs of each measurement; the median is shown"
        )
        parser.add_argument(
            "--suite",
            choices=("rounds", "fees", "oversight", "all", "onboarding"),
            default="rounds",
            help="rounds (the rolling duties, default), fees (the money checks), oversight (the regulator's "
            "pages under load), all (those three), or onboarding (the Excel import of a generated onboarding "
            "book: wuye/bench/onboarding.py)",
        )
        parser.add_argument(
            "--households",
            default="",
            help="fees suite: households per project, one number or one per size (default 400)",
        )
        parser.add_argument("--json", action="store_true", help="print the results as JSON, not a table")
        parser.add_argument("--step", choices=("load", "measure"), help=argparse_suppress())

    def handle(self, *args, projects, days, runs, step=None, suite="rounds", households="", **options):
        sizes = [int(size) for size in str(projects).split(",") if size.strip()]
        per_size = [int(n) for n in str(households).split(",") if n.strip()] or [400]
        per_size += [per_size[-1]] * (len(sizes) - len(per_size))
        if suite == "onboarding":  # households: per building here (default 200)
            return self.onboarding(sizes, int(households or 200), step, options["json"])
        if step:
            if suite == "oversight":
                return self.oversight_child(step, sizes[0], runs)
            if suite == "fees":
                return self.fees_child(step, sizes[0], per_size[0], runs)
            return self.child(step, sizes[0], days, runs)
        output = {}
        if suite in ("rounds", "all"):
            output["rounds"] = [self.size(size, days, runs) for size in sizes]
        if suite in ("fees", "all"):
            output["fees"] = [
                self.fees_size(size, n, runs) for size, n in zip(sizes, per_size[: len(sizes)], strict=True)
            ]
        if suite in ("oversight", "all"):
            output["oversight"] = [self.oversight_size(size, runs) for size in sizes]
        if options["json"]:
            # One suite: its list, as before; both: {suite: list}.
            shown = output if len(output) > 1 else next(iter(output.values()))
            self.stdout.write(json.dumps(shown, indent=2))
            return
        parts = []
        if "rounds" in output:
            parts.append(table(output["rounds"], days, runs))
        if "fees" in output:
            from wuye.bench.fees import fees_table

            parts.append(fees_table(output["fees"], runs))
        if "oversight" in output:
            from wuye.bench.oversight import oversight_table

            parts.append(oversight_table(output["oversight"]))
        self.stdout.write("\n\n".join(parts))

    # -- the parent: one database per size, a child process per step ---------------------------------

    def size(self, projects: int, days: int, runs: int) -> dict:
        url = database_url(projects, days)
        started = time.monotonic()
        loaded = self.load_step(url, projects, days, runs)
        load_wall = time.monotonic() - started
        measured = self.step("measure", url, projects, days, runs)
        return {
            "projects": projects,
            "days": days,
            "load_wall_seconds": round(load_wall, 1),
            **loaded,
            **measured,
        }

    def fees_size(self, projects: int, households: int, runs: int) -> dict:
        url = database_url(projects, 365, suite="fees", households=households)
        extra = ["--suite", "fees", "--households", str(households)]
        started = time.monotonic()
        loaded = self.load_step(url, projects, 365, runs, extra)
        load_wall = time.monotonic() - started
        measured = self.step("measure", url, projects, 365, runs, extra)
        return {
            "projects": projects,
            "households": households,
            "load_wall_seconds": round(load_wall, 1),
            **loaded,
            **measured,
        }

    def oversight_size(self, projects: int, runs: int) -> dict:
        url = database_url(projects, 365, suite="oversight")
        extra = ["--suite", "oversight"]
        self.load_step(url, projects, 365, runs, extra)
        return self.step("measure", url, projects, 365, runs, extra)

    def load_step(self, url: str, projects: int, days: int, runs: int, extra=()) -> dict:
        """Load the size's database, or reuse it as loaded; loaded afresh when it holds another one."""
        ensure_database(url, drop=False)
        loaded = self.step("load", url, projects, days, runs, extra)
        if loaded is None:
            self.stderr.write(f"{url}: another configuration; loading it afresh")
            ensure_database(url, drop=True)
            loaded = self.step("load", url, projects, days, runs, extra)
        return loaded

    def step(self, step: str, url: str, projects: int, days: int, runs: int, extra=()) -> dict | None:
        command = [sys.executable, str(settings.BASE_DIR / "manage.py"), "bench", "--step", step]
        command += ["--projects", str(projects), "--days", str(days), "--runs", str(runs), *extra]
        env = {**os.environ, "DATABASE_URL": url, "DEBUG": "false"}
        done = subprocess.run(command, env=env, stdout=subprocess.PIPE, text=True, check=False)  # noqa: S603 (our own manage.py)
        if done.returncode == STALE:
            return None
        if done.returncode:
            raise CommandError(f"bench {step} for {projects} projects failed (exit {done.returncode})")
        return json.loads(done.stdout.strip().splitlines()[-1])

    def onboarding(self, sizes: list[int], households: int, step, as_json: bool) -> None:
        """Each size's book imported in a child process (its own peak memory), in a database of its own
        (BENCH_DATABASE_URL + "_onboarding"), rolled back after."""
        if step:
            from django.db import connection

            from wuye.bench.onboarding import measure

            if not connection.settings_dict["NAME"].startswith("wuye_bench"):
                raise CommandError("bench runs only in a database named wuye_bench…")
            call_command("migrate", verbosity=0)
            self.stdout.write(json.dumps(measure(sizes[0], households, self.stderr.write)))
            return
        url = database_url(0, 365, suite="onboarding")
        ensure_database(url, drop=False)
        extra = ["--suite", "onboarding", "--households", str(households)]
        results = [self.step("measure", url, size, 365, 1, extra) for size in sizes]
        if as_json:
            self.stdout.write(json.dumps(results, indent=2))
            return
        lines = [
            "Wuye bench: onboarding import (one book: enterprises, projects, buildings, households, owners, staff)"
        ]
        for r in results:
            lines.append(
                f"{r['projects']:>6} projects: {r['rows']:>8} rows ({r['book_mb']} MB) in {r['import_seconds']} s, "
                f"{r['rows_per_second']} rows/s, peak memory {r['peak_memory_mb']} MB"
            )
        self.stdout.write("\n".join(lines))

    # -- the children -------------------------------------------------------------------------------

    def child(self, step: str, projects: int, days: int, runs: int):
        from django.db import connection

        from wuye.bench.database import load, loaded
        from wuye.bench.measure import measure
        from wuye.bench.synthetic import Config

        if not connection.settings_dict["NAME"].startswith("wuye_bench") or connection.vendor != "postgresql":
            raise CommandError("bench runs only in a PostgreSQL database named wuye_bench…")
        config = Config(projects=projects, days=days)
        log = self.stderr.write
        if step == "load":
            call_command("migrate", verbosity=0)
            meta = loaded()
            if meta is None and not region_is_empty():
                sys.exit(STALE)  # half a load: start again
            if meta is not None and meta["config"] != config.as_dict():
                sys.exit(STALE)
            if meta is not None:
                log(f"{connection.settings_dict['NAME']}: loaded already, reused")
                result = {"reused": True, **meta["stats"]}
            else:
                result = {"reused": False, **load(config, log)}
        else:
            meta = loaded()
            result = measure(config, meta["stats"], runs, log)
        self.stdout.write(json.dumps(result, default=str))

    def fees_child(self, step: str, projects: int, households: int, runs: int):
        from wuye.bench import fees

        self.suite_child(fees, fees.FeeConfig(projects=projects, households=households), step, runs)

    def oversight_child(self, step: str, projects: int, runs: int):
        from wuye.bench import oversight

        self.suite_child(oversight, oversight.OversightConfig(projects=projects), step, runs)

    def suite_child(self, suite, config, step: str, runs: int):
        """A step of a suite module with ``loaded()``, ``load(config, log)`` and ``measure(config, stats,
        runs, log)``: load (reused when the database holds the same configuration) or measure."""
        from django.db import connection

        if not connection.settings_dict["NAME"].startswith("wuye_bench") or connection.vendor != "postgresql":
            raise CommandError("bench runs only in a PostgreSQL database named wuye_bench…")
        log = self.stderr.write
        if step == "load":
            call_command("migrate", verbosity=0)
            meta = suite.loaded()
            if (meta is None and not region_is_empty()) or (
                meta is not None and meta["config"] != config.as_dict()
            ):
                sys.exit(STALE)
            if meta is not None:
                log(f"{connection.settings_dict['NAME']}: loaded already, reused")
                result = {"reused": True, **meta["stats"]}
            else:
                result = {"reused": False, **suite.load(config, log)}
        else:
            result = suite.measure(config, suite.loaded()["stats"], runs, log)
        self.stdout.write(json.dumps(result, default=str))


def argparse_suppress():
    import argparse

    return argparse.SUPPRESS


def region_is_empty() -> bool:
    from wuye.estates.models import Project

    return not Project.objects.exists()


def database_url(projects: int, days: int, *, suite: str = "rounds", households: int = 400) -> str:
    base = os.environ.get("BENCH_DATABASE_URL") or DEFAULT_URL
    parts = urlsplit(base)
    name = parts.path.lstrip("/") or "wuye_bench"
    if not name.startswith("wuye_bench"):
        raise CommandError(f"BENCH_DATABASE_URL must name a database beginning with wuye_bench, not {name!r}")
    if suite == "onboarding":  # one database for every size: each import is rolled back
        name += "_onboarding"
    elif suite == "oversight":
        name += f"_oversight_{projects}"
    elif suite == "fees":
        name += f"_fees_{projects}" + ("" if households == 400 else f"_{households}h")
    else:
        name += f"_{projects}" + ("" if days == 365 else f"_{days}d")
    return urlunsplit(parts._replace(path="/" + name))


def ensure_database(url: str, *, drop: bool) -> None:
    """Create the size's database (dropped first when ``drop``), via the server's maintenance database."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if drop:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def table(results: list[dict], days: int, runs: int) -> str:
    first = results[0]
    version = first["postgresql"]
    lines = [
        "Wuye bench: rolling duties 4.8.round_gap (hourly power rounds) and 4.1.patrol_gap (2-hourly patrols)",
        f"PostgreSQL {version // 10000}.{version % 100}, {os.cpu_count()} cores; as of 2026-01-01 00:00 +08:00, "
        f"{days} days of rounds; median of {runs} runs; full and incremental = engine.evaluate of the two checks "
        "(scores timed apart: the same work after either)",
        "",
    ]
    header = (
        "projects",
        "power rounds",
        "patrol rounds",
        "load s",
        "floor s",
        "full s",
        "incr s",
        "full/floor",
        "incr/full",
        "peak MB",
        "findings",
        "incr=full",
    )
    rows = [header]
    for r in results:
        rows.append(
            (
                str(r["projects"]),
                f"{r['rows']['safety_powerround']:,}",
                f"{r['rows']['safety_patrolround']:,}",
                f"{r['seconds']['total']:.0f}" + (" (reused)" if r["reused"] else ""),
                f"{r['floor']:.2f}",
                f"{r['full']:.2f}",
                f"{r['incremental']:.3f}",
                f"{r['full'] / r['floor']:.2f}x",
                f"{100 * r['incremental'] / r['full']:.2f} %",
                f"{r['peak_rss_mb']:.0f}",
                str(r["findings"]),
                "yes" if r["incremental_equals_full"] else "NO",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for index, row in enumerate(rows):
        lines.append("  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)))
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    for r in results:
        s = r["seconds"]
        lines.append(
            f"load of {r['projects']}: COPY {s['copy']} s, indexes and keys {s['indexes']} s, vacuum {s['vacuum']} s"
            + (" (loaded earlier, reused)" if r["reused"] else "")
            + f"; first full run (creating the findings) {r['full_first']:.2f} s; scores {r['scores']:.2f} s"
        )
    lines.append("")
    largest, smallest = results[-1], results[0]

    def per_size(ratio, limit, shown):
        values = [(r["projects"], ratio(r)) for r in results]
        detail = ", ".join(f"{projects}: {shown(value)}" for projects, value in values)
        return all(value <= limit for _, value in values), detail

    full_ok, full_detail = per_size(lambda r: r["full"] / r["floor"], TARGETS["full_floor"], "{:.2f}x".format)
    incr_ok, incr_detail = per_size(
        lambda r: r["incremental"] / r["full"], TARGETS["incremental_full"], lambda v: f"{100 * v:.2f} %"
    )
    checks = [
        (f"full within {TARGETS['full_floor']:.0f}x the floor ({full_detail})", full_ok),
        (f"incremental within {TARGETS['incremental_full']:.0%} of full ({incr_detail})", incr_ok),
        ("incremental findings equal a fresh full run's", all(r["incremental_equals_full"] for r in results)),
    ]
    if len(results) > 1:
        growth = largest["peak_rss_mb"] / smallest["peak_rss_mb"]
        checks.append(
            (
                f"memory flat ({largest['projects']} vs {smallest['projects']} projects: {growth:.2f}x, "
                f"target <= {TARGETS['memory']}x)",
                growth <= TARGETS["memory"],
            )
        )
    lines += [f"{'PASS' if ok else 'FAIL'}  {name}" for name, ok in checks]
    return "\n".join(lines)
