# ruff: noqa: S608 -- the SQL here is composed of this module's constants; values go as parameters.
"""The money suite of `make bench` (issue 7): a year of bills, payments, fee standards, notices and half-year
statements for every project of the synthetic region, loaded set-based, and the fee checks timed on it.

Each project (the registry of ``database.create_registry``: one enterprise serving every project since
2024-01-01) gets buildings of 40 households (50–150 m²), a residential standard of 2024 and a changed one
taking effect on 2025-01-01 (every fourth project also permits the elevator fee at an approved
``FeeItemRate``), the posted fee notice, twelve monthly bills of 2025 with their lines computed in SQL by
the one rule (rate × area × months, rounded half-up to the fen: PostgreSQL's ``round(numeric, 2)``,
checked against ``fees_money.line_amount`` on a sample), quarterly payments in each project's hash chain
(canonical JSON hashed in Python, checked against ``EvidenceRecord.compute_hash``), and the three
half-year statements due by as_of with their level-2 and level-1 lines.

Deliberate faults, each counted as seeded so the measurement asserts the checks find exactly them:
a property service line in 1,000 off by one yuan, now and then a line of a fee item the standard does not
permit, a payment in 2,000 without a receipt number, a notice in 100 with the wrong price hotline, a fee
change in 100 published too late, a statement in 200 published late and one in 200 whose level-2 lines do
not add up to its level-1 total.

Not loaded: the ``simple_history`` tables of bills, standards, notices and statements (no check reads
them) and the status-change evidence of publishing a statement (the checks read ``published_at``).
"""

import datetime
import hashlib
import io
import json
import resource
import statistics
import time
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import Count
from django.utils import timezone

from wuye.bench.database import execute, forget, secondary_structures
from wuye.bench.synthetic import AS_OF, Config, as_json, iso
from wuye.core.canonical import GENESIS, chain_hash

FEE_CHECKS = {
    "1.5.bill_matches_standard",
    "1.5.charge_item_permitted",
    "1.5.receipt_issued",
    "1.6.standards_published",
    "1.6.fee_change_notice",
    "1.6.statement_published",
    "1.6.statement_level2",
}
# Bulk-loaded with their indexes and keys dropped, rebuilt once after.
TABLES = ("finance_bill", "finance_billline", "finance_payment", "finance_statementline")
# Rows added by the incremental runs, deleted again by ``reset``.
GROWING = ("finance_billline", "finance_bill", "finance_payment")
PER_BUILDING = 40
YEAR = 2025
ELEVATOR_EVERY = 4  # every fourth project permits the elevator fee
CHECKED_ROWS = 200  # payments compared with compute_hash
SAMPLE_LINES = 2000  # bill lines recomputed with fees_money.line_amount
COPY_BYTES = 4 << 20
# The faults, by id or project index: (modulus, remainder).
OFF_BY_ONE = (1000, 7)  # bills whose property service line is one yuan too much
NOT_PERMITTED = (5000, 13)  # bills with a garbage-disposal line the standard does not permit
NO_RECEIPT = (2000, 3)  # payments without a receipt number
WRONG_HOTLINE = (100, 50)  # projects whose notice shows another hotline
LATE_CHANGE = (100, 25)  # projects whose 2025 standard was published two weeks before it took effect
LATE_STATEMENT = (200, 100)  # projects whose statement of 2025 H1 was published late
STATEMENT_MISMATCH = (200, 150)  # projects whose 2025 H1 statement has a level-1 total off by 100 yuan


@dataclass(frozen=True)
class FeeConfig:
    """What a loaded fee database holds; a database loaded with the same configuration is reused."""

    projects: int
    households: int = 400
    as_of: str = AS_OF.isoformat()
    seed: int = 7
    version: int = 1

    @property
    def end(self) -> datetime.datetime:
        return datetime.datetime.fromisoformat(self.as_of)

    @property
    def buildings(self) -> int:
        return -(-self.households // PER_BUILDING)

    def as_dict(self) -> dict:
        return asdict(self)


def loaded() -> dict | None:
    from wuye.bench.database import loaded as region_loaded

    return region_loaded()


def is_fault(column: str, rule: tuple[int, int]) -> str:
    return f"(mod({column}, {rule[0]}) = {rule[1]})"


# -- loading --------------------------------------------------------------------------------------------


def load(config: FeeConfig, log) -> dict:
    """Load the fee records into this (empty, migrated) database; returns what was loaded and how fast."""
    from wuye.bench.database import create_registry
    from wuye.finance.accounts_tree import ensure_default_accounts

    started = time.monotonic()
    # The rolling duties' registry (their rooms and routes stay empty here): projects served since 2024.
    create_registry(Config(projects=config.projects))
    ensure_default_accounts()
    execute("UPDATE estates_project SET household_count = %s", [config.households])
    saved = {table: secondary_structures(table) for table in TABLES}
    for table, (constraints, indexes) in saved.items():
        for name, _ in constraints:
            execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _ in indexes:
            execute(f'DROP INDEX "{name}"')
    seconds, faults = {}, {}

    def step(name, action):
        begun = time.monotonic()
        result = action()
        seconds[name] = round(time.monotonic() - begun, 1)
        log(f"{name}: {seconds[name]} s")
        return result

    step("registry", lambda: registry(config))
    faults["1.6.standards_published"] = count("finance_feenotice WHERE price_complaint_hotline <> '12358'")
    faults["1.6.fee_change_notice"] = count(
        "finance_feestandard WHERE effective_from = '2025-01-01' AND published_on > '2024-12-01'"
    )
    step("bills", lambda: bills(config, range(1, 13), datetime.date(YEAR, 1, 1)))
    faults["1.5.bill_matches_standard"] = count(f"finance_bill b WHERE {is_fault('b.id', OFF_BY_ONE)}")
    faults["1.5.charge_item_permitted"] = count("finance_billline WHERE item = 'garbage'")
    step("payments", lambda: payments(config))
    faults["1.5.receipt_issued"] = count("finance_payment WHERE receipt_number = ''")
    step("statements", statements)
    faults["1.6.statement_published"] = count(
        "finance_statement WHERE published_at > make_date(year, 1, 1) + half * interval '6 months'"
        " + interval '30 days' - interval '8 hours'"
    )
    faults["1.6.statement_level2"] = count(
        f"finance_statement s JOIN estates_project p ON p.id = s.project_id"
        f" WHERE s.year = {YEAR} AND s.half = 1 AND {is_fault('p.id', STATEMENT_MISMATCH)}"
    )
    copied = time.monotonic()
    execute("SET maintenance_work_mem = '512MB'")
    for table, (constraints, indexes) in saved.items():
        for _, definition in indexes:
            execute(definition)
        for name, definition in constraints:
            execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    seconds["indexes"] = round(time.monotonic() - copied, 1)
    log(f"indexes and keys: {seconds['indexes']} s")
    vacuumed = time.monotonic()
    execute("VACUUM (FREEZE, ANALYZE)")
    seconds["vacuum"] = round(time.monotonic() - vacuumed, 1)
    seconds["total"] = round(time.monotonic() - started, 1)
    sample = verify_sample()
    stats = {
        "rows": row_counts(),
        "max_ids": {table: next_id(table) for table in GROWING},
        "faults": faults,
        "sample_lines_checked": sample,
        "seconds": seconds,
    }
    execute(
        "INSERT INTO bench_meta (config, stats) VALUES (%s::jsonb, %s::jsonb)",
        [as_json(config.as_dict()), as_json(stats)],
    )
    return stats


def count(source: str) -> int:
    return execute(f"SELECT count(*) FROM {source}")[0][0]  # noqa: S608 (our own constants)


def next_id(table: str) -> int:
    return execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")[0][0]  # noqa: S608


def row_counts() -> dict:
    tables = ("estates_household", *TABLES, "finance_statement")
    return {table: count(table) for table in tables}


def registry(config: FeeConfig) -> None:
    """Buildings, households, the two standards, the elevator rate and the notice of every project."""
    now = "now()"
    execute(
        f"INSERT INTO estates_building (created_at, updated_at, project_id, name, floors, has_elevator)"
        f" SELECT {now}, {now}, p.id, b || '号楼', CASE WHEN mod(p.id, {ELEVATOR_EVERY}) = 0 THEN 18 ELSE 6 END,"
        f" mod(p.id, {ELEVATOR_EVERY}) = 0"
        " FROM estates_project p, generate_series(1, %s) b",
        [config.buildings],
    )
    # 40 households a building (the last building takes what is left); areas 50.00–150.00 m², spread.
    execute(
        f"INSERT INTO estates_household (created_at, updated_at, project_id, building_id, unit, number, area)"
        f" SELECT {now}, {now}, b.project_id, b.id, '1', lpad(n::text, 4, '0'),"
        " 50 + mod(b.id * 7919 + n * 104729, 10001) / 100.0"
        " FROM estates_building b, generate_series(1, %s) n"
        " WHERE (split_part(b.name, '号', 1)::int - 1) * %s + n <= %s",
        [PER_BUILDING, PER_BUILDING, config.households],
    )
    # The first standard of 2024, then the change of 2025-01-01 (rates with four decimals, so rounding
    # matters), published a month and a half ahead, or two weeks ahead where the fault is seeded.
    items = "'[\"property_service\"]'::jsonb"
    with_elevator = '\'["property_service", "elevator"]\'::jsonb'
    execute(
        "INSERT INTO finance_feestandard (created_at, updated_at, project_id, property_kind, rate, regime,"
        " fee_items, approval_document, approval_number, effective_from, published_on)"
        f" SELECT {now}, {now}, p.id, 'residential', v.rate, 'market',"
        f" CASE WHEN mod(p.id, {ELEVATOR_EVERY}) = 0 THEN {with_elevator} ELSE {items} END, '', '包价备〔' || v.y || '〕' || p.id,"
        " v.effective, v.published"
        " FROM estates_project p CROSS JOIN LATERAL (VALUES"
        "  (2024, 1.2000 + mod(p.id, 5) * 0.05, date '2024-01-01', date '2023-11-15'),"
        "  (2025, 1.3250 + mod(p.id, 7) * 0.0875, date '2025-01-01',"
        f"   CASE WHEN {is_fault('p.id', LATE_CHANGE)} THEN date '2024-12-18' ELSE date '2024-11-15' END)"
        " ) v(y, rate, effective, published)"
    )
    execute(
        "INSERT INTO finance_feeitemrate (standard_id, item, rate)"
        " SELECT s.id, 'elevator', 0.2750 + mod(s.project_id, 3) * 0.0625 FROM finance_feestandard s"
        " WHERE s.fee_items ? 'elevator'"
    )
    execute(
        "INSERT INTO finance_feenotice (created_at, updated_at, project_id, published_on, company_name, payer,"
        " service_content, service_standard, billing_method, billing_start_date, fee_basis,"
        " price_complaint_hotline)"
        f" SELECT {now}, {now}, p.id, s.published_on, '基准物业服务有限公司', '全体业主及物业使用人',"
        " '公共区域保洁、秩序维护、共用设施设备运行维护、绿化养护', '二级服务标准', '按房屋建筑面积按月计收',"
        " date '2024-01-01', s.approval_number,"
        f" CASE WHEN {is_fault('p.id', WRONG_HOTLINE)} THEN '12345' ELSE '12358' END"
        " FROM estates_project p JOIN finance_feestandard s ON s.project_id = p.id AND s.effective_from = '2025-01-01'"
    )


def bills(
    config: FeeConfig,
    months: range,
    first_period: datetime.date,
    *,
    issued: datetime.date | None = None,
    projects: list[int] | None = None,
):
    """Monthly bills of every household for ``months`` (1 = the month of ``first_period``), under the
    standard in force then, and their lines by the rule; seeds the off-by-one and non-permitted faults."""
    execute(
        "INSERT INTO finance_bill (created_at, updated_at, project_id, household_id, standard_id, period_start,"
        " months, area, issued_on)"
        " SELECT now(), now(), h.project_id, h.id, s.id, m.start::date, 1, h.area,"
        " coalesce(%s, m.start::date)"
        " FROM generate_series(%s::date, %s::date, interval '1 month') m(start)"
        " JOIN estates_household h ON %s::bigint[] IS NULL OR h.project_id = ANY(%s::bigint[])"
        " JOIN LATERAL (SELECT id FROM finance_feestandard f WHERE f.project_id = h.project_id"
        "  AND f.property_kind = 'residential' AND f.effective_from <= m.start"
        "  ORDER BY f.effective_from DESC LIMIT 1) s ON true"
        " ORDER BY m.start, h.id",
        [issued, first_period, add_months(first_period, len(months) - 1), projects, projects],
    )
    start, end = first_period, add_months(first_period, len(months))
    window = "b.period_start >= %s AND b.period_start < %s"
    execute(
        "INSERT INTO finance_billline (bill_id, item, rate, amount)"
        " SELECT b.id, 'property_service', s.rate,"
        f" round(s.rate * h.area * b.months, 2) + CASE WHEN {is_fault('b.id', OFF_BY_ONE)} THEN 1 ELSE 0 END"
        " FROM finance_bill b JOIN finance_feestandard s ON s.id = b.standard_id"
        f" JOIN estates_household h ON h.id = b.household_id WHERE {window}",
        [start, end],
    )
    execute(
        "INSERT INTO finance_billline (bill_id, item, rate, amount)"
        " SELECT b.id, r.item, r.rate, round(r.rate * h.area * b.months, 2)"
        " FROM finance_bill b JOIN finance_feeitemrate r ON r.standard_id = b.standard_id"
        f" JOIN estates_household h ON h.id = b.household_id WHERE {window}",
        [start, end],
    )
    execute(
        "INSERT INTO finance_billline (bill_id, item, rate, amount)"
        " SELECT b.id, 'garbage', 0.1000, round(0.1 * h.area * b.months, 2)"
        f" FROM finance_bill b JOIN estates_household h ON h.id = b.household_id"
        f" WHERE {window} AND {is_fault('b.id', NOT_PERMITTED)}",
        [start, end],
    )


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    return datetime.date(day.year + month // 12, month % 12 + 1, 1)


PAYMENT_COLUMNS = (
    "id",
    "occurred_at",
    "recorded_at",
    "recorded_by_id",
    "channel",
    "attachment",
    "attachment_sha256",
    "corrects_id",
    "backfilled",
    "chain",
    "chain_seq",
    "prev_hash",
    "hash",
    "project_id",
    "household_id",
    "amount",
    "method",
    "receipt_number",
)
METHODS = ("wechat", "alipay", "bank", "cash")


def payments(config: FeeConfig) -> None:
    """A payment a quarter by every household (what its bills of the quarter come to), in its project's
    chain in the order they were paid; streamed into COPY with their real hashes."""
    from wuye.accounts.models import User
    from wuye.core.evidence import EvidenceChain
    from wuye.finance.models import Payment

    user_id = User.objects.get(username="bench").pk
    # What a household's bills of one month come to (the faults aside): summed by the database.
    monthly = execute(
        "SELECT b.project_id, b.household_id, sum(l.amount) - CASE WHEN "
        + is_fault("b.id", OFF_BY_ONE)
        + " THEN 1 ELSE 0 END FROM finance_bill b JOIN finance_billline l ON l.bill_id = b.id"
        " WHERE b.period_start = %s AND l.item <> 'garbage' GROUP BY b.id ORDER BY b.project_id, b.household_id",
        [datetime.date(YEAR, 1, 1)],
    )
    by_project: dict[int, list] = {}
    for project_id, household_id, amount in monthly:
        by_project.setdefault(project_id, []).append((household_id, amount))
    pk = next_id("finance_payment")
    first_pk, checked, heads = pk, 0, []
    columns = ", ".join(PAYMENT_COLUMNS)
    with connection.cursor() as cursor, cursor.copy(f"COPY finance_payment ({columns}) FROM STDIN") as copy:
        buffer = io.StringIO()
        for project_id, households in by_project.items():
            chain, seq, head = f"project:{project_id}", 0, GENESIS
            paid = []
            for quarter in range(4):
                base = int(datetime.datetime(YEAR, quarter * 3 + 1, 5, 1, tzinfo=datetime.UTC).timestamp())
                for n, (household_id, amount) in enumerate(households):
                    paid.append((base + (n * 7919 % 20) * 86400 + n * 37, household_id, amount * 3))
            paid.sort()
            for occurred, household_id, amount in paid:
                seq += 1
                content = {
                    "occurred_at": iso(occurred),
                    "recorded_at": iso(occurred + 60),
                    "recorded_by_id": user_id,
                    "channel": "web",
                    "attachment": "",
                    "attachment_sha256": "",
                    "corrects_id": None,
                    "backfilled": False,
                    "chain": chain,
                    "chain_seq": seq,
                    "prev_hash": head,
                    "project_id": project_id,
                    "household_id": household_id,
                    "amount": f"{amount:.2f}",
                    "method": METHODS[pk % 4],
                    "receipt_number": "" if pk % NO_RECEIPT[0] == NO_RECEIPT[1] else f"NO.{YEAR}{pk:09d}",
                }
                digest = chain_hash("finance.payment", content, head)
                if checked < CHECKED_ROWS:
                    check_payment(Payment, content, digest)
                    checked += 1
                row = {**content, "id": pk, "hash": digest, "corrects_id": r"\N", "backfilled": "f"}
                buffer.write("\t".join(str(row[column]) for column in PAYMENT_COLUMNS) + "\n")
                head, pk = digest, pk + 1
            heads.append(EvidenceChain(chain, seq, head, timezone.now()))
            if buffer.tell() > COPY_BYTES:
                copy.write(buffer.getvalue())
                buffer = io.StringIO()
        copy.write(buffer.getvalue())
    EvidenceChain.objects.bulk_create(
        heads, update_conflicts=True, unique_fields=["key"], update_fields=["length", "head", "updated_at"]
    )
    if pk > first_pk:
        execute("SELECT setval(pg_get_serial_sequence('finance_payment', 'id'), %s)", [pk - 1])


def check_payment(model, content: dict, digest: str) -> None:
    """The hand-built content must hash as the model's own does."""
    values = {key: value for key, value in content.items() if key not in ("occurred_at", "recorded_at")}
    record = model(
        **values,
        occurred_at=datetime.datetime.fromisoformat(content["occurred_at"]),
        recorded_at=datetime.datetime.fromisoformat(content["recorded_at"]),
    )
    record.amount = Decimal(content["amount"])
    if record.compute_hash() != digest:
        raise AssertionError(f"bench payment hash differs from compute_hash for {content['chain']}")


def statements() -> None:
    """The three half-year statements due by as_of (2024 H1, 2024 H2, 2025 H1), published two weeks
    after the half year (late ones 45 days after), with a line per level-2 account and the level-1 totals."""
    from wuye.accounts.models import User

    user_id = User.objects.get(username="bench").pk
    execute(
        "INSERT INTO finance_statement (created_at, updated_at, project_id, year, half, version,"
        " opening_balance, closing_balance, parking_to_shortfall, note, status, published_at, created_by_id)"
        " SELECT now(), now(), p.id, h.year, h.half, 1, 0, 0, 0, '', 'published',"
        " make_date(h.year, 1, 1) + h.half * interval '6 months' + CASE WHEN h.year = %s AND h.half = 1 AND "
        + is_fault("p.id", LATE_STATEMENT)
        + " THEN interval '45 days' ELSE interval '14 days' END - interval '8 hours', %s"
        " FROM estates_project p, (VALUES (2024, 1), (2024, 2), (%s, 1)) h(year, half)",
        [YEAR, user_id, YEAR],
    )
    execute(
        "INSERT INTO finance_statementline (statement_id, account_id, amount)"
        " SELECT s.id, a.id, 1000 + mod(s.id * 7919 + a.id * 104729, 500000) / 100.0"
        " FROM finance_statement s, finance_account a WHERE a.parent_id IS NOT NULL AND a.project_id IS NULL"
    )
    execute(
        "INSERT INTO finance_statementline (statement_id, account_id, amount)"
        " SELECT l.statement_id, a.parent_id, sum(l.amount) FROM finance_statementline l"
        " JOIN finance_account a ON a.id = l.account_id GROUP BY l.statement_id, a.parent_id"
    )
    # One level-1 total in 200 projects' 2025 H1 statements states 100 yuan more than its lines.
    execute(
        "UPDATE finance_statementline l SET amount = amount + 100 FROM finance_statement s, finance_account a"
        " WHERE s.id = l.statement_id AND a.id = l.account_id AND a.code = (SELECT min(code) FROM finance_account"
        "  WHERE parent_id IS NULL AND project_id IS NULL) AND s.year = %s AND s.half = 1 AND "
        + is_fault("s.project_id", STATEMENT_MISMATCH),
        [YEAR],
    )
    execute(
        "UPDATE finance_statement s SET closing_balance = t.income - t.expense FROM (SELECT l.statement_id,"
        " sum(l.amount) FILTER (WHERE a.kind = 'income') income, sum(l.amount) FILTER (WHERE a.kind = 'expense')"
        " expense FROM finance_statementline l JOIN finance_account a ON a.id = l.account_id"
        " WHERE a.parent_id IS NOT NULL GROUP BY l.statement_id) t WHERE t.statement_id = s.id"
    )


def verify_sample() -> int:
    """Lines not seeded as faults equal ``fees_money.line_amount`` exactly (a random sample)."""
    from wuye.finance.fees_money import line_amount

    step = max(1, count("finance_billline") // SAMPLE_LINES)  # every step-th line, whatever the size
    rows = execute(
        "SELECT l.amount, l.rate, h.area, b.months FROM finance_billline l"
        " JOIN finance_bill b ON b.id = l.bill_id JOIN estates_household h ON h.id = b.household_id"
        f" WHERE mod(l.id, %s) = 0 AND l.item <> 'garbage' AND NOT {is_fault('b.id', OFF_BY_ONE)}",
        [step],
    )
    for amount, rate, area, months in rows:
        if line_amount(rate, area, months) != amount:
            raise AssertionError(f"SQL round gave {amount} for {rate} × {area} × {months}")
    return len(rows)


# -- measuring ------------------------------------------------------------------------------------------


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def reset(stats: dict) -> None:
    """Back to the records as loaded: no incremental bills or payments, chains at their heads, no findings."""
    from wuye.compliance.models import EvaluationRun, Finding, ScoreSnapshot

    added = execute("SELECT count(*) FROM finance_bill WHERE id >= %s", [stats["max_ids"]["finance_bill"]])[
        0
    ][0]
    for table in GROWING:
        execute(f"DELETE FROM {table} WHERE id >= %s", [stats["max_ids"][table]])  # noqa: S608
    execute(
        "UPDATE core_evidencechain c SET length = p.chain_seq, head = p.hash FROM finance_payment p"
        " WHERE p.chain = c.key AND p.chain_seq = (SELECT max(chain_seq) FROM finance_payment q WHERE q.chain = c.key)"
        " AND c.length <> p.chain_seq"
    )
    for model in (Finding, EvaluationRun, ScoreSnapshot):
        forget(model)
    if added:
        for table in GROWING:
            execute(f"VACUUM (ANALYZE) {table}")


def findings_by_check() -> dict:
    from wuye.compliance.models import Finding, FindingState

    rows = (
        Finding.objects.exclude(state=FindingState.WITHDRAWN)
        .values_list("check_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return dict(rows)


def digest() -> str:
    from wuye.compliance.models import Finding, FindingState

    rows = (
        Finding.objects.exclude(state=FindingState.WITHDRAWN)
        .order_by("key")
        .values_list("key", "state", "period_start", "period_end", "evidence", "closed_at")
    )
    found = hashlib.sha256()
    for row in rows.iterator(chunk_size=5000):
        found.update(repr(row).encode())
    return found.hexdigest()[:16]


class Queries:
    """The SQL a check sends, with the time each took (``connection.execute_wrapper``)."""

    def __init__(self):
        self.seen = []

    def __call__(self, execute_, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute_(sql, params, many, context)
        finally:
            self.seen.append((time.perf_counter() - started, sql, params))

    def slowest(self):
        return max(self.seen, key=lambda seen: seen[0]) if self.seen else (0.0, "", None)


def explain(sql: str, params) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql, params)
        return [row[0] for row in cursor.fetchall()]


def run_checks(as_of, checks, **kwargs):
    from wuye.compliance.engine import evaluate

    return evaluate(as_of, checks=set(checks), scores=False, **kwargs)


def measure(config: FeeConfig, stats: dict, runs: int, log) -> dict:
    """Full evaluation of the fee checks, each check alone, the incremental runs; findings asserted."""
    reset(stats)
    as_of = config.end
    expected = stats["faults"]
    first_full = timed(lambda: run_checks(as_of, FEE_CHECKS, full=True))
    found = {check: findings_by_check().get(check, 0) for check in sorted(FEE_CHECKS)}
    wrong = {check: (found.get(check, 0), n) for check, n in expected.items() if found.get(check, 0) != n}
    if wrong:
        raise AssertionError(f"findings differ from the seeded faults (found, seeded): {wrong}")
    log(f"findings equal the seeded faults: {found}")
    fulls = [timed(lambda: run_checks(as_of, FEE_CHECKS, full=True)) for _ in range(runs)]
    log(f"full: first {first_full:.2f} s, then {', '.join(f'{s:.2f}' for s in fulls)} s")
    per_check, slowest, plans = {}, {}, {}
    for check in sorted(FEE_CHECKS):
        times = []
        for _ in range(runs):
            queries = Queries()
            with connection.execute_wrapper(queries):
                times.append(timed(lambda check=check: run_checks(as_of, {check}, full=True)))
        per_check[check] = statistics.median(times)
        seconds, sql, params = queries.slowest()
        slowest[check] = {"seconds": round(seconds, 3), "queries": len(queries.seen), "sql": sql[:300]}
        if check == "1.5.bill_matches_standard":
            plans["full"] = explain(sql, params)
        log(
            f"{check}: {', '.join(f'{s:.2f}' for s in times)} s; {len(queries.seen)} queries, slowest {seconds:.2f} s"
        )
    log("EXPLAIN of 1.5.bill_matches_standard's main query (full run):")
    for line in plans["full"]:
        log("    " + line)
    incrementals, incremental_runs = [], []
    for k in range(1, runs + 1):
        add_month(config, k)
        queries = Queries()
        run = None

        def incremental(k=k):
            nonlocal run
            run = run_checks(month_as_of(config, k), FEE_CHECKS)

        with connection.execute_wrapper(queries):
            incrementals.append(timed(incremental))
        if run.full:
            raise AssertionError("the incremental evaluation ran in full")
        incremental_runs.append(run.projects)
        if k == 1:
            bill_sql = [s for s in queries.seen if "finance_billline" in s[1] and "round(" in s[1].lower()]
            if bill_sql:
                _, sql, params = max(bill_sql, key=lambda seen: seen[0])
                plans["incremental"] = explain(sql, params)
                log("EXPLAIN of the bill check's main query (incremental run, the changed projects):")
                for line in plans["incremental"]:
                    log("    " + line)
    log(f"incremental: {', '.join(f'{s:.2f}' for s in incrementals)} s over {incremental_runs} projects")
    # One project's month alone (its bills and a payment): what the incremental run costs when few bill.
    k = runs + 1
    one = execute("SELECT min(id) FROM estates_project")[0][0]
    add_month(config, k, projects=[one])
    queries = Queries()
    with connection.execute_wrapper(queries):
        incremental_one = timed(lambda: run_checks(month_as_of(config, k), FEE_CHECKS))
    bill_sql = [
        seen for seen in queries.seen if "finance_billline" in seen[1] and "round(" in seen[1].lower()
    ]
    if bill_sql:
        _, sql, params = max(bill_sql, key=lambda seen: seen[0])
        plans["incremental_one_project"] = explain(sql, params)
        log("EXPLAIN of the bill check's main query (incremental run, one project changed):")
        for line in plans["incremental_one_project"]:
            log("    " + line)
    log(f"incremental, one project: {incremental_one:.3f} s")
    after_found = findings_by_check()
    if after_found.get("1.5.bill_matches_standard", 0) != expected[
        "1.5.bill_matches_standard"
    ] + extra_faults(stats):
        raise AssertionError(f"the incremental runs missed the new months' faults: {after_found}")
    after = digest()
    forget_findings()
    run_checks(month_as_of(config, runs + 1), FEE_CHECKS, full=True)
    fresh = digest()
    reset(stats)
    return {
        "full_first": first_full,
        "full": statistics.median(fulls),
        "per_check": per_check,
        "slowest_query": slowest,
        "incremental": statistics.median(incrementals),
        "incremental_projects": incremental_runs,
        "incremental_one_project": incremental_one,
        "runs": {"full": fulls, "incremental": incrementals},
        "findings": found,
        "expected": expected,
        "incremental_equals_full": after == fresh,
        "plans": plans,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "postgresql": connection.cursor().connection.info.server_version,
    }


def month_as_of(config: FeeConfig, k: int) -> datetime.datetime:
    """The incremental run after the ``k``-th added month: the day after it was billed (from the second
    month on, the statement of 2025 H2 is overdue everywhere: findings the runs must agree on too)."""
    return datetime.datetime.combine(
        add_months(datetime.date(YEAR + 1, 1, 1), k - 1) + datetime.timedelta(days=1),
        datetime.time(0),
        tzinfo=config.end.tzinfo,
    )


def forget_findings() -> None:
    from wuye.compliance.models import Finding

    forget(Finding)


def extra_faults(stats: dict) -> int:
    """Off-by-one lines among the bills the incremental runs added."""
    return count(
        f"finance_bill b WHERE b.id >= {int(stats['max_ids']['finance_bill'])} AND {is_fault('b.id', OFF_BY_ONE)}"
    )


def add_month(config: FeeConfig, k: int, projects: list[int] | None = None) -> None:
    """The ``k``-th month after the loaded year, billed on its first day, and one payment per project that
    day, as a month's work adds (``projects``: only theirs): every such project's chain grows, so the
    incremental run looks at them. (Not billed ahead: a finding that begins after as_of is not among the
    stored ones ``reconcile`` compares with, so the next run would insert it again.)"""
    from wuye.accounts.models import User
    from wuye.core.evidence import bulk_append_evidence
    from wuye.finance.models import Payment

    period = add_months(datetime.date(YEAR + 1, 1, 1), k - 1)
    issued = period
    bills(config, range(1, 2), period, issued=issued, projects=projects)
    user = User.objects.get(username="bench")
    first = dict(
        execute(
            "SELECT DISTINCT ON (project_id) project_id, id FROM estates_household ORDER BY project_id, id"
        )
    )
    if projects is not None:
        first = {project: first[project] for project in projects}
    moment = datetime.datetime.combine(issued, datetime.time(10), tzinfo=config.end.tzinfo)
    records = [
        Payment(
            project_id=p,
            household_id=h,
            amount=Decimal("100.00"),
            method="wechat",
            receipt_number=f"K{k}-{h}",
            occurred_at=moment,
        )
        for p, h in first.items()
    ]
    bulk_append_evidence(records, user=user, channel="web", now=moment + datetime.timedelta(minutes=1))
    for table in GROWING:
        execute(f"ANALYZE {table}")


def as_text(value) -> str:
    return json.dumps(value, ensure_ascii=False)


# -- the table --------------------------------------------------------------------------------------------

SHORT = {
    "1.5.bill_matches_standard": "bill",
    "1.5.charge_item_permitted": "item",
    "1.5.receipt_issued": "receipt",
    "1.6.standards_published": "notice",
    "1.6.fee_change_notice": "change",
    "1.6.statement_published": "stmt",
    "1.6.statement_level2": "level2",
}


def fees_table(results: list[dict], runs: int) -> str:
    import os

    version = results[0]["postgresql"]
    lines = [
        "Wuye bench: money checks of 1.5 and 1.6 (bills by the standard, permitted items, receipts, the fee "
        "notice, fee changes, half-year statements)",
        f"PostgreSQL {version // 10000}.{version % 100}, {os.cpu_count()} cores; 12 monthly bills of 2025 per "
        f"household, quarterly payments, 3 statements per project; median of {runs} runs; full = "
        "engine.evaluate of the 7 checks; per check = the check alone; incr = after one more month of bills "
        "and a payment per project; incr 1 = one project's month",
        "",
    ]
    header = ["projects", "households", "bill lines", "payments", "load s", "full s"]
    header += [f"{SHORT[c]} s" for c in sorted(FEE_CHECKS)] + [
        "incr s",
        "incr 1 s",
        "peak MB",
        "findings",
        "= seeded",
    ]
    rows = [header]
    for r in results:
        rows.append(
            [
                str(r["projects"]),
                f"{r['rows']['estates_household']:,}",
                f"{r['rows']['finance_billline']:,}",
                f"{r['rows']['finance_payment']:,}",
                f"{r['seconds']['total']:.0f}" + (" (reused)" if r["reused"] else ""),
                f"{r['full']:.2f}",
                *(f"{r['per_check'][c]:.2f}" for c in sorted(FEE_CHECKS)),
                f"{r['incremental']:.2f}",
                f"{r['incremental_one_project']:.3f}",
                f"{r['peak_rss_mb']:.0f}",
                str(sum(r["findings"].values())),
                "yes" if r["findings"] == r["expected"] else "NO",
            ]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for index, row in enumerate(rows):
        lines.append("  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)))
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    for r in results:
        s = r["seconds"]
        steps = ", ".join(
            f"{name} {s[name]} s" for name in ("registry", "bills", "payments", "statements") if name in s
        )
        lines.append(
            f"load of {r['projects']}: {steps}, indexes and keys {s['indexes']} s, vacuum {s['vacuum']} s"
            + (" (loaded earlier, reused)" if r["reused"] else "")
            + f"; first full run {r['full_first']:.2f} s; findings by check {r['findings']}"
        )
    lines.append("")
    lines += [
        f"{'PASS' if all(r['findings'] == r['expected'] for r in results) else 'FAIL'}  findings equal the seeded faults",
        f"{'PASS' if all(r['incremental_equals_full'] for r in results) else 'FAIL'}  incremental findings equal a fresh full run's",
    ]
    if len(results) > 1:
        small, large = results[0], results[-1]
        scale = large["rows"]["finance_billline"] / small["rows"]["finance_billline"]
        growth = (
            large["per_check"]["1.5.bill_matches_standard"] / small["per_check"]["1.5.bill_matches_standard"]
        )
        lines.append(
            f"INFO  bill check {growth:.2f}x the time for {scale:.2f}x the lines "
            f"({small['projects']} → {large['projects']} projects); peak memory "
            f"{large['peak_rss_mb'] / small['peak_rss_mb']:.2f}x"
        )
    return "\n".join(lines)
