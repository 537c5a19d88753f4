"""The takeover workflow's actions: every move of the table, each refusal (nothing written), who may write."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from wuye.lifecycle import actions_takeover as actions
from wuye.lifecycle.choices_takeover import ArchiveCategory, FixParty, InspectionArea, InspectionResult
from wuye.lifecycle.choices_takeover import TakeoverStatus as S
from wuye.lifecycle.models import DocumentHandover, InspectionItem, Takeover, TakeoverMove, TakeoverProblem
from wuye.lifecycle.tests import takeover_factories as t

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def pdf(name="agreement.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


def today():
    return timezone.localdate()


def walk(world, record, to, **data):
    return actions.move_takeover(world.users["manager"], record, to, **data)


def unchanged(record, status, moves=0):
    record.refresh_from_db()
    assert record.status == status
    assert TakeoverMove.objects.filter(takeover=record).count() == moves


def test_the_whole_way_is_three_moves_each_a_chained_row(world):
    record = t.takeover(world)
    walk(world, record, S.INSPECTING, day=today() - 9 * DAY)
    walk(world, record, S.AGREED, finished_on=today() - 3 * DAY, day=today() - 2 * DAY, agreement_file=pdf())
    walk(world, record, S.FILED, day=today(), filing_number="包物备〔2026〕12号")
    record.refresh_from_db()
    assert record.status == S.FILED and record.filing_number == "包物备〔2026〕12号"
    assert record.inspection_started_on == today() - 9 * DAY and record.agreement_file.name
    assert record.service_period == world.inside.period  # linked when filed
    moves = list(TakeoverMove.objects.filter(takeover=record).order_by("chain_seq"))
    assert [(m.from_status, m.to_status) for m in moves] == [
        (S.REGISTERED, S.INSPECTING),
        (S.INSPECTING, S.AGREED),
        (S.AGREED, S.FILED),
    ]
    assert moves[1].prev_hash == moves[0].hash and all(m.recorded_by == world.users["manager"] for m in moves)


@pytest.mark.parametrize("start", [S.REGISTERED, S.INSPECTING])
def test_a_takeover_not_yet_agreed_may_be_cancelled_with_a_reason(world, start):
    record = t.takeover(world, status=start, inspection_started_on=today())
    with pytest.raises(ValidationError) as error:
        walk(world, record, S.CANCELLED)
    assert "撤销须说明原因" in str(error.value)
    unchanged(record, start)
    walk(world, record, S.CANCELLED, note="业主委员会另选物业")
    unchanged(record, S.CANCELLED, moves=1)


@pytest.mark.parametrize(
    ("start", "to"),
    [
        (S.REGISTERED, S.AGREED),
        (S.REGISTERED, S.FILED),
        (S.INSPECTING, S.FILED),
        (S.AGREED, S.INSPECTING),
        (S.AGREED, S.CANCELLED),
        (S.FILED, S.INSPECTING),
        (S.CANCELLED, S.INSPECTING),
        (S.REGISTERED, "nowhere"),
    ],
)
def test_a_move_not_in_the_table_is_refused_and_nothing_written(world, start, to):
    record = t.takeover(world, status=start)
    with pytest.raises(ValidationError) as error:
        walk(world, record, to, day=today(), note="x", filing_number="1")
    assert "接管不能从" in str(error.value)
    unchanged(record, start)


def test_a_day_in_the_future_is_refused(world):
    record = t.takeover(world)
    with pytest.raises(ValidationError) as error:
        walk(world, record, S.INSPECTING, day=today() + DAY)
    assert error.value.message_dict == {"day": ["日期不能晚于今天。"]}
    unchanged(record, S.REGISTERED)


def test_an_inspection_finished_after_the_agreement_is_refused(world):
    record = t.takeover(world, status=S.INSPECTING, inspection_started_on=today() - 5 * DAY)
    with pytest.raises(ValidationError) as error:
        walk(world, record, S.AGREED, finished_on=today() - DAY, day=today() - 2 * DAY, agreement_file=pdf())
    assert error.value.message_dict == {"finished_on": ["查验完成日期不得晚于查验协议签订日期。"]}
    with pytest.raises(ValidationError) as error:
        walk(world, record, S.AGREED, finished_on=today() - 6 * DAY, day=today(), agreement_file=pdf())
    assert "不得早于查验开始日期" in str(error.value)
    unchanged(record, S.INSPECTING)
    assert not Takeover.objects.get(pk=record.pk).inspection_finished_on


def test_the_agreement_needs_its_scan_of_an_accepted_type(world):
    record = t.takeover(world, status=S.INSPECTING, inspection_started_on=today() - 5 * DAY)
    with pytest.raises(ValidationError) as error:
        walk(world, record, S.AGREED, finished_on=today(), day=today())
    assert error.value.message_dict == {"agreement_file": ["请上传文件。"]}
    with pytest.raises(ValidationError) as error:
        walk(world, record, S.AGREED, finished_on=today(), day=today(), agreement_file=pdf("a.exe"))
    assert "文件类型须为" in str(error.value)
    unchanged(record, S.INSPECTING)


def test_filing_needs_a_number_and_a_day_not_before_the_agreement(world):
    record = t.takeover(
        world,
        status=S.AGREED,
        inspection_started_on=today(),
        inspection_finished_on=today(),
        agreement_signed_on=today(),
    )
    with pytest.raises(ValidationError) as error:
        walk(world, record, S.FILED, day=today(), filing_number=" ")
    assert error.value.message_dict == {"filing_number": ["请填写备案编号。"]}
    with pytest.raises(ValidationError) as error:
        walk(world, record, S.FILED, day=today() - DAY, filing_number="1")
    assert "不得早于查验协议签订日期" in str(error.value)
    unchanged(record, S.AGREED)


@pytest.mark.parametrize("role", ["staff", "developer", "committee", "regulator", "owner", "stranger"])
def test_only_the_incoming_enterprise_moves_its_takeover(world, role):
    record = t.takeover(world)
    with pytest.raises(PermissionDenied):
        actions.move_takeover(world.users[role], record, S.INSPECTING, day=today())
    unchanged(record, S.REGISTERED)


def test_the_incoming_enterprise_registers_a_takeover_on_its_contract_once(world):
    fields = {
        "project": world.inside.project,
        "enterprise": world.inside.enterprise,
        "contract": world.inside.contract,
        "taken_over_on": today(),
    }
    with pytest.raises(PermissionDenied):
        actions.register_takeover(world.users["staff"], Takeover(**fields))
    record = actions.register_takeover(world.users["manager"], Takeover(**fields))
    assert record.status == S.REGISTERED and record.created_by == world.users["manager"]
    with pytest.raises(ValidationError) as error:
        actions.register_takeover(world.users["manager"], Takeover(**fields))
    assert "已有一项接管在办理" in str(error.value)
    other = dict(fields, contract=world.outside.contract)
    with pytest.raises(ValidationError) as error:
        actions.register_takeover(world.users["admin"], Takeover(**other))
    assert "该合同不属于本项目" in str(error.value)
    assert Takeover.objects.count() == 1


# -- checklist, documents, problems ------------------------------------------------------------------


def item(record, **fields):
    values = {
        "takeover": record,
        "area": InspectionArea.BUILDING_PARTS,
        "item": "roof",
        "result": InspectionResult.OK,
        "inspected_on": today(),
    }
    values.update(fields)
    return InspectionItem(**values)


def test_a_checklist_line_is_on_the_catalogue_list_and_a_problem_is_described(world):
    record = t.takeover(world)
    manager = world.users["manager"]
    actions.save_item(manager, item(record))
    with pytest.raises(ValidationError) as error:
        actions.save_item(manager, item(record, item="swimming_pool"))
    assert "不在该类别的查验清单中" in str(error.value)
    with pytest.raises(ValidationError) as error:
        actions.save_item(manager, item(record, item="lifts", area=InspectionArea.BUILDING_PARTS))
    with pytest.raises(ValidationError) as error:
        actions.save_item(manager, item(record, item="facade", result=InspectionResult.PROBLEM))
    assert error.value.message_dict == {"problem": ["查验结果为有问题时须描述问题。"]}
    with pytest.raises(ValidationError) as error:
        actions.save_item(manager, item(record, item="facade", inspected_on=today() + DAY))
    with pytest.raises(ValidationError) as error:
        actions.save_item(manager, item(record, item="facade", photo=SimpleUploadedFile("a.pdf", b"x")))
    assert "文件类型须为" in str(error.value)
    with pytest.raises(PermissionDenied):
        actions.save_item(world.users["staff"], item(record, item="beams"))
    assert list(InspectionItem.objects.values_list("item", flat=True)) == ["roof"]


def test_no_checklist_line_after_the_agreement(world):
    record = t.takeover(world, agreement_signed_on=today() - DAY, inspection_finished_on=today() - DAY)
    with pytest.raises(ValidationError) as error:
        actions.save_item(world.users["manager"], item(record))
    assert "不得晚于查验协议签订日期" in str(error.value)
    assert not InspectionItem.objects.exists()


def handover(record, **fields):
    values = {
        "takeover": record,
        "category": ArchiveCategory.COMPLETION_SITE_PLAN,
        "handed_over_on": today(),
        "handed_by": "张工",
        "received_by": "李经理",
    }
    values.update(fields)
    return DocumentHandover(**values)


@pytest.mark.parametrize(
    ("role", "allowed"), [("developer", True), ("manager", True), ("staff", False), ("committee", False)]
)
def test_the_developer_records_its_own_handover(world, role, allowed):
    record = t.takeover(world)
    if allowed:
        actions.save_handover(world.users[role], handover(record))
        assert DocumentHandover.objects.count() == 1
    else:
        with pytest.raises(PermissionDenied):
            actions.save_handover(world.users[role], handover(record))
        assert not DocumentHandover.objects.exists()


def test_a_handover_in_the_future_or_of_another_category_is_refused(world):
    record = t.takeover(world)
    with pytest.raises(ValidationError) as error:
        actions.save_handover(world.users["developer"], handover(record, handed_over_on=today() + DAY))
    assert error.value.message_dict == {"handed_over_on": ["日期不能晚于今天。"]}
    with pytest.raises(ValidationError):
        actions.save_handover(
            world.users["developer"], handover(record, category=ArchiveCategory.OWNER_REGISTER)
        )
    actions.save_handover(world.users["developer"], handover(record))
    with pytest.raises(ValidationError) as error:
        actions.save_handover(world.users["developer"], handover(record))
    assert "该类资料已登记移交" in str(error.value)
    assert DocumentHandover.objects.count() == 1


def test_a_problem_has_a_due_day_not_before_it_was_found_and_is_fixed_in_the_past(world):
    record = t.takeover(world)
    manager = world.users["manager"]
    base = {"takeover": record, "description": "井盖缺失", "fixer": FixParty.DEVELOPER, "found_on": today()}
    with pytest.raises(ValidationError) as error:
        actions.save_problem(manager, TakeoverProblem(**base, due_on=today() - DAY))
    assert error.value.message_dict == {"due_on": ["整改期限不得早于发现日期。"]}
    problem = actions.save_problem(manager, TakeoverProblem(**base, due_on=today() + 10 * DAY))
    problem.fixed_on = today() + DAY
    with pytest.raises(ValidationError):
        actions.save_problem(manager, problem)
    assert TakeoverProblem.objects.get().fixed_on is None
    with pytest.raises(PermissionDenied):
        actions.save_problem(world.users["developer"], TakeoverProblem(**base, due_on=today()))
    assert TakeoverProblem.objects.count() == 1


def test_a_cancelled_takeover_takes_no_more_records(world):
    record = t.takeover(world, status=S.CANCELLED)
    with pytest.raises(ValidationError):
        actions.save_item(world.users["manager"], item(record))
    assert not InspectionItem.objects.exists()


def test_moves_offered_follow_the_table():
    assert actions.moves_from(S.REGISTERED) == [S.INSPECTING, S.CANCELLED]
    assert actions.moves_from(S.INSPECTING) == [S.AGREED, S.CANCELLED]
    assert actions.moves_from(S.AGREED) == [S.FILED]
    assert actions.moves_from(S.FILED) == [] and actions.moves_from(S.CANCELLED) == []
