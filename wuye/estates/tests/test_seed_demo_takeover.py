"""The demo's takeover (2.1, 2.3): faults K1 (the developer late with documents, Party A) and K2 (not filed)
are the findings of the clauses, whatever the day; the Party A finding is reported apart (party "A")."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.db import transaction

from wuye.compliance.engine import evaluate
from wuye.compliance.models import Finding
from wuye.estates.demo import build_demo, power
from wuye.lifecycle.choices_takeover import TakeoverStatus
from wuye.lifecycle.models import DocumentHandover, InspectionItem, Takeover, TakeoverMove, TakeoverProblem

pytestmark = pytest.mark.django_db
TAKEOVER_CHECKS = {
    "2.1.takeover_filed",
    "2.3.inspection_recorded",
    "2.3.developer_documents",
    "2.3.problems_followed",
    "2.3.developer_fixes",
}
TAKEOVER_FAULTS = [
    ("2.1.takeover_filed", "B", "鹿城"),
    ("2.3.developer_documents", "A", "鹿城"),
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def short(rows):
    return sorted(
        (check, party, "鹿城" if "鹿城" in name and "锦绣华庭" in name else name)
        for check, party, name in rows
    )


def test_the_seeded_demo_finds_faults_k1_and_k2_and_nothing_else_of_the_clauses(only_lifecycle):
    with transaction.atomic():
        printed = io.StringIO()
        call_command("seed_demo", stdout=printed)
        out = io.StringIO()
        call_command("evaluate", "--format", "json", stdout=out, stderr=io.StringIO())
        report = json.loads(out.getvalue())
        found = [
            (f["check"], f["party"], f["subject_name"])
            for f in report["findings"]
            if f["check"] in TAKEOVER_CHECKS
        ]
        takeover = Takeover.objects.select_related("project").get()
        moves = list(TakeoverMove.objects.values_list("from_status", "to_status"))
        for model in (Takeover, InspectionItem, DocumentHandover, TakeoverProblem):
            for obj in model.objects.all():
                obj.full_clean()  # the demo's records pass the rules the forms and actions apply
        assert InspectionItem.objects.count() == 32 and DocumentHandover.objects.count() == 5
        transaction.set_rollback(True)
    assert short(found) == TAKEOVER_FAULTS
    assert takeover.status == TakeoverStatus.AGREED and takeover.project.name == "锦绣华庭"
    assert moves == [("registered", "inspecting"), ("inspecting", "agreed")]
    assert "建设单位未移交资料" in printed.getvalue() and "接管未备案" in printed.getvalue()


@pytest.mark.parametrize("today", [datetime.date(2026, 7, 15), datetime.date(2027, 1, 31)])
def test_the_takeover_faults_stay_exactly_those_whatever_the_day(only_lifecycle, today):
    with transaction.atomic():
        build_demo(today=today)
        evaluate(power.demo_now(today), full=True, checks=TAKEOVER_CHECKS, scores=False)
        found = list(
            Finding.objects.filter(check_id__in=TAKEOVER_CHECKS).values_list(
                "check_id", "party", "subject_name"
            )
        )
        transaction.set_rollback(True)
    assert short(found) == TAKEOVER_FAULTS
