"""Canonical JSON for the evidence hash: one byte string per content, whatever the database gave back."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from wuye.core.canonical import GENESIS, canonical_json, chain_hash


def test_keys_sorted_utf8_no_spaces():
    assert canonical_json({"b": 1, "a": "配电室"}) == '{"a":"配电室","b":1}'.encode()


def test_datetimes_are_utc_with_microseconds_whatever_their_zone():
    shanghai = datetime.datetime(2026, 3, 14, 10, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    utc = datetime.datetime(2026, 3, 14, 2, 10, tzinfo=datetime.UTC)
    assert (
        canonical_json({"t": shanghai})
        == canonical_json({"t": utc})
        == b'{"t":"2026-03-14T02:10:00.000000Z"}'
    )


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError):
        canonical_json({"t": datetime.datetime(2026, 3, 14, 2, 10)})


def test_decimals_are_strings_without_exponent():
    assert canonical_json({"v": Decimal("230.0"), "w": Decimal("1E+2")}) == b'{"v":"230.0","w":"100"}'


def test_the_hash_covers_model_content_and_previous_hash():
    base = chain_hash("safety.powerround", {"x": 1}, GENESIS)
    assert len(base) == 64
    assert chain_hash("safety.defectfix", {"x": 1}, GENESIS) != base
    assert chain_hash("safety.powerround", {"x": 2}, GENESIS) != base
    assert chain_hash("safety.powerround", {"x": 1}, base) != base
