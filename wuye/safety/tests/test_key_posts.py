"""Clause 1.3: the key posts a project's equipment requires, held by people with valid certificates of the
right kind; and the certificate shown for a post held by the person in it."""

import datetime

import pytest
from django.utils import timezone

from wuye.compliance.duties import start_of_day
from wuye.compliance.engine import evaluate
from wuye.compliance.models import Finding, ParameterOverride
from wuye.enterprises.choices import CertificateKind, PostKind
from wuye.safety.checks.key_posts import CertificateHolderMatch, KeyPostsCertified
from wuye.safety.tests.world import add_power_rooms
from wuye.testing import factories as f
from wuye.testing.identifiers import citizen_id

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
ONE_DAY = datetime.timedelta(days=1)


def drafts(check, world=None):
    return {d.subject: d for d in check().run(timezone.now(), None)}


def electrician(side, *, valid_to=datetime.date(2099, 12, 31), start=datetime.date(2024, 1, 1), staff=None):
    staff = staff or f.StaffFactory(enterprise=side.enterprise, name="张电工")
    f.CertificateFactory(staff=staff, kind=CertificateKind.ELECTRICIAN, valid_to=valid_to)
    return f.PostFactory(staff=staff, project=side.project, kind=PostKind.ELECTRICIAN, start=start)


def test_a_power_room_without_a_certified_electrician_is_found_from_the_day_the_room_came_in(world):
    add_power_rooms(world)
    found = drafts(KeyPostsCertified)
    inside = found[f"project:{world.inside.project.pk}:electrician"]
    assert inside.period_start == start_of_day(world.inside.powerroom.in_service_from)
    assert inside.period_end is None
    assert "配电室" in inside.message and "电工" in inside.message
    assert inside.enterprise_id == world.inside.enterprise.pk
    assert f"project:{world.outside.project.pk}:electrician" in found


def test_no_power_room_no_electrician_needed(world):
    assert drafts(KeyPostsCertified) == {}


def test_a_certified_electrician_in_post_satisfies_it(world):
    add_power_rooms(world)
    electrician(world.inside)
    found = drafts(KeyPostsCertified)
    assert f"project:{world.inside.project.pk}:electrician" not in found
    assert f"project:{world.outside.project.pk}:electrician" in found


def test_a_certificate_that_lapsed_yesterday_opens_it_today(world):
    add_power_rooms(world)
    electrician(world.inside, valid_to=TODAY - ONE_DAY)
    found = drafts(KeyPostsCertified)[f"project:{world.inside.project.pk}:electrician"]
    assert found.period_start == start_of_day(TODAY)
    assert "enterprises.post:" in " ".join(found.evidence)


def test_a_certificate_valid_through_today_still_counts(world):
    add_power_rooms(world)
    electrician(world.inside, valid_to=TODAY)
    assert f"project:{world.inside.project.pk}:electrician" not in drafts(KeyPostsCertified)


def test_a_certificate_of_another_kind_or_another_enterprises_electrician_does_not_count(world):
    add_power_rooms(world)
    staff = f.StaffFactory(enterprise=world.inside.enterprise)
    f.CertificateFactory(staff=staff, kind=CertificateKind.FIRE_OPERATOR)
    f.PostFactory(staff=staff, project=world.inside.project, kind=PostKind.ELECTRICIAN)
    electrician(world.inside, staff=f.StaffFactory(enterprise=world.outside.enterprise))
    assert f"project:{world.inside.project.pk}:electrician" in drafts(KeyPostsCertified)


def test_a_post_starting_tomorrow_does_not_count_yet(world):
    add_power_rooms(world)
    electrician(world.inside, start=TODAY + ONE_DAY)
    assert f"project:{world.inside.project.pk}:electrician" in drafts(KeyPostsCertified)


def test_a_division_may_take_the_post_off_its_list(world):
    add_power_rooms(world)
    ParameterOverride.objects.create(
        check_id="1.3.key_posts_certified",
        name="key_posts",
        division_id=world.inside.project.division_id[:4] + "00",
        valid_from=TODAY - ONE_DAY,
        value=["elevator_safety_manager", "fire_control_operator"],
        reason="test",
        set_by=world.users["regulator"],
    )
    found = drafts(KeyPostsCertified)
    assert f"project:{world.inside.project.pk}:electrician" not in found
    assert f"project:{world.outside.project.pk}:electrician" in found


def test_a_post_held_on_someone_elses_certificate_is_found(world):
    lender = f.StaffFactory(enterprise=world.inside.enterprise, name="李持证")
    certificate = f.CertificateFactory(staff=lender, kind=CertificateKind.ELECTRICIAN, number="T-1")
    post = f.PostFactory(
        staff=world.inside.staff,
        project=world.inside.project,
        kind=PostKind.ELECTRICIAN,
        certificate=certificate,
    )
    found = drafts(CertificateHolderMatch)
    assert set(found) == {f"post:{post.pk}"}
    draft = found[f"post:{post.pk}"]
    assert "李持证" in draft.message and "T-1" in draft.message
    assert draft.evidence == [f"enterprises.post:{post.pk}", f"enterprises.certificate:{certificate.pk}"]


def test_the_holders_own_certificate_or_the_same_person_elsewhere_matches(world):
    own = f.CertificateFactory(staff=world.inside.staff, kind=CertificateKind.ELECTRICIAN)
    f.PostFactory(
        staff=world.inside.staff, project=world.inside.project, kind=PostKind.ELECTRICIAN, certificate=own
    )
    # The same man (one citizen ID) registered by the other enterprise too: still himself.
    number = citizen_id(9001)
    twin = f.StaffFactory(enterprise=world.inside.enterprise, id_number=number)
    twin_elsewhere = f.StaffFactory(enterprise=world.outside.enterprise, id_number=number)
    theirs = f.CertificateFactory(staff=twin_elsewhere, kind=CertificateKind.ELECTRICIAN)
    f.PostFactory(staff=twin, project=world.inside.project, kind=PostKind.ELECTRICIAN, certificate=theirs)
    assert drafts(CertificateHolderMatch) == {}


def test_an_ended_post_is_not_looked_at(world):
    lender = f.StaffFactory(enterprise=world.inside.enterprise)
    certificate = f.CertificateFactory(staff=lender, kind=CertificateKind.ELECTRICIAN)
    f.PostFactory(
        staff=world.inside.staff,
        project=world.inside.project,
        kind=PostKind.ELECTRICIAN,
        certificate=certificate,
        end=TODAY - ONE_DAY,
    )
    assert drafts(CertificateHolderMatch) == {}


def test_evaluation_stores_them_under_clause_1_3(world):
    add_power_rooms(world)
    evaluate(checks={"1.3.key_posts_certified"}, scores=False)
    subjects = set(
        Finding.objects.filter(check_id="1.3.key_posts_certified").values_list("subject", flat=True)
    )
    assert subjects == {
        f"project:{world.inside.project.pk}:electrician",
        f"project:{world.outside.project.pk}:electrician",
    }


def test_elevators_ask_for_a_certified_elevator_safety_manager(world, settings, tmp_path):
    from wuye.safety.tests.world import add_elevators

    settings.MEDIA_ROOT = tmp_path
    add_elevators(world)
    staff = f.StaffFactory(enterprise=world.inside.enterprise)
    f.CertificateFactory(staff=staff, kind=CertificateKind.ELEVATOR_SAFETY)
    f.PostFactory(staff=staff, project=world.inside.project, kind=PostKind.ELEVATOR_SAFETY)
    found = drafts(KeyPostsCertified)
    assert f"project:{world.inside.project.pk}:elevator_safety_manager" not in found
    outside = found[f"project:{world.outside.project.pk}:elevator_safety_manager"]
    assert "电梯" in outside.message
    assert outside.period_start == start_of_day(world.outside.elevator.in_service_from)


def test_a_fire_control_room_asks_for_two_certified_operators(world):
    from wuye.safety.choices_fire import FireEquipmentKind
    from wuye.safety.models import FireEquipment

    FireEquipment.objects.create(
        project=world.inside.project,
        name="消防控制室",
        kind=FireEquipmentKind.CONTROL_ROOM,
        in_service_from=TODAY - datetime.timedelta(days=10),
    )
    subject = f"project:{world.inside.project.pk}:fire_control_operator"
    operators = []
    for n in range(2):
        staff = f.StaffFactory(enterprise=world.inside.enterprise)
        f.CertificateFactory(staff=staff, kind=CertificateKind.FIRE_OPERATOR)
        operators.append(
            f.PostFactory(staff=staff, project=world.inside.project, kind=PostKind.FIRE_OPERATOR)
        )
        found = drafts(KeyPostsCertified)
        if n == 0:
            assert "1人，少于2人" in found[subject].message
            assert found[subject].parameters["minimum"] == 2
        else:
            assert subject not in found
    assert f"project:{world.outside.project.pk}:fire_control_operator" not in found  # no control room there
