"""verify_evidence: intact chains pass; an altered, deleted or relinked record is named, first break first."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from wuye.core.canonical import chain_hash
from wuye.core.evidence import EvidenceChain
from wuye.core.verification import evidence_models
from wuye.safety.actions import fix_defect, record_power_round
from wuye.safety.models import Defect, DefectFix, PowerRoom, PowerRound

pytestmark = pytest.mark.django_db


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime(2026, 3, day, hour, minute))


def power_round(world, room, when, problems=""):
    states = dict.fromkeys(room.supplies, "running")
    record = PowerRound(power_room=room, occurred_at=when, inspector="王师傅", supply_states=states)
    record.problems = problems
    return record_power_round(
        world.users["admin"], record, channel="phone", now=when + datetime.timedelta(minutes=1)
    )


def fix(world, room, when):
    defect = Defect.objects.filter(project=room.project, fixed_at__isnull=True).get()
    record = DefectFix(defect=defect, occurred_at=when, note="已更换")
    return fix_defect(world.users["admin"], record, channel="web", now=when + datetime.timedelta(minutes=1))


@pytest.fixture
def chains(world):
    """Two projects, each a chain of power rounds and a defect fix, written interleaved: {chain: records}."""
    rooms = [
        PowerRoom.objects.create(
            project=side.project, name="1号配电室", supplies=["1#变压器"], in_service_from=at(1, 0).date()
        )
        for side in (world.inside, world.outside)
    ]
    records = {f"project:{room.project_id}": [] for room in rooms}
    for hour in range(4):
        for room in rooms:
            problems = "柜门锁损坏" if hour == 1 else ""
            records[f"project:{room.project_id}"].append(power_round(world, room, at(1, hour), problems))
            if hour == 2:
                records[f"project:{room.project_id}"].append(fix(world, room, at(1, hour, 30)))
    return records


def verify(*args):
    out = StringIO()
    call_command("verify_evidence", *args, stdout=out)
    return out.getvalue()


def broken(*args) -> str:
    with pytest.raises(CommandError) as raised:
        verify(*args)
    assert raised.value.returncode != 0
    return str(raised.value)


def execute(sql, *params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def where(record):
    return f"{record._meta.label_lower}:{record.pk} in chain {record.chain} at #{record.chain_seq}"


def test_every_evidence_table_is_found():
    assert {PowerRound, DefectFix} <= set(evidence_models())


def test_intact_chains_across_two_tables_pass(chains):
    assert [type(r).__name__ for r in next(iter(chains.values()))] == [
        "PowerRound",
        "PowerRound",
        "PowerRound",
        "DefectFix",
        "PowerRound",
    ]
    assert "intact: 2 chains, 10 records" in verify()


def test_a_record_altered_in_the_database_is_named(chains):
    target = chains[min(chains)][2]
    execute("UPDATE safety_powerround SET inspector = %s WHERE id = %s", "别人", target.pk)
    assert f"{where(target)}: hash does not match its content" in broken()


def test_an_altered_defect_fix_is_named(chains):
    target = chains[max(chains)][3]
    execute("UPDATE safety_defectfix SET note = %s WHERE id = %s", "未处理", target.pk)
    assert f"{where(target)}: hash does not match its content" in broken()


def test_the_first_break_is_named_when_there_are_several(chains):
    first, later = chains[min(chains)][1], chains[max(chains)][0]
    execute("UPDATE safety_powerround SET inspector = %s WHERE id IN (%s, %s)", "别人", first.pk, later.pk)
    message = broken()
    assert where(first) in message and where(later) not in message


def test_a_deleted_record_leaves_a_sequence_gap(chains):
    gone, next_one = chains[min(chains)][1:3]
    execute("DELETE FROM safety_powerround WHERE id = %s", gone.pk)
    assert f"{where(next_one)}: sequence gap, #2 missing" in broken()


def test_a_deleted_last_record_disagrees_with_the_chain_head(chains):
    *_, before, last = chains[min(chains)]
    execute("DELETE FROM safety_powerround WHERE id = %s", last.pk)
    assert f"{where(before)}: the chain head counts 5 records, #5 missing" in broken()


def test_swapped_prev_hashes_are_named(chains):
    one, two = chains[max(chains)][1:3]
    execute("UPDATE safety_powerround SET prev_hash = %s WHERE id = %s", two.prev_hash, one.pk)
    execute("UPDATE safety_powerround SET prev_hash = %s WHERE id = %s", one.prev_hash, two.pk)
    assert f"{where(one)}: prev_hash does not match the hash of #1" in broken()


def test_a_rewritten_record_with_a_recomputed_hash_breaks_the_next_link(chains):
    forged, next_one = chains[min(chains)][1:3]
    execute("UPDATE safety_powerround SET inspector = %s WHERE id = %s", "别人", forged.pk)
    forged = PowerRound.objects.get(pk=forged.pk)
    new_hash = chain_hash("safety.powerround", forged.content(), forged.prev_hash)
    execute("UPDATE safety_powerround SET hash = %s WHERE id = %s", new_hash, forged.pk)
    assert (
        f"{where(next_one)}: prev_hash does not match the hash of #2 (safety.powerround:{forged.pk})"
        in broken()
    )


def test_a_chain_head_that_was_moved_is_named(chains):
    last = chains[min(chains)][-1]
    EvidenceChain.objects.filter(key=last.chain).update(head="f" * 64)
    assert f"{where(last)}: the chain head's hash does not match this record's" in broken()


def test_a_head_without_records_is_named(chains):
    EvidenceChain.objects.create(key="project:999999", length=3, head="a" * 64)
    assert "chain project:999999: the chain head counts 3 records, #1-#3 missing" in broken()


def test_one_chain_can_be_checked_alone(chains):
    bad = chains[max(chains)][0]
    execute("UPDATE safety_powerround SET inspector = %s WHERE id = %s", "别人", bad.pk)
    assert "intact: 1 chains, 5 records" in verify("--chain", min(chains))
    assert where(bad) in broken("--chain", max(chains))
    assert "project:0" in broken("--chain", "project:0")


def test_no_evidence_at_all_is_intact(db):
    assert "intact: 0 chains, 0 records" in verify()
