"""The GB/T 2260 division table shipped with the code (divisions.csv, built by build_divisions.py)."""

import csv
from pathlib import Path

CSV = Path(__file__).resolve().parent / "divisions.csv"
LEVEL_ORDER = {"province": 0, "league": 1, "county": 2}


def load_divisions(Division) -> int:
    """Insert or update every division, parents first; ``Division`` may be a migration's historical model."""
    with CSV.open(encoding="utf-8") as fh:
        rows = sorted(csv.DictReader(fh), key=lambda r: (LEVEL_ORDER[r["level"]], r["code"]))
    for row in rows:
        Division.objects.update_or_create(
            code=row["code"],
            defaults={"name": row["name"], "level": row["level"], "parent_id": row["parent"] or None},
        )
    return len(rows)
