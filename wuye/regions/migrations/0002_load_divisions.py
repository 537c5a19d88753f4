"""Load every GB/T 2260 division of Inner Mongolia from data/divisions.csv (shipped in the repo)."""

import csv
from pathlib import Path

from django.db import migrations

CSV = Path(__file__).resolve().parent.parent / "data" / "divisions.csv"


def load(apps, schema_editor):
    Division = apps.get_model("regions", "Division")
    with CSV.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    # Parents come first: province, then leagues, then counties.
    order = {"province": 0, "league": 1, "county": 2}
    for row in sorted(rows, key=lambda r: (order[r["level"]], r["code"])):
        Division.objects.update_or_create(
            code=row["code"],
            defaults={"name": row["name"], "level": row["level"], "parent_id": row["parent"] or None},
        )


def unload(apps, schema_editor):
    apps.get_model("regions", "Division").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("regions", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
