"""A synthetic region for the benchmark: projects, each with one power room and one patrol route, and a
year of hourly power rounds and two-hourly patrol rounds up to a fixed as_of, one row per round.

Rounds come a few minutes after the hour, with about one miss a month per room and per route (so there
are findings), a few back-filled and corrected power rounds (so those paths are exercised), and a few
patrol rounds never completed. Rows are generated in time order, all projects hour by hour as a live
system would write them, and streamed into COPY by two processes; power rounds carry their real
hash chain per project (``verify_evidence`` accepts them), written straight as canonical JSON and
checked against ``chain_hash`` on the first rows of every stream.
"""

import datetime
import hashlib
import io
import json
import multiprocessing
import random
import time
from dataclasses import asdict, dataclass
from decimal import Decimal

import psycopg
from django.db import connection, connections
from psycopg import sql

from wuye.core.canonical import GENESIS, chain_hash
from wuye.safety.models import PatrolRound, PowerRound

AS_OF = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
HOUR = 3600
SUPPLIES = ["1#变压器", "2#变压器"]
STATES = {"1#变压器": "running", "2#变压器": "standby"}
INSPECTOR = "值班电工"
# About one miss a month per project: a room skips one hour in 1,440 (six a year), a route one round
# in 730 (six a year); a round in 4,380 is never completed (one a year). Now and then a round is
# entered three hours late (back-filled) or corrected.
MISS_ROOM, MISS_ROUTE, INCOMPLETE = 1 / 1440, 1 / 730, 1 / 4380
BACKFILL, CORRECTION = 1 / 2000, 1 / 1500
WORKERS = 2
CHECKED_ROWS = 200  # per stream, compared with chain_hash
CHUNK_BYTES = 4 << 20


@dataclass(frozen=True)
class Config:
    """What a loaded database holds; a database loaded with the same configuration is reused."""

    projects: int
    days: int = 365
    as_of: str = AS_OF.isoformat()
    seed: int = 4
    version: int = 2  # of this generator: a change of the data it writes must not reuse old loads

    @property
    def end(self) -> datetime.datetime:
        return datetime.datetime.fromisoformat(self.as_of)

    @property
    def start(self) -> datetime.datetime:
        return self.end - datetime.timedelta(days=self.days)

    @property
    def hours(self) -> int:
        return self.days * 24

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Place:
    """One project's power room and patrol route, and where its chain stands."""

    index: int
    project_id: int
    room_id: int
    route_id: int
    seq: int = 0
    head: str = GENESIS


def iso(epoch: int) -> str:
    """Canonical (and COPY-able) UTC text of a whole second: 2025-01-01T00:00:00.000000Z."""
    return "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}.000000Z".format(*time.gmtime(epoch)[:6])


def as_json(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


class PowerRoundWriter:
    """Power round rows as COPY text, each hashed as ``EvidenceRecord.compute_hash`` would hash it."""

    def __init__(self, user_id: int):
        self.user_id = user_id
        self.columns = [f.column for f in PowerRound._meta.concrete_fields]
        self.states = as_json(STATES)
        self.checked = 0

    def row(
        self, place: Place, pk: int, occurred: int, recorded: int, *, backfilled=False, corrects=None, rng
    ):
        place.seq += 1
        voltage = f"{rng.randint(3800, 4200) / 10:.1f}"
        current = f"{rng.randint(500, 2500) / 10:.1f}"
        temperature = f"{rng.randint(150, 300) / 10:.1f}"
        chain = f"project:{place.project_id}"
        occurred_at, recorded_at = iso(occurred), iso(recorded)
        prev = place.head
        corrects_json = "null" if corrects is None else str(corrects)
        # Canonical JSON by hand (sorted keys, no spaces): the same bytes as canonical_json, checked below.
        flag = "true" if backfilled else "false"
        text = (
            f'{{"content":{{"attachment":"","attachment_sha256":"","backfilled":{flag},"chain":"{chain}",'
            f'"chain_seq":{place.seq},"channel":"phone","corrects_id":{corrects_json},"current":"{current}",'
            f'"inspector":"{INSPECTOR}","occurred_at":"{occurred_at}","power_room_id":{place.room_id},'
            f'"prev_hash":"{prev}","problems":"","recorded_at":"{recorded_at}","recorded_by_id":{self.user_id},'
            f'"supply_states":{self.states},"temperature":"{temperature}","voltage":"{voltage}"}},'
            f'"model":"safety.powerround","prev":"{prev}"}}'
        )
        digest = hashlib.sha256(text.encode()).hexdigest()
        if self.checked < CHECKED_ROWS:
            self.check(
                place, occurred_at, recorded_at, backfilled, corrects, current, voltage, temperature, digest
            )
        place.head = digest
        values = {
            "id": pk,
            "occurred_at": occurred_at,
            "recorded_at": recorded_at,
            "recorded_by_id": self.user_id,
            "channel": "phone",
            "attachment": "",
            "attachment_sha256": "",
            "corrects_id": r"\N" if corrects is None else corrects,
            "backfilled": "t" if backfilled else "f",
            "chain": chain,
            "chain_seq": place.seq,
            "prev_hash": prev,
            "hash": digest,
            "power_room_id": place.room_id,
            "inspector": INSPECTOR,
            "supply_states": self.states,
            "voltage": voltage,
            "current": current,
            "temperature": temperature,
            "problems": "",
        }
        return "\t".join(str(values[column]) for column in self.columns) + "\n"

    def check(
        self, place, occurred_at, recorded_at, backfilled, corrects, current, voltage, temperature, digest
    ):
        """The hand-written JSON must hash as the model's own content does."""
        record = PowerRound(
            occurred_at=datetime.datetime.fromisoformat(occurred_at),
            recorded_at=datetime.datetime.fromisoformat(recorded_at),
            recorded_by_id=self.user_id,
            channel="phone",
            corrects_id=corrects,
            backfilled=backfilled,
            chain=f"project:{place.project_id}",
            chain_seq=place.seq,
            prev_hash=place.head,
            power_room_id=place.room_id,
            inspector=INSPECTOR,
            supply_states=STATES,
            voltage=Decimal(voltage),
            current=Decimal(current),
            temperature=Decimal(temperature),
            problems="",
        )
        expected = chain_hash("safety.powerround", record.content(), place.head)
        if expected != digest:
            raise AssertionError(f"bench hash differs from chain_hash for {record.chain}:{record.chain_seq}")
        self.checked += 1


def patrol_columns() -> list[str]:
    return [f.column for f in PatrolRound._meta.concrete_fields]


def power_hour(writer, place: Place, slot: int, next_id, rng) -> list[str]:
    """The rows a room's staff write in the hour beginning at ``slot`` (epoch seconds)."""
    rows = []
    if rng.random() >= MISS_ROOM:
        occurred = slot + rng.randint(0, 300)
        pk = next_id()
        rows.append(writer.row(place, pk, occurred, occurred + rng.randint(30, 180), rng=rng))
        if rng.random() < CORRECTION:  # the time was typed wrong: a correction half an hour later
            rows.append(writer.row(place, next_id(), occurred + 120, occurred + 1800, corrects=pk, rng=rng))
    if rng.random() < BACKFILL:  # a round of three hours ago entered now: flagged, it does not count
        rows.append(writer.row(place, next_id(), slot - 3 * HOUR + 600, slot + 900, backfilled=True, rng=rng))
    return rows


def patrol_hour(place: Place, slot: int, next_id, rng) -> list[str]:
    """A route's round begun in the hour at ``slot``: every two hours, routes of odd projects an hour later."""
    if (slot // HOUR + place.index) % 2 or rng.random() < MISS_ROUTE:
        return []
    occurred = slot + rng.randint(0, 600)
    if rng.random() < INCOMPLETE:
        completed, done = r"\N", 5
    else:
        completed, done = iso(occurred + rng.randint(900, 1500)), 8
    return [f"{next_id()}\t{place.route_id}\t{iso(occurred)}\t{completed}\t8\t{done}\tf\n"]


class Ids:
    """Row ids of one stream: ``first``, ``first + step``, ... (streams interleave, never collide)."""

    def __init__(self, first: int, step: int):
        self.value, self.step = first, step

    def __call__(self) -> int:
        value = self.value
        self.value += self.step
        return value


def stream(dsn: str, places: list[Place], hours: range, start: int, user_id: int, seed: int, ids: tuple):
    """Write ``hours`` of rounds of ``places`` with one COPY per table; return the places' chain heads.

    ``ids`` is (first power round id, first patrol round id, step): parallel streams interleave ids.
    """
    rng = random.Random(f"{seed}:{ids}:{hours.start}")
    writer = PowerRoundWriter(user_id)
    power_ids, patrol_ids = Ids(ids[0], ids[2]), Ids(ids[1], ids[2])
    power_columns, patrol = ", ".join(writer.columns), ", ".join(patrol_columns())
    with (
        # One COPY at a time per connection: one connection per table.
        psycopg.connect(dsn, autocommit=True) as power_conn,
        psycopg.connect(dsn, autocommit=True) as rounds_conn,
        power_conn.cursor() as power,
        rounds_conn.cursor() as rounds,
        power.copy(f"COPY safety_powerround ({power_columns}) FROM STDIN") as power_copy,
        rounds.copy(f"COPY safety_patrolround ({patrol}) FROM STDIN") as patrol_copy,
    ):
        power_buffer, patrol_buffer = io.StringIO(), io.StringIO()
        for hour in hours:
            slot = start + hour * HOUR
            for place in places:
                power_buffer.writelines(power_hour(writer, place, slot, power_ids, rng))
                patrol_buffer.writelines(patrol_hour(place, slot, patrol_ids, rng))
            if power_buffer.tell() > CHUNK_BYTES:
                power_copy.write(power_buffer.getvalue())
                power_buffer = io.StringIO()
            if patrol_buffer.tell() > CHUNK_BYTES:
                patrol_copy.write(patrol_buffer.getvalue())
                patrol_buffer = io.StringIO()
        power_copy.write(power_buffer.getvalue())
        patrol_copy.write(patrol_buffer.getvalue())
    return [(place.project_id, place.seq, place.head) for place in places]


def _stream_star(args):
    return stream(*args)


def dsn() -> str:
    settings = connection.settings_dict
    parts = {
        "dbname": settings["NAME"],
        "user": settings["USER"],
        "password": settings["PASSWORD"],
        "host": settings["HOST"],
        "port": settings["PORT"],
    }
    return " ".join(f"{key}={value}" for key, value in parts.items() if value)


def next_ids() -> tuple[int, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT coalesce(max(id), 0) + 1 FROM safety_powerround),"
            " (SELECT coalesce(max(id), 0) + 1 FROM safety_patrolround)"
        )
        return cursor.fetchone()


def write_rounds(places: list[Place], hours: range, config: Config, user_id: int, workers: int = WORKERS):
    """Stream ``hours`` of rounds for every place, in ``workers`` processes; move the places' chains on."""
    start = int(config.start.timestamp())
    power_first, patrol_first = next_ids()
    jobs = [
        (
            dsn(),
            places[w::workers],
            hours,
            start,
            user_id,
            config.seed,
            (power_first + w, patrol_first + w, workers),
        )
        for w in range(workers)
    ]
    if workers == 1:
        results = [stream(*jobs[0])]
    else:
        connections.close_all()  # the children must not share this process's connection
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            results = pool.map(_stream_star, jobs)
    heads = {project_id: (seq, head) for result in results for project_id, seq, head in result}
    for place in places:
        place.seq, place.head = heads[place.project_id]
    with connection.cursor() as cursor:  # the next id Django hands out follows ours
        for table in ("safety_powerround", "safety_patrolround"):
            query = "SELECT setval(pg_get_serial_sequence({name}, 'id'), (SELECT coalesce(max(id), 1) FROM {table}))"
            cursor.execute(sql.SQL(query).format(name=sql.Literal(table), table=sql.Identifier(table)))
