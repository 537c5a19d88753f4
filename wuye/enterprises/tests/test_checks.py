"""Registry checks of clauses 1.1, 1.3 and 1.4: each boundary from both sides, closing, idempotence, scores."""

import datetime

import pytest
from django.utils import timezone

from wuye.compliance import engine
from wuye.compliance.duties import start_of_day
from wuye.compliance.models import Finding, FindingState, ParameterOverride, ScoreSnapshot
from wuye.compliance.registry import registered_checks
from wuye.enterprises.checks import licences_expiring
from wuye.enterprises.choices import EmploymentStatus, EndReason, LicenceKind
from wuye.testing import factories as f

pytestmark = pytest.mark.django_db

# Registry rows are created now and the licence and certificate checks ignore rows created after
# the evaluation time, so these tests evaluate from tomorrow on.
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


# The people part's checks (wages, dismissals, policies, the stored credit code) have their own tests
# (test_people_checks.py); the personas keep no payroll, so they are left out here.
PEOPLE_CHECKS = {
    "1.1.credit_code_valid",
    "1.4.wages_paid",
    "1.4.unlawful_dismissal",
    "1.7.policies_on_file",
}


def evaluate(as_of, checks=None, **options):
    """Evaluate the checks of the clauses these tests are about (clauses 1.1, 1.3 and 1.4) and score: the duties of other
    clauses (an elevator the persona's building lacks in the register, 4.2) would move the scores here."""
    own = {check_id for check_id in registered_checks() if check_id.startswith(("1.",))} - PEOPLE_CHECKS
    return engine.evaluate(as_of, checks=checks or own, **options)


def noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def findings(check_id):
    return Finding.objects.filter(check_id=check_id).order_by("period_start", "pk")


def score(obj, as_of):
    kind = obj._meta.model_name if obj._meta.model_name == "project" else "enterprise"
    return ScoreSnapshot.objects.get(subject=f"{kind}:{obj.pk}", on=timezone.localdate(as_of)).score


def score_drop(obj, as_of, change, checks=None):
    """How many points ``change()`` takes off ``obj``'s score as of ``as_of`` (full evaluations, of
    ``checks`` only if given)."""
    evaluate(as_of, full=True, checks=checks)
    before = score(obj, as_of)
    change()
    evaluate(as_of, full=True, checks=checks)
    return before - score(obj, as_of)


def snapshot(check_id):
    return list(findings(check_id).values_list("pk", "key", "state", "period_end", "message"))


# 1.1 licences ---------------------------------------------------------------------------------------


def test_a_licence_is_valid_through_its_last_day_and_a_finding_from_the_next(world):
    licence = world.inside.licence
    licence.valid_to = TODAY + 10 * DAY
    licence.save()

    evaluate(noon(licence.valid_to), full=True)
    assert not findings("1.1.licence_valid").exists()

    evaluate(start_of_day(licence.valid_to + DAY), full=True)
    finding = findings("1.1.licence_valid").get()
    enterprise = world.inside.enterprise
    assert (finding.subject, finding.project_id, finding.enterprise_id) == (
        f"enterprise:{enterprise.pk}",
        None,
        enterprise.pk,
    )
    assert finding.division_id == enterprise.division_id == "150203"
    assert finding.state == FindingState.OPEN
    assert finding.period_start == start_of_day(licence.valid_to + DAY)
    day = licence.valid_to
    assert f"营业执照（编号{licence.number}）已于{day.year}年{day.month}月{day.day}日到期" in finding.message
    assert finding.evidence == [f"enterprises.licence:{licence.pk}"]
    assert finding.parameters == {"require_qualification_certificate": False}


def test_a_renewal_closes_the_finding_and_runs_are_idempotent(world):
    licence = world.inside.licence
    licence.valid_to = TODAY + 2 * DAY
    licence.save()
    as_of = noon(TODAY + 5 * DAY)
    evaluate(as_of, full=True)
    first = snapshot("1.1.licence_valid")
    evaluate(as_of, full=True)
    assert snapshot("1.1.licence_valid") == first and len(first) == 1

    f.LicenceFactory(enterprise=world.inside.enterprise, valid_from=TODAY + 3 * DAY, valid_to=None)
    evaluate(noon(TODAY + 6 * DAY), full=True)
    finding = findings("1.1.licence_valid").get()
    assert finding.state == FindingState.CLOSED and finding.period_end == noon(TODAY + 6 * DAY)


def test_a_missing_licence_counts_from_the_enterprises_registration_and_costs_five_points(world):
    enterprise = world.inside.enterprise
    as_of = noon(TODAY + DAY)

    # This check alone, so the project's score shows it is spared: the world has no records of the
    # project's own duties (4.7 sewer checks since 2021...), whose findings would take points off it.
    assert score_drop(enterprise, as_of, world.inside.licence.delete, checks={"1.1.licence_valid"}) == 5
    finding = findings("1.1.licence_valid").get()
    assert finding.period_start == enterprise.created_at
    assert "没有登记在有效期内的营业执照" in finding.message
    assert finding.evidence == [f"enterprises.enterprise:{enterprise.pk}"]
    assert score(world.inside.project, as_of) == 100  # an enterprise-level finding spares its projects


def test_the_qualification_certificate_is_required_only_where_a_region_says_so(world):
    ParameterOverride.objects.create(
        check_id="1.1.licence_valid",
        name="require_qualification_certificate",
        division=f.division("150200"),  # 包头市: the inside enterprise is registered in 昆都仑区
        valid_from=TODAY,
        value=True,
        reason="本市仍要求物业服务资质证书",
        set_by=world.users["regulator"],
    )
    evaluate(noon(TODAY + DAY), full=True)
    finding = findings("1.1.licence_valid").get()  # the 呼和浩特 enterprise is not asked for one
    assert finding.enterprise_id == world.inside.enterprise.pk
    assert "物业服务资质证书" in finding.message
    assert finding.parameters == {"require_qualification_certificate": True}

    f.LicenceFactory(enterprise=world.inside.enterprise, kind=LicenceKind.QUALIFICATION)
    evaluate(noon(TODAY + 2 * DAY), full=True)
    assert findings("1.1.licence_valid").get().state == FindingState.CLOSED


def test_licences_expiring_within_the_warning_days(world):
    inside, outside = world.inside.licence, world.outside.licence
    inside.valid_to = TODAY + 30 * DAY  # the last day inside the 30-day warning
    inside.save()
    outside.valid_to = TODAY + 31 * DAY
    outside.save()
    expired = f.LicenceFactory(enterprise=world.outside.enterprise, valid_to=TODAY - DAY)

    assert list(licences_expiring()) == [inside]
    assert expired not in licences_expiring(noon(TODAY + DAY))
    assert list(licences_expiring(noon(TODAY + DAY))) == [inside, outside]

    f.LicenceFactory(enterprise=world.inside.enterprise, valid_from=TODAY + 31 * DAY, valid_to=None)
    assert list(licences_expiring()) == []  # already renewed: nothing to remind


# 1.3 certified managers --------------------------------------------------------------------------------


def test_a_manager_certificate_is_valid_through_its_last_day(world):
    certificate = world.inside.certificate
    certificate.valid_to = TODAY + 5 * DAY
    certificate.save()
    project = world.inside.project
    # This check alone, so the scores show its five points: the world has no records of the project's
    # other duties (4.7 sewer checks since 2021...), whose findings would take points off too.
    only = {"1.3.manager_certified"}

    evaluate(noon(certificate.valid_to), full=True, checks=only)
    assert not findings("1.3.manager_certified").exists()

    as_of = noon(certificate.valid_to + DAY)
    evaluate(as_of, full=True, checks=only)
    finding = findings("1.3.manager_certified").get()
    assert (finding.subject, finding.project_id, finding.enterprise_id, finding.division_id) == (
        f"project:{project.pk}",
        project.pk,
        world.inside.enterprise.pk,
        "150203",
    )
    assert finding.period_start == start_of_day(certificate.valid_to + DAY)
    assert f"项目经理{world.inside.staff.name}没有在有效期内的项目经理证书" in finding.message
    assert f"enterprises.certificate:{certificate.pk}" in finding.evidence
    assert score(project, as_of) == 95 and score(world.inside.enterprise, as_of) == 95

    f.CertificateFactory(staff=world.inside.staff, valid_from=certificate.valid_to + DAY)
    evaluate(noon(certificate.valid_to + 2 * DAY), full=True)
    assert findings("1.3.manager_certified").get().state == FindingState.CLOSED


def test_a_project_whose_manager_left_or_came_from_another_enterprise(world):
    post = world.inside.post
    post.end = TODAY - 3 * DAY
    post.save()
    # Someone else's certified manager, posted to the project: not the serving enterprise's own.
    f.PostFactory(staff=world.outside.staff, project=world.inside.project, start=TODAY - 2 * DAY)
    as_of = noon(TODAY + DAY)
    evaluate(as_of, full=True)
    evaluate(as_of, full=True)

    finding = findings("1.3.manager_certified").get()
    assert finding.period_start == start_of_day(post.end + DAY)
    assert "没有持有效项目经理证书的项目经理在岗" in finding.message
    assert finding.project_id == world.inside.project.pk


# 1.3 certificates lent ---------------------------------------------------------------------------------


def test_one_certificate_number_held_by_two_people_is_a_finding_for_each_enterprise(world):
    original = world.inside.certificate
    as_of = noon(TODAY + DAY)
    outside = world.outside.enterprise

    def lend():
        world.outside.certificate.number = f" {original.number.lower()} "  # typed differently, same number
        world.outside.certificate.save()

    assert score_drop(outside, as_of, lend) == 10
    inside_finding, outside_finding = findings("1.3.certificate_lent").order_by("enterprise__name")
    assert inside_finding.enterprise_id == world.inside.enterprise.pk
    assert (outside_finding.subject, outside_finding.project_id) == (
        f"certificate:{world.outside.certificate.pk}",
        None,
    )
    assert sorted(inside_finding.evidence) == sorted(
        [f"enterprises.certificate:{original.pk}", f"enterprises.certificate:{world.outside.certificate.pk}"]
    )
    assert f"登记在2人名下：本企业的{world.inside.staff.name}" in inside_finding.message
    assert outside.name in inside_finding.message
    assert world.outside.staff.name not in inside_finding.message  # another employer's staff stay unnamed
    assert inside_finding.period_start == max(original.created_at, world.outside.certificate.created_at)


def test_one_person_employed_by_two_enterprises_holds_his_own_certificate_once(world):
    person = world.inside.staff
    twin = f.StaffFactory(
        enterprise=world.outside.enterprise, name=person.name, id_number=person.reveal_id_number()
    )
    f.CertificateFactory(staff=twin, number=world.inside.certificate.number)
    evaluate(noon(TODAY + DAY), full=True)
    assert not findings("1.3.certificate_lent").exists()


def test_a_manager_of_two_projects_is_at_the_limit_and_of_three_over_it(world):
    person = world.inside.staff  # manager of the inside project since 2024-01-01
    f.PostFactory(staff=person, project=f.ProjectFactory(), start=TODAY - 20 * DAY)
    as_of = noon(TODAY + DAY)
    evaluate(as_of, full=True)
    assert not findings("1.3.certificate_lent").exists()

    third = f.PostFactory(staff=person, project=f.ProjectFactory(name="第三小区"), start=TODAY - 10 * DAY)
    evaluate(as_of, full=True)
    finding = findings("1.3.certificate_lent").get()
    assert (finding.subject, finding.project_id, finding.enterprise_id) == (
        f"staff:{person.pk}",
        None,
        world.inside.enterprise.pk,
    )
    assert finding.period_start == start_of_day(third.start)
    assert "同时担任3个项目的项目经理" in finding.message and "第三小区" in finding.message
    assert finding.parameters == {"max_projects_per_manager": 2, "max_enterprises_per_manager": 1}
    assert f"enterprises.post:{third.pk}" in finding.evidence

    third.end = TODAY
    third.save()
    evaluate(noon(TODAY + 2 * DAY), full=True)
    assert findings("1.3.certificate_lent").get().state == FindingState.CLOSED


def test_a_manager_for_two_enterprises_is_a_finding_for_both(world):
    person = world.inside.staff
    twin = f.StaffFactory(
        enterprise=world.outside.enterprise, name=person.name, id_number=person.reveal_id_number()
    )
    f.PostFactory(staff=twin, project=world.outside.project, start=TODAY - 5 * DAY)
    evaluate(noon(TODAY + DAY), full=True)

    rows = findings("1.3.certificate_lent").values_list("subject", "enterprise_id", "period_start")
    assert sorted(rows) == sorted(
        [
            (f"staff:{person.pk}", world.inside.enterprise.pk, start_of_day(TODAY - 5 * DAY)),
            (f"staff:{twin.pk}", world.outside.enterprise.pk, start_of_day(TODAY - 5 * DAY)),
        ]
    )
    assert "同时在2家企业担任项目经理" in findings("1.3.certificate_lent").first().message


# 1.4 labour contracts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("started", "signed", "late"),
    [
        (datetime.date(2025, 3, 10), datetime.date(2025, 4, 10), False),  # exactly one month: in time
        (datetime.date(2025, 3, 10), datetime.date(2025, 4, 11), True),  # one day more
        (datetime.date(2025, 1, 31), datetime.date(2025, 2, 28), False),  # a month after 31 Jan
        (datetime.date(2025, 1, 31), datetime.date(2025, 3, 1), True),
        (datetime.date(2024, 1, 31), datetime.date(2024, 2, 29), False),  # leap year
        (datetime.date(2024, 1, 31), datetime.date(2024, 3, 1), True),
    ],
)
def test_a_labour_contract_is_due_one_calendar_month_after_starting(world, started, signed, late):
    employment = f.EmploymentFactory(
        staff=f.StaffFactory(enterprise=world.inside.enterprise, name="李四"),
        start_date=started,
        contract_start=signed,
    )
    evaluate(noon(TODAY), full=True)
    found = list(findings("1.4.labour_contract"))
    assert bool(found) is late
    if late:
        (finding,) = found
        assert finding.state == FindingState.CLOSED
        assert (finding.period_start, finding.period_end) == (
            start_of_day(signed),
            start_of_day(signed + DAY),
        )
        assert finding.subject == f"employment:{employment.pk}"


@pytest.mark.parametrize(
    ("signed", "late"),
    [
        (datetime.date(2025, 3, 9), True),  # the day before a year: a first contract signed late
        (datetime.date(2025, 3, 10), False),  # a year or more after hiring: the registry shows a renewal
        (datetime.date(2028, 3, 10), False),
    ],
)
def test_a_contract_begun_a_year_or_more_after_hiring_is_taken_for_a_renewal(world, signed, late):
    f.EmploymentFactory(
        staff=f.StaffFactory(enterprise=world.inside.enterprise),
        start_date=datetime.date(2024, 3, 10),
        contract_start=signed,
        contract_end=None,
    )
    evaluate(noon(TODAY), full=True)
    assert findings("1.4.labour_contract").exists() is late


def test_an_employee_without_a_contract_is_named_and_the_finding_closes_once_signed(world):
    staff = f.StaffFactory(enterprise=world.inside.enterprise, name="王五")
    employment = f.EmploymentFactory(
        staff=staff, start_date=TODAY - 40 * DAY, contract_start=None, contract_end=None
    )
    as_of = noon(TODAY)
    evaluate(as_of, full=True)
    evaluate(as_of, full=True)

    finding = findings("1.4.labour_contract").get()
    assert (finding.project_id, finding.enterprise_id, finding.state) == (
        None,
        world.inside.enterprise.pk,
        FindingState.OPEN,
    )
    assert "员工王五" in finding.message and "仍未签订书面劳动合同" in finding.message
    assert staff.id_number_masked not in finding.message and staff.reveal_id_number() not in finding.message
    assert finding.evidence == [f"enterprises.employment:{employment.pk}"]
    assert finding.parameters == {"contract_deadline": 1, "first_contract_within": 12}

    employment.contract_start = TODAY - DAY
    employment.save()
    evaluate(noon(TODAY + DAY), full=True)
    finding.refresh_from_db()
    assert finding.state == FindingState.CLOSED and finding.period_end == start_of_day(TODAY)


def test_a_missing_contract_costs_the_enterprise_five_points(world):
    employment = world.inside.employment
    as_of = noon(TODAY)

    def unsign():
        employment.contract_start = employment.contract_end = None
        employment.save()

    assert score_drop(world.inside.enterprise, as_of, unsign) == 5


def test_an_expired_contract_not_renewed_within_a_month(world):
    employment = world.inside.employment
    employment.contract_end = datetime.date(2025, 9, 30)
    employment.save()
    evaluate(noon(datetime.date(2025, 10, 30)), full=True)  # 30 Sep + 1 month: still in time
    assert not findings("1.4.labour_contract").exists()

    evaluate(noon(datetime.date(2025, 10, 31)), full=True)
    finding = findings("1.4.labour_contract").get()
    assert finding.period_start == start_of_day(datetime.date(2025, 10, 31))
    assert "劳动合同已于2025年9月30日到期" in finding.message


def test_former_employees_are_not_asked_for_a_contract(world):
    f.EmploymentFactory(
        staff=f.StaffFactory(enterprise=world.inside.enterprise),
        start_date=TODAY - 90 * DAY,
        contract_start=None,
        contract_end=None,
        status=EmploymentStatus.ENDED,
        ended_on=TODAY - 10 * DAY,
        end_reason=EndReason.RESIGNED,
    )
    evaluate(noon(TODAY), full=True)
    assert not findings("1.4.labour_contract").exists()


def test_the_world_personas_are_compliant(world):
    """The fixture's enterprises, managers and contracts pass every registry check (other tests build on it)."""
    evaluate(noon(TODAY + DAY), full=True)
    assert not Finding.objects.filter(clause_id__in=["1.1", "1.3", "1.4"]).exists()
