"""Load every GB/T 2260 division of Inner Mongolia from data/divisions.csv (shipped in the repo)."""

from django.db import migrations

from wuye.regions.data import load_divisions


def load(apps, schema_editor):
    load_divisions(apps.get_model("regions", "Division"))


def unload(apps, schema_editor):
    apps.get_model("regions", "Division").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("regions", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
