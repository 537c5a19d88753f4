"""The people checks at their boundaries: the credit code (1.1), wages by the deadline and terminations
without a lawful reason (1.4), policies on file (1.7), yearly training (3.8); and the turnover indicator."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from wuye.compliance.models import ParameterOverride
from wuye.enterprises.actions_people import (
    file_policy,
    record_termination,
    record_training,
    record_wage,
    review_termination,
)
from wuye.enterprises.checks.people import (
    CreditCodeValid,
    PoliciesOnFile,
    TrainingYearly,
    UnlawfulDismissal,
    WagesPaid,
)
from wuye.enterprises.models import (
    CreditCodeException,
    Employment,
    Enterprise,
    PolicyCategory,
    PolicyDocument,
    Termination,
    TrainingSession,
    WagePayment,
)
from wuye.enterprises.models_people import turnover
from wuye.estates.models import ServicePeriod
from wuye.testing import factories as f

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(*args):
    return datetime.datetime(*args, tzinfo=SHANGHAI)


def found(check, as_of):
    return list(check().run(as_of, None))


def mine(drafts, world):
    return [d for d in drafts if d.enterprise_id == world.inside.enterprise.pk]


@pytest.fixture
def hired(world):
    """The inside employee, hired 1 March 2025 by an enterprise serving since 2021; the outside one leaves."""
    Employment.objects.filter(pk=world.inside.employment.pk).update(start_date=datetime.date(2025, 3, 1))
    ServicePeriod.objects.filter(enterprise=world.outside.enterprise).delete()
    world.inside.employment.refresh_from_db()
    return world.inside.employment


def pay(world, employment, month, paid_on):
    return record_wage(
        world.users["manager"],
        WagePayment(employment=employment, month=month, amount=Decimal("3500.00"), paid_on=paid_on),
    )


# 1.4 wages ------------------------------------------------------------------------------------------


def test_march_wages_are_due_by_the_end_of_april(world, hired):
    assert mine(found(WagesPaid, at(2025, 4, 30, 23, 59)), world) == []
    (miss,) = mine(found(WagesPaid, at(2025, 5, 1, 0, 0)), world)
    assert miss.subject == f"employment:{hired.pk}:2025-03"
    assert miss.period_start == at(2025, 5, 1) and miss.period_end is None
    assert "至今未发放" in miss.message
    assert miss.parameters == {"bucket": "1", "due_after": "1"}


@pytest.mark.parametrize(
    ("paid", "late"), [(datetime.date(2025, 4, 30), False), (datetime.date(2025, 5, 1), True)]
)
def test_wages_paid_on_the_last_day_pass_and_a_day_later_are_late(world, hired, paid, late):
    pay(world, hired, datetime.date(2025, 3, 1), paid)
    drafts = mine(found(WagesPaid, at(2025, 5, 31, 23, 0)), world)
    expected = [f"employment:{hired.pk}:2025-03"] * late
    assert sorted(d.subject for d in drafts) == expected  # April's wages are due by the end of May
    march = [d for d in drafts if d.subject.endswith("2025-03")]
    if late:
        assert march[0].period_end == at(2025, 5, 1)
        assert "才发放" in march[0].message


def test_wages_end_with_the_month_the_employment_ended(world, hired):
    Employment.objects.filter(pk=hired.pk).update(status="ended", ended_on=datetime.date(2025, 3, 10))
    pay(world, Employment.objects.get(pk=hired.pk), datetime.date(2025, 3, 1), datetime.date(2025, 3, 31))
    assert mine(found(WagesPaid, at(2025, 9, 1)), world) == []


def test_the_wages_deadline_follows_an_override(world, hired):
    ParameterOverride.objects.create(
        check_id="1.4.wages_paid",
        name="due_after",
        division=f.division("150200"),
        valid_from=datetime.date(2020, 1, 1),
        value=2,
        reason="试行",
        set_by=world.users["regulator"],
    )
    assert mine(found(WagesPaid, at(2025, 5, 31, 23, 0)), world) == []
    assert len(mine(found(WagesPaid, at(2025, 6, 1, 0, 0)), world)) == 1


def test_a_wage_payment_is_positive_and_within_the_employment(world, hired):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        pay(world, hired, datetime.date(2025, 2, 1), datetime.date(2025, 3, 5))
    assert "month" in error.value.message_dict
    with pytest.raises(ValidationError):
        record_wage(
            world.users["manager"],
            WagePayment(
                employment=hired, month=datetime.date(2025, 3, 1), amount=0, paid_on=datetime.date(2025, 4, 1)
            ),
        )
    assert not WagePayment.objects.exists()


def test_only_the_employers_managers_enter_wages(world, hired):
    from django.core.exceptions import PermissionDenied

    for name in ("regulator", "staff", "owner"):
        with pytest.raises(PermissionDenied):
            record_wage(
                world.users[name],
                WagePayment(
                    employment=hired,
                    month=datetime.date(2025, 3, 1),
                    amount=1,
                    paid_on=datetime.date(2025, 4, 1),
                ),
            )
    assert not WagePayment.objects.exists()


# 1.4 terminations -------------------------------------------------------------------------------------


def terminate(world, reason, day=datetime.date(2025, 6, 30)):
    return record_termination(
        world.users["manager"], Termination(employment=world.inside.employment, date=day, reason=reason)
    )


def test_a_termination_with_a_lawful_category_is_no_finding(world):
    terminate(world, "agreed")
    employment = Employment.objects.get(pk=world.inside.employment.pk)
    assert (employment.status, employment.ended_on, employment.end_reason) == (
        "ended",
        datetime.date(2025, 6, 30),
        "agreed",
    )
    assert mine(found(UnlawfulDismissal, at(2030, 1, 1)), world) == []


def test_one_without_a_lawful_category_is_flagged_until_the_regulator_finds_it_lawful(world):
    termination = terminate(world, "none")
    (draft,) = mine(found(UnlawfulDismissal, at(2030, 1, 1)), world)
    assert draft.subject == f"termination:{termination.pk}"
    assert draft.period_start == at(2025, 6, 30) and draft.period_end is None
    review_termination(world.users["regulator_bt"], termination, "unlawful", "未提供依据")
    assert mine(found(UnlawfulDismissal, at(2030, 1, 1)), world)[0].period_end is None
    termination = review_termination(world.users["regulator"], termination, "lawful")
    (draft,) = mine(found(UnlawfulDismissal, at(2030, 1, 1)), world)
    assert draft.period_end == termination.reviewed_at


def test_only_regulators_over_the_enterprise_review(world):
    from django.core.exceptions import PermissionDenied

    termination = terminate(world, "none")
    for name in ("manager", "staff", "owner", "committee"):
        with pytest.raises(PermissionDenied):
            review_termination(world.users[name], termination, "lawful")
    assert Termination.objects.get(pk=termination.pk).reviewed_at is None


# 1.7 policies ------------------------------------------------------------------------------------------


def policy(world, category, occurred_at):
    record = PolicyDocument(
        enterprise=world.inside.enterprise,
        category=category,
        title="制度",
        occurred_at=occurred_at,
        attachment=SimpleUploadedFile("p.pdf", b"%PDF-1.4"),
    )
    return file_policy(world.users["manager"], record, channel="web", now=occurred_at)


def test_each_policy_category_is_missing_until_filed_and_lapses_after_a_year(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    missing = mine(found(PoliciesOnFile, at(2024, 1, 1)), world)
    assert sorted(d.subject.rsplit(":", 1)[1] for d in missing) == sorted(PolicyCategory.values)
    for category in PolicyCategory.values:
        policy(world, category, at(2024, 6, 1, 10))
    current = mine(found(PoliciesOnFile, at(2025, 6, 1, 23, 59)), world)
    assert all(d.period_end == at(2024, 6, 1) for d in current)  # only the time before them
    lapsed = [d for d in mine(found(PoliciesOnFile, at(2025, 6, 2, 0, 1)), world) if d.period_end is None]
    assert len(lapsed) == 4
    assert {d.period_start for d in lapsed} == {at(2025, 6, 2)}


def test_a_manager_of_another_enterprise_may_not_file_a_policy(world, settings, tmp_path):
    from django.core.exceptions import PermissionDenied

    settings.MEDIA_ROOT = tmp_path
    record = PolicyDocument(
        enterprise=world.outside.enterprise,
        category="assessment",
        title="考核制度",
        occurred_at=at(2025, 1, 1),
        attachment=SimpleUploadedFile("p.pdf", b"%PDF-1.4"),
    )
    with pytest.raises(PermissionDenied):
        file_policy(world.users["manager"], record, channel="web")
    assert not PolicyDocument.objects.exists()


# 3.8 training -----------------------------------------------------------------------------------------


def train(world, day, staff_ids):
    return record_training(
        world.users["manager"],
        TrainingSession(
            enterprise=world.inside.enterprise, held_on=day, topic="安全", hours=2, trainer="张老师"
        ),
        staff_ids,
    )


def test_an_employee_untrained_in_a_year_is_a_finding_from_the_new_year(world, hired):
    assert mine(found(TrainingYearly, at(2025, 12, 31, 23, 59)), world) == []
    (miss,) = mine(found(TrainingYearly, at(2026, 1, 1, 0, 0)), world)
    assert miss.subject == f"staff:{world.inside.staff.pk}:2025"
    assert (miss.period_start, miss.period_end) == (at(2025, 1, 1), at(2026, 1, 1))


@pytest.mark.parametrize(
    ("held", "trained"), [(datetime.date(2025, 12, 31), True), (datetime.date(2026, 1, 1), False)]
)
def test_a_training_on_the_last_day_of_the_year_counts_for_it(world, hired, held, trained):
    train(world, held, [world.inside.staff.pk])
    drafts = mine(found(TrainingYearly, at(2026, 1, 2)), world)
    assert [d.subject for d in drafts] == ([] if trained else [f"staff:{world.inside.staff.pk}:2025"])


def test_attendance_only_of_the_enterprises_staff(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        train(world, datetime.date(2025, 5, 1), [world.inside.staff.pk, world.outside.staff.pk])
    assert not TrainingSession.objects.exists()


# 1.1 credit code --------------------------------------------------------------------------------------


def test_a_stored_credit_code_with_a_wrong_check_character_is_a_finding_unless_excepted(world):
    enterprise = world.inside.enterprise
    good = enterprise.credit_code
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    Enterprise.objects.filter(pk=enterprise.pk).update(credit_code=bad)
    drafts = mine(found(CreditCodeValid, at(2030, 1, 1)), world)
    assert [d.subject for d in drafts] == [f"enterprise:{enterprise.pk}"]
    assert "校验位" in drafts[0].message
    CreditCodeException.objects.create(
        credit_code=bad, reason="早期试点", granted_by=world.users["regulator"]
    )
    assert mine(found(CreditCodeValid, at(2030, 1, 1)), world) == []


def test_valid_codes_are_no_finding(world):
    assert found(CreditCodeValid, at(2030, 1, 1)) == []


# 1.8 turnover -----------------------------------------------------------------------------------------


def test_turnover_is_leavers_over_the_average_headcount(world):
    enterprise = world.inside.enterprise
    for start in (datetime.date(2024, 1, 1), datetime.date(2024, 1, 1), datetime.date(2025, 1, 1)):
        f.EmploymentFactory(staff=f.StaffFactory(enterprise=enterprise), start_date=start)
    leaver = Employment.objects.filter(
        staff__enterprise=enterprise, start_date=datetime.date(2024, 1, 1)
    ).first()
    Employment.objects.filter(pk=leaver.pk).update(status="ended", ended_on=datetime.date(2025, 6, 30))
    row = turnover(enterprise, 2025, today=datetime.date(2026, 3, 1))
    # 1 Jan 2025: the persona's (2023) + two hired 2024 + one hired that day = 4; 31 Dec: 3.
    assert (row.leavers, row.average_headcount, row.rate) == (1, Decimal("3.5"), Decimal("28.6"))
    assert turnover(world.outside.enterprise, 2025, today=datetime.date(2026, 3, 1)).rate == Decimal("0.0")


def test_a_rehired_employee_owes_one_training_a_year(world, hired):
    Employment.objects.filter(pk=hired.pk).update(status="ended", ended_on=datetime.date(2025, 5, 31))
    f.EmploymentFactory(staff=world.inside.staff, start_date=datetime.date(2025, 9, 1))
    drafts = mine(found(TrainingYearly, at(2026, 1, 2)), world)
    assert [d.subject for d in drafts] == [f"staff:{world.inside.staff.pk}:2025"]
