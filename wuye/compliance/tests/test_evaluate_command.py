"""`manage.py evaluate`: one JSON document of the findings in force and the scores; idempotent, incremental."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from wuye.compliance.models import EvaluationRun, Finding
from wuye.compliance.report import evaluation_document
from wuye.compliance.tasks import evaluation_lock
from wuye.safety.actions import record_power_round
from wuye.safety.models import PowerRoom, PowerRound

pytestmark = pytest.mark.django_db

DOCUMENT_KEYS = {"as_of", "findings", "scores"}
FINDING_KEYS = {
    "clause",
    "check",
    "subject",
    "subject_name",
    "party",
    "severity",
    "points",
    "state",
    "message",
    "period_start",
    "period_end",
    "evidence",
}
SCORE_KEYS = {"subject", "name", "score", "grade", "points", "open_findings", "on"}


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime(2026, 3, day, hour, minute))


def power_round(world, room, when):
    record = PowerRound(
        power_room=room, occurred_at=when, inspector="王师傅", supply_states={"1#变压器": "running"}
    )
    return record_power_round(
        world.users["admin"], record, channel="phone", now=when + datetime.timedelta(minutes=1)
    )


@pytest.fixture
def rooms(world):
    """Inside: rounds at 00:00 and 01:00, then none. Outside: a 2-hour gap from 00:00, then none after 02:00."""
    inside, outside = (
        PowerRoom.objects.create(
            project=side.project, name="1号配电室", supplies=["1#变压器"], in_service_from=at(1, 0).date()
        )
        for side in (world.inside, world.outside)
    )
    for room, hours in ((inside, (0, 1)), (outside, (0, 2))):
        for hour in hours:
            power_round(world, room, at(1, hour))
    return inside, outside


def run(*args, stderr=None):
    out = StringIO()
    call_command("evaluate", *args, stdout=out, stderr=stderr or StringIO())
    return out.getvalue()


def evaluate_json(*args) -> dict:
    return json.loads(run("--format", "json", *args))


def gaps(document, room=None):
    found = [f for f in document["findings"] if f["check"] == "4.8.round_gap"]
    return [f for f in found if room is None or f["subject"] == f"powerroom:{room.pk}"]


def test_the_document_has_exactly_the_keys_of_the_design(rooms):
    inside, outside = rooms
    document = evaluate_json("--as-of", "2026-03-01T04:00")

    assert set(document) == DOCUMENT_KEYS
    assert document["as_of"] == "2026-03-01T04:00:00+08:00"
    assert all(set(finding) == FINDING_KEYS for finding in document["findings"])
    assert all(set(score) == SCORE_KEYS for score in document["scores"])
    open_gap = gaps(document, inside)[0]
    assert open_gap == {
        "clause": "4.8",
        "check": "4.8.round_gap",
        "subject": f"powerroom:{inside.pk}",
        "subject_name": str(inside),
        "party": "B",
        "severity": open_gap["severity"],
        "points": open_gap["points"],
        "state": "open",
        "message": open_gap["message"],
        "period_start": "2026-03-01T01:00:00+08:00",
        "period_end": None,
        "evidence": [
            f"safety.powerround:{PowerRound.objects.get(power_room=inside, occurred_at=at(1, 1)).pk}"
        ],
    }
    assert isinstance(open_gap["points"], int) and "1号配电室" in open_gap["message"]
    closed, still_open = gaps(document, outside)
    assert (closed["state"], closed["period_end"]) == ("closed", "2026-03-01T02:00:00+08:00")
    assert len(closed["evidence"]) == 2 and still_open["state"] == "open"


def test_scores_are_the_latest_snapshots_with_decimal_strings(world, rooms):
    document = evaluate_json("--as-of", "2026-03-01T04:00")
    scores = {score["subject"]: score for score in document["scores"]}

    inside = scores[f"project:{world.inside.project.pk}"]
    assert inside["name"] == world.inside.project.name and inside["on"] == "2026-03-01"
    assert isinstance(inside["score"], str) and isinstance(inside["points"], str)
    assert float(inside["score"]) < 100 and inside["open_findings"] >= 1
    assert scores[f"enterprise:{world.inside.enterprise.pk}"]["name"] == world.inside.enterprise.name


def test_a_date_means_the_end_of_that_day_in_beijing_time(rooms):
    document = evaluate_json("--as-of", "2026-03-01")

    assert document["as_of"] == "2026-03-01T23:59:59.999999+08:00"
    assert {score["on"] for score in document["scores"]} == {"2026-03-01"}


def test_today_means_now_and_a_moment_to_come_is_refused(rooms):
    today = timezone.localdate().isoformat()
    as_of = datetime.datetime.fromisoformat(evaluate_json("--as-of", today)["as_of"])
    assert as_of <= timezone.now()
    later = timezone.localtime() + datetime.timedelta(hours=2)
    with pytest.raises(CommandError, match="future"):
        run("--as-of", later.strftime("%Y-%m-%dT%H:%M"))


@pytest.mark.parametrize("value", ["2026-13-01", "yesterday", "2026-03-01 25:00"])
def test_a_bad_as_of_is_refused(value):
    with pytest.raises(CommandError, match="as-of"):
        run("--as-of", value)


def test_project_limits_the_run_and_the_document(world, rooms):
    inside, outside = rooms
    document = evaluate_json("--as-of", "2026-03-01T04:00", "--project", str(inside.project_id))

    assert gaps(document) == gaps(document, inside) != []
    assert {f["subject"] for f in document["findings"]} <= {f"powerroom:{inside.pk}"} | {
        f["subject"] for f in document["findings"] if f["check"] != "4.8.round_gap"
    }
    assert [score["subject"] for score in document["scores"]] == [f"project:{inside.project_id}"]
    assert EvaluationRun.objects.get().projects == 1


def test_an_unknown_project_is_refused_and_nothing_runs(rooms):
    with pytest.raises(CommandError, match="999999"):
        run("--project", "999999")
    assert not EvaluationRun.objects.exists()


def test_a_second_run_gives_the_same_findings(rooms):
    first = evaluate_json("--as-of", "2026-03-01T04:00", "--full")
    rows = list(Finding.objects.order_by("pk").values())
    second = evaluate_json("--as-of", "2026-03-01T04:00", "--full")

    assert second["findings"] == first["findings"] != []
    assert list(Finding.objects.order_by("pk").values()) == rows


def test_an_incremental_run_after_one_new_round_touches_only_that_room(world, rooms):
    inside, outside = rooms
    evaluate_json("--as-of", "2026-03-01T04:00")

    def rows(room):
        findings = Finding.objects.filter(subject=f"powerroom:{room.pk}").order_by("pk")
        return list(findings.values_list("pk", "state", "period_start", "period_end", "evidence"))

    untouched = rows(outside)
    others = list(
        Finding.objects.exclude(subject__startswith="powerroom:").values_list("pk", "state", "period_end")
    )
    power_round(world, inside, at(1, 4, 10))

    stderr = StringIO()
    document = json.loads(run("--as-of", "2026-03-01T04:30", stderr=stderr))

    run_row = EvaluationRun.objects.order_by("-started_at").first()
    assert (run_row.full, run_row.projects) == (False, 1)
    assert rows(outside) == untouched
    assert others == list(
        Finding.objects.exclude(subject__startswith="powerroom:").values_list("pk", "state", "period_end")
    )
    (closed,) = gaps(document, inside)
    assert (closed["state"], closed["period_end"]) == ("closed", "2026-03-01T04:10:00+08:00")
    assert "4.8.round_gap" in stderr.getvalue()


def test_the_table_groups_findings_by_clause_then_scores(world, rooms):
    table = run("--as-of", "2026-03-01T04:00", "--format", "table")

    assert "4.8 " in table and "1号配电室" in table and "未整改" in table
    assert f"project:{world.inside.project.pk}" in table
    assert "findings," in table.splitlines()[-1]


def test_looking_back_before_the_last_run_is_shown_and_not_kept(rooms):
    inside, outside = rooms
    evaluate_json("--as-of", "2026-03-01T04:00")
    stored = list(Finding.objects.order_by("pk").values())
    runs = EvaluationRun.objects.count()

    stderr = StringIO()
    document = json.loads(run("--as-of", "2026-03-01T01:30", stderr=stderr))

    assert document["as_of"] == "2026-03-01T01:30:00+08:00"
    assert gaps(document, inside) == []  # at 01:30 its rounds were on time
    (late,) = gaps(document, outside)  # the round of 02:00 was not done yet
    assert (late["state"], late["period_start"], late["period_end"]) == (
        "open",
        "2026-03-01T00:00:00+08:00",
        None,
    )
    assert "not kept" in stderr.getvalue()
    assert list(Finding.objects.order_by("pk").values()) == stored
    assert EvaluationRun.objects.count() == runs


def test_a_finding_whose_period_had_not_begun_is_not_in_the_document(world):
    common = {
        "check_id": "1.1.licence_valid",
        "clause_id": "1.1",
        "party": "B",
        "severity": "major",
        "points": 5,
    }
    for key, start in (("then", at(1, 0)), ("later", at(2, 0))):
        Finding.objects.create(
            key=key,
            subject=f"enterprise:{world.inside.enterprise.pk}",
            subject_name=key,
            enterprise=world.inside.enterprise,
            state="open",
            message=key,
            period_start=start,
            first_found_at=start,
            **common,
        )

    document = evaluation_document(at(1, 12))

    assert [finding["message"] for finding in document["findings"]] == ["then"]


def test_no_evaluation_while_another_runs(rooms):
    with evaluation_lock, pytest.raises(CommandError, match="another evaluation is running"):
        run("--full")
    assert not EvaluationRun.objects.exists()
    run("--full")
    assert EvaluationRun.objects.count() == 1
