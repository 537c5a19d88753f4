"""Walk every evidence chain and find its first broken link (DESIGN.md, "Evidence you can trust").

A chain's records live in several tables (power rounds, defect fixes, ...). Each table is read in
(chain, chain_seq) order as a stream, and the streams are merged, so one chain is seen in sequence
order across tables without holding more than a chunk of each table in memory. For every record:
its sequence number follows the last one, its ``prev_hash`` is the last record's hash, and its hash
matches its content; at the end of a chain its head (``EvidenceChain.length`` / ``head``) is the last
record. Core knows no domain: the evidence tables are found among the installed models.
"""

import heapq
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.apps import apps
from django.db import connection, transaction
from django.db.models import F
from django.db.models.functions import Collate

from wuye.core.canonical import GENESIS
from wuye.core.evidence import EvidenceChain, EvidenceRecord

CHUNK = 2000


class BrokenChain(Exception):
    """The first broken link: the record (or chain head) and what is wrong with it."""


@dataclass
class Summary:
    chains: int
    records: int
    seconds: float


def evidence_models() -> list[type[EvidenceRecord]]:
    """Every concrete evidence table, in a fixed order."""
    found = [m for m in apps.get_models() if issubclass(m, EvidenceRecord) and not m._meta.proxy]
    return sorted(found, key=lambda model: model._meta.label_lower)


def label(record: EvidenceRecord) -> str:
    return f"{record._meta.label_lower}:{record.pk}"


def _chain_order():
    # The merge compares chain keys as Python does, by code point; PostgreSQL's default collation
    # may not (it can ignore punctuation), so ask it for byte order. SQLite's BINARY already is.
    if connection.vendor == "postgresql":
        return Collate("chain", "C")
    return F("chain")


def _in_order(records: Iterable[EvidenceRecord]) -> Iterator[EvidenceRecord]:
    """Pass records on, refusing a stream out of order (a merge of it would report false gaps)."""
    last = None
    for record in records:
        key = (record.chain, record.chain_seq)
        if last is not None and key < last:
            raise RuntimeError(f"{record._meta.label_lower} is not read in (chain, chain_seq) order")
        last = key
        yield record


def chain_records(chain: str | None = None) -> Iterator[EvidenceRecord]:
    """Every evidence record (of one chain, or of all), by chain then sequence number, across tables."""
    streams = []
    for model in evidence_models():
        records = model._default_manager.order_by(_chain_order(), "chain_seq")
        if chain is not None:
            records = records.filter(chain=chain)
        streams.append(_in_order(records.iterator(chunk_size=CHUNK)))
    return heapq.merge(*streams, key=lambda record: (record.chain, record.chain_seq))


def places(first: int, last: int) -> str:
    return f"#{first}" if first == last else f"#{first}-#{last}"


def record_at(chain: str, seq: int) -> EvidenceRecord | None:
    """The record at one place of a chain, in whichever table it is."""
    for model in evidence_models():
        record = model._default_manager.filter(chain=chain, chain_seq=seq).first()
        if record is not None:
            return record
    return None


@contextmanager
def one_snapshot():
    """On PostgreSQL, read the heads and every table in one snapshot, so records appended meanwhile
    cannot show in one table and not in another (each cursor would otherwise take its own).

    Not on SQLite: our transactions there begin IMMEDIATE and would lock every writer out for the
    whole walk. There the tables' cursors open within milliseconds of each other, and a chain head
    that disagrees is read again before it is called broken. Inside a transaction, that one's rules
    apply.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


class ChainWalk:
    """One chain, record by record: what the next record must be."""

    def __init__(self, key: str):
        self.key = key
        self.seq = 0
        self.hash = GENESIS
        self.last = ""  # label of the last record seen

    def add(self, record: EvidenceRecord) -> None:
        where = f"{label(record)} in chain {self.key} at #{record.chain_seq}"
        expected = self.seq + 1
        if record.chain_seq == self.seq and self.last:
            raise BrokenChain(f"{where}: a second record at #{self.seq} (the first is {self.last})")
        if record.chain_seq > expected:
            raise BrokenChain(f"{where}: sequence gap, {places(expected, record.chain_seq - 1)} missing")
        if record.chain_seq != expected:
            raise BrokenChain(f"{where}: sequence number out of order (expected #{expected})")
        if record.prev_hash != self.hash:
            previous = f"#{self.seq} ({self.last})" if self.last else "the chain's start"
            raise BrokenChain(f"{where}: prev_hash does not match the hash of {previous}")
        if record.compute_hash() != record.hash:
            raise BrokenChain(f"{where}: hash does not match its content")
        self.seq, self.hash, self.last = record.chain_seq, record.hash, label(record)

    def close(self, snapshot: tuple[int, str] | None) -> None:
        """The chain's head must be its last record (allowing for records appended while we walked)."""
        if snapshot == (self.seq, self.hash):
            return
        # The heads were read before the records: re-read this one before calling it broken.
        fresh = EvidenceChain.objects.filter(key=self.key).values_list("length", "head").first()
        if fresh == (self.seq, self.hash):
            return
        last = f"{self.last} in chain {self.key} at #{self.seq}" if self.last else f"chain {self.key}"
        if fresh is None:
            raise BrokenChain(f"{last}: the chain has no head (EvidenceChain {self.key} is missing)")
        length, head = fresh
        if length > self.seq:
            if record_at(self.key, self.seq + 1) is not None:
                return  # appended after this table was read; the next run checks it
            raise BrokenChain(
                f"{last}: the chain head counts {length} records, {places(self.seq + 1, length)} missing"
            )
        if length < self.seq:
            raise BrokenChain(f"{last}: the chain head counts only {length} records")
        raise BrokenChain(f"{last}: the chain head's hash does not match this record's")


def verify_chains(chain: str | None = None, progress=None) -> Summary:
    """Walk every chain (or one); raise BrokenChain naming the first broken record, else a Summary."""
    with one_snapshot():
        return _walk(chain, progress)


def _walk(chain: str | None, progress) -> Summary:
    started = time.monotonic()
    heads = EvidenceChain.objects.all() if chain is None else EvidenceChain.objects.filter(key=chain)
    snapshot = {key: (length, head) for key, length, head in heads.values_list("key", "length", "head")}
    waiting = sorted(snapshot, reverse=True)  # heads whose records have not come yet, next one last
    walk: ChainWalk | None = None
    chains = records = 0

    def close_until(key: str | None) -> int:
        # Heads that come before ``key`` in order but have no records at all are walked empty.
        empty = 0
        while waiting and (key is None or waiting[-1] < key):
            head = waiting.pop()
            ChainWalk(head).close(snapshot[head])
            empty += 1
        if waiting and waiting[-1] == key:
            waiting.pop()
        return empty

    for record in chain_records(chain):
        if walk is None or record.chain != walk.key:
            if walk is not None:
                walk.close(snapshot.get(walk.key))
            chains += close_until(record.chain)
            walk = ChainWalk(record.chain)
            chains += 1
        walk.add(record)
        records += 1
        if progress and records % 100_000 == 0:
            progress(f"{records} records, {chains} chains")
    if walk is not None:
        walk.close(snapshot.get(walk.key))
    chains += close_until(None)
    return Summary(chains=chains, records=records, seconds=time.monotonic() - started)
