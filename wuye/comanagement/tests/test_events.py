"""The regulator's events: only regulators record them; each is a finding of the check its kind feeds
(1.8, 3.6, 3.8), against the enterprise named; the enterprise reads its own and may appeal; an appeal
upheld withdraws the finding."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from wuye.comanagement.actions_events import record_event
from wuye.comanagement.choices_events import CHECK_OF_KIND, EventKind
from wuye.comanagement.models import RegulatorEvent
from wuye.comanagement.tests.helpers import event, local
from wuye.compliance.actions import decide_appeal, file_appeal
from wuye.compliance.engine import evaluate
from wuye.compliance.models import Finding, FindingState
from wuye.compliance.review import APPEAL_UPHELD

pytestmark = pytest.mark.django_db
CHECKS = set(CHECK_OF_KIND.values())
AS_OF = local(2025, 6, 1, 12)


@pytest.mark.parametrize("kind", list(EventKind))
def test_each_kind_is_a_finding_of_its_check_on_its_day(world, kind):
    recorded = event(world.inside, kind)
    evaluate(AS_OF, full=True, checks=CHECKS, scores=False)
    [finding] = Finding.objects.filter(check_id__in=CHECKS)
    assert finding.check_id == CHECK_OF_KIND[kind]
    assert finding.subject == f"regulatorevent:{recorded.pk}"
    assert (
        finding.enterprise_id == world.inside.enterprise.pk and finding.project_id == world.inside.project.pk
    )
    assert finding.period_start == local(2025, 5, 1) and finding.period_end == local(2025, 5, 2)


def test_an_event_on_the_enterprise_alone_and_one_not_yet_occurred(world):
    event(world.inside, EventKind.LABOUR_RULING, project=False)
    event(world.inside, EventKind.NEGATIVE_PRESS, on=datetime.date(2025, 6, 2))
    evaluate(AS_OF, full=True, checks=CHECKS, scores=False)
    [finding] = Finding.objects.filter(check_id__in=CHECKS)
    assert finding.check_id == "1.8.internal_relations" and finding.project_id is None
    assert finding.subject_name.startswith(world.inside.enterprise.name)


def test_an_appeal_upheld_withdraws_the_events_finding(world):
    event(world.inside)
    evaluate(AS_OF, full=True, checks=CHECKS, scores=False)
    finding = Finding.objects.get(check_id="3.6.regulator_event")
    appeal = file_appeal(world.users["manager"], finding, "上访系供热公司问题，与物业无关。", now=AS_OF)
    decide_appeal(
        world.users["regulator_bt"], appeal, True, "经核实属实。", now=AS_OF + datetime.timedelta(days=2)
    )
    finding.refresh_from_db()
    assert finding.state == FindingState.WITHDRAWN and finding.withdrawn_reason == APPEAL_UPHELD


def new_event(side, **fields):
    return RegulatorEvent(
        enterprise=side.enterprise,
        project=side.project,
        kind=EventKind.PETITION,
        occurred_on=datetime.date(2025, 5, 1),
        source="信访登记",
        description="集体上访",
        **fields,
    )


@pytest.mark.parametrize("who", ["regulator", "regulator_bt", "admin"])
def test_regulators_record_events_stamped_with_who(world, who):
    recorded = record_event(world.users[who], new_event(world.inside))
    assert recorded.recorded_by == world.users[who] and recorded.recorded_at is not None


@pytest.mark.parametrize("who", ["manager", "staff", "committee", "owner", "developer", "stranger"])
def test_nobody_else_records_an_event_and_nothing_is_written(world, who):
    with pytest.raises(PermissionDenied):
        record_event(world.users[who], new_event(world.inside))
    assert not RegulatorEvent.objects.exists()


def test_a_regulator_of_another_city_is_refused_and_nothing_is_written(world):
    with pytest.raises(PermissionDenied):
        record_event(world.users["regulator_bt"], new_event(world.outside))
    assert not RegulatorEvent.objects.exists()


def test_the_enterprise_reads_its_own_events_only(world):
    mine, theirs = event(world.inside), event(world.outside)
    assert list(RegulatorEvent.objects.visible_to(world.users["manager"])) == [mine]
    assert set(RegulatorEvent.objects.visible_to(world.users["regulator"])) == {mine, theirs}
    assert list(RegulatorEvent.objects.visible_to(world.users["regulator_bt"])) == [mine]
    assert list(RegulatorEvent.objects.visible_to(world.users["committee"])) == [mine]
    assert not RegulatorEvent.objects.visible_to(world.users["stranger"]).exists()


def test_an_event_on_a_project_the_enterprise_did_not_serve_then_is_refused(world):
    from django.core.exceptions import ValidationError

    wrong = new_event(world.inside)
    wrong.enterprise = world.outside.enterprise
    with pytest.raises(ValidationError) as refused:
        record_event(world.users["regulator"], wrong)
    assert refused.value.message_dict["project"] == ["事件发生时该企业未服务此项目。"]
    early = new_event(world.inside)
    early.occurred_on = datetime.date(2020, 12, 31)
    with pytest.raises(ValidationError):
        record_event(world.users["regulator"], early)
    assert not RegulatorEvent.objects.exists()
