"""The benchmark's database: the region loaded once (bare tables, then indexes and keys), reset to as
loaded between measurements, and grown by one hour of rounds at a time."""

import datetime
import json
import time
from decimal import Decimal

from django.db import connection
from django.utils import timezone
from psycopg import sql

from wuye.bench.synthetic import SUPPLIES, Config, Place, as_json, next_ids, write_rounds
from wuye.core.canonical import GENESIS

TABLES = ("safety_powerround", "safety_patrolround")


def execute(query, params=None):
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchall() if cursor.description else None


def loaded() -> dict | None:
    """The configuration and load statistics of the region in this database (None: not loaded)."""
    execute("CREATE TABLE IF NOT EXISTS bench_meta (config jsonb NOT NULL, stats jsonb NOT NULL)")
    rows = execute("SELECT config, stats FROM bench_meta")
    if not rows:
        return None
    # Django has psycopg hand jsonb over as text (its JSONField decodes it).
    config, stats = (json.loads(value) if isinstance(value, str) else value for value in rows[0])
    return {"config": config, "stats": stats}


def create_registry(config: Config) -> list[Place]:
    """The user who records, one enterprise serving every project, and each project's room and route."""
    from wuye.accounts.models import User
    from wuye.estates.models import Project, ServicePeriod
    from wuye.regions.models import Division
    from wuye.safety.models import PatrolRoute, PowerRoom
    from wuye.testing.factories import EnterpriseFactory

    user = User(username="bench", full_name="基准测试")
    user.set_unusable_password()
    user.save()
    enterprise = EnterpriseFactory(name="基准物业服务有限公司")
    division = Division.objects.get(code="150203")
    began = timezone.localtime(config.start).date()
    projects = Project.objects.bulk_create(
        Project(
            name=f"基准小区{i:04d}",
            address=f"基准路{i}号",
            division=division,
            floor_area=Decimal("50000.00"),
            household_count=400,
        )
        for i in range(config.projects)
    )
    ServicePeriod.objects.bulk_create(
        ServicePeriod(project=p, enterprise=enterprise, start=began - datetime.timedelta(days=365))
        for p in projects
    )
    rooms = PowerRoom.objects.bulk_create(
        PowerRoom(project=p, name="1号配电室", supplies=SUPPLIES, in_service_from=began) for p in projects
    )
    routes = PatrolRoute.objects.bulk_create(
        PatrolRoute(project=p, name="全区巡更", in_service_from=began) for p in projects
    )
    return [
        Place(i, p.pk, r.pk, t.pk) for i, (p, r, t) in enumerate(zip(projects, rooms, routes, strict=True))
    ]


def places() -> list[Place]:
    """The loaded region's places, their chains where they stand."""
    from wuye.core.evidence import EvidenceChain
    from wuye.safety.models import PatrolRoute, PowerRoom

    rooms = dict(PowerRoom.objects.values_list("project_id", "pk"))
    routes = dict(PatrolRoute.objects.values_list("project_id", "pk"))
    chains = {
        key: (length, head)
        for key, length, head in EvidenceChain.objects.values_list("key", "length", "head")
    }
    found = []
    for index, project_id in enumerate(sorted(rooms)):
        seq, head = chains.get(f"project:{project_id}", (0, GENESIS))
        found.append(Place(index, project_id, rooms[project_id], routes[project_id], seq, head))
    return found


def save_chains(places: list[Place]) -> None:
    """Chain heads as ``bulk_append_evidence`` leaves them: length, head and the time they grew."""
    from wuye.core.evidence import EvidenceChain

    moment = timezone.now()
    chains = [EvidenceChain(f"project:{p.project_id}", p.seq, p.head, moment) for p in places]
    EvidenceChain.objects.bulk_create(
        chains, update_conflicts=True, unique_fields=["key"], update_fields=["length", "head", "updated_at"]
    )


def secondary_structures(table: str) -> tuple[list, list]:
    """(constraints, indexes) of a table but its primary key, as SQL that recreates them."""
    constraints = execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE conrelid = %s::regclass AND contype IN ('f', 'u')",
        [table],
    )
    indexes = execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT IN"
        " (SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)",
        [table, table],
    )
    return constraints, indexes


def load(config: Config, log) -> dict:
    """Load the region into this (empty, migrated) database; returns what was loaded and how fast."""
    started = time.monotonic()
    region = create_registry(config)
    from wuye.accounts.models import User

    user_id = User.objects.get(username="bench").pk
    # COPY into bare tables, then build indexes and check foreign keys once each: far faster than
    # maintaining them row by row.
    saved = {table: secondary_structures(table) for table in TABLES}
    for table, (constraints, indexes) in saved.items():
        for name, _ in constraints:
            execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _ in indexes:
            execute(f'DROP INDEX "{name}"')
    log(f"registry ready; streaming {config.hours} hours of rounds for {config.projects} projects")
    write_rounds(region, range(config.hours), config, user_id)
    copied = time.monotonic()
    log(f"COPY done in {copied - started:.0f} s; building indexes and checking keys")
    execute("SET maintenance_work_mem = '1GB'")
    for table, (constraints, indexes) in saved.items():
        for _, definition in indexes:
            execute(definition)
        for name, definition in constraints:
            execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    save_chains(region)
    indexed = time.monotonic()
    log(f"indexes and keys in {indexed - copied:.0f} s; vacuuming")
    for table in TABLES:
        execute(f"VACUUM (FREEZE, ANALYZE) {table}")
    stats = {
        "rows": row_counts(),
        "max_ids": dict(zip(TABLES, next_ids(), strict=True)),
        "seconds": {
            "copy": round(copied - started, 1),
            "indexes": round(indexed - copied, 1),
            "vacuum": round(time.monotonic() - indexed, 1),
            "total": round(time.monotonic() - started, 1),
        },
    }
    execute(
        "INSERT INTO bench_meta (config, stats) VALUES (%s::jsonb, %s::jsonb)",
        [as_json(config.as_dict()), as_json(stats)],
    )
    return stats


def row_counts() -> dict:
    return {table: execute(on_table("SELECT count(*) FROM {table}", table))[0][0] for table in TABLES}


def on_table(query: str, table: str) -> sql.Composed:
    return sql.SQL(query).format(table=sql.Identifier(table))


def reset(stats: dict) -> None:
    """Back to the region as loaded: no rounds after as_of, chains at their loaded heads, no findings."""
    from wuye.compliance.models import EvaluationRun, Finding, ScoreSnapshot

    for table in TABLES:
        execute(on_table("DELETE FROM {table} WHERE id >= %s", table), [stats["max_ids"][table]])
    execute(
        "UPDATE core_evidencechain c SET length = r.chain_seq, head = r.hash FROM safety_powerround r"
        " WHERE r.chain = c.key AND r.chain_seq = (SELECT max(chain_seq) FROM safety_powerround s WHERE s.chain = c.key)"
        " AND c.length <> r.chain_seq"
    )
    for model in (Finding, EvaluationRun, ScoreSnapshot):
        forget(model)
    for table in TABLES:
        execute(f"VACUUM (ANALYZE) {table}")


def forget(model) -> None:
    """Delete every row of a table without reading them first (``QuerySet.delete`` collects them all)."""
    execute(on_table("DELETE FROM {table}", model._meta.db_table))


def add_hour(config: Config, hour: int) -> None:
    """One more hour of rounds for every project (the ``hour``-th after as_of), appended as they arrive."""
    from wuye.accounts.models import User

    region = places()
    user_id = User.objects.get(username="bench").pk
    write_rounds(region, range(config.hours + hour - 1, config.hours + hour), config, user_id, workers=1)
    save_chains(region)
