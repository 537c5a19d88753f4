"""Canonical JSON of a record's content, the input of its SHA-256 in the evidence chain (DESIGN.md).

Sorted keys, UTF-8, no spaces; Decimals as strings; datetimes as ISO 8601 in UTC with microseconds;
dates as ISO 8601. The same record gives the same bytes on SQLite and PostgreSQL, today and in ten years.
"""

import datetime
import hashlib
import json
from decimal import Decimal

GENESIS = "0" * 64


def _plain(value):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            raise ValueError("naive datetime in evidence content")
        return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def canonical_json(content: dict) -> bytes:
    return json.dumps(_plain(content), sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def chain_hash(label: str, content: dict, prev_hash: str) -> str:
    """SHA-256 over the record's model, its content and the previous record's hash."""
    return hashlib.sha256(canonical_json({"model": label, "content": content, "prev": prev_hash})).hexdigest()
