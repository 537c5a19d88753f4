"""factory_boy factories for every registry model; one place, used by all apps' tests."""

import datetime
from decimal import Decimal

import factory

from wuye.accounts.choices import Role
from wuye.accounts.models import Membership, User
from wuye.enterprises import models as ent
from wuye.enterprises.choices import CertificateKind, LicenceKind, PostKind
from wuye.estates import models as est
from wuye.estates.choices import PartyAKind
from wuye.regions.models import Division
from wuye.testing.identifiers import citizen_id, credit_code

TODAY = datetime.date(2026, 1, 1)


def division(code: str) -> Division:
    return Division.objects.get(code=code)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"用户{n}")
    password = factory.django.Password("wuye-test")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.REGULATOR


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ent.Enterprise

    class Params:
        area = "150203"

    name = factory.Sequence(lambda n: f"测试物业服务有限公司{n}")
    credit_code = factory.LazyAttributeSequence(lambda o, n: credit_code(1000 + n, area=o.area))
    legal_representative = "张三"
    address = "包头市昆都仑区钢铁大街1号"
    service_phone = "0472-1234567"


class LicenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ent.Licence

    enterprise = factory.SubFactory(EnterpriseFactory)
    kind = LicenceKind.BUSINESS
    number = factory.Sequence(lambda n: f"LIC{n:06d}")
    issuer = "包头市市场监督管理局"
    valid_from = datetime.date(2020, 1, 1)
    valid_to = None


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ent.Staff

    enterprise = factory.SubFactory(EnterpriseFactory)
    name = factory.Sequence(lambda n: f"员工{n}")
    phone = factory.Sequence(lambda n: f"139{n:08d}")

    id_number = factory.Sequence(lambda n: citizen_id(100 + n))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # The ciphertext, lookup hash and mask all derive from the one number, set before the insert.
        number = kwargs.pop("id_number")
        staff = model_class(*args, **kwargs)
        staff.set_id_number(number)
        staff.save()
        return staff


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ent.Post

    staff = factory.SubFactory(StaffFactory)
    project = factory.SubFactory("wuye.testing.factories.ProjectFactory")
    kind = PostKind.PROJECT_MANAGER
    start = datetime.date(2024, 1, 1)


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ent.Certificate

    staff = factory.SubFactory(StaffFactory)
    kind = CertificateKind.PROJECT_MANAGER
    number = factory.Sequence(lambda n: f"CERT{n:06d}")
    issuer = "内蒙古自治区住房和城乡建设厅"
    valid_from = datetime.date(2023, 1, 1)
    valid_to = datetime.date(2099, 12, 31)


class EmploymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ent.Employment

    staff = factory.SubFactory(StaffFactory)
    start_date = datetime.date(2023, 3, 1)
    contract_start = datetime.date(2023, 3, 1)
    contract_end = datetime.date(2099, 2, 28)


class DeveloperFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = est.Developer

    class Params:
        area = "150203"

    name = factory.Sequence(lambda n: f"测试房地产开发有限公司{n}")
    credit_code = factory.LazyAttributeSequence(lambda o, n: credit_code(5000 + n, area=o.area))


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = est.Project

    class Params:
        division_code = "150203"

    name = factory.Sequence(lambda n: f"测试小区{n}")
    address = "测试路1号"
    division = factory.LazyAttribute(lambda o: division(o.division_code))
    floor_area = Decimal("50000.00")
    household_count = 400
    developer = factory.SubFactory(DeveloperFactory)


class BuildingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = est.Building

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"{n + 1}号楼")
    floors = 18
    has_elevator = True


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = est.Household

    building = factory.SubFactory(BuildingFactory)
    unit = "1"
    number = factory.Sequence(lambda n: f"{101 + n}")
    area = Decimal("98.50")


class OwnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = est.Owner
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"业主{n}")
    phone = factory.Sequence(lambda n: f"138{n:08d}")

    @factory.post_generation
    def households(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.households.set(extracted)


class OwnersCommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = est.OwnersCommittee

    project = factory.SubFactory(ProjectFactory)
    name = factory.LazyAttribute(lambda o: f"{o.project.name}业主委员会")
    term_start = datetime.date(2024, 6, 1)
    term_end = datetime.date(2029, 5, 31)


class CommitteeMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = est.CommitteeMember

    committee = factory.SubFactory(OwnersCommitteeFactory)
    name = factory.Sequence(lambda n: f"委员{n}")
    position = "member"


class ServicePeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = est.ServicePeriod

    project = factory.SubFactory(ProjectFactory)
    enterprise = factory.SubFactory(EnterpriseFactory)
    start = datetime.date(2021, 1, 1)
    end = None


class ServiceContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = est.ServiceContract

    project = factory.SubFactory(ProjectFactory)
    enterprise = factory.SubFactory(EnterpriseFactory)
    party_a_kind = PartyAKind.DEVELOPER
    developer = factory.LazyAttribute(lambda o: o.project.developer)
    number = factory.Sequence(lambda n: f"HT-{n:05d}")
    signed_on = datetime.date(2020, 12, 1)
    start = datetime.date(2021, 1, 1)
    end = datetime.date(2099, 12, 31)


# -- service desk: office, service centres and their roster (clauses 1.2, 3.3) ---------------------------


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "servicedesk.Office"

    enterprise = factory.SubFactory(EnterpriseFactory)
    address = "包头市昆都仑区钢铁大街1号"
    phone = "0472-5123456"
    since = datetime.date(2020, 1, 1)


class ServiceCentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "servicedesk.ServiceCentre"

    project = factory.SubFactory(ProjectFactory)
    address = "1号楼一层"
    opening_hours = "每日 8:00–18:00"
    service_phone = "0472-5234567"
    opened_on = datetime.date(2021, 1, 1)


# -- service desk: surveys (3.7, 6.M) -------------------------------------------------------------


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "servicedesk.Survey"

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"业主满意度调查{n}")
    opens_on = datetime.date(2026, 3, 1)
    closes_on = datetime.date(2026, 3, 31)
    status = "open"
    created_by = factory.SubFactory(UserFactory)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "servicedesk.Question"

    survey = factory.SubFactory(SurveyFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = "您对物业管理人员的工作是否满意？"
    kind = "rating"
    topic = "management"
    required = True


class RectificationItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "servicedesk.RectificationItem"

    survey = factory.SubFactory(SurveyFactory)
    problem = "3号楼楼道照明损坏"
    responsible = "王工"
    raised_on = datetime.date(2026, 4, 1)
    due_on = datetime.date(2026, 4, 30)
    created_by = factory.SubFactory(UserFactory)


# -- servicedesk: tickets (issue 6) -------------------------------------------------------------------


def ticket(by, **fields):
    """A ticket filed through its action by ``by`` (its first event chained), a repair called in by default."""
    from wuye.servicedesk.actions_tickets import file_ticket
    from wuye.servicedesk.models import Ticket

    values = {
        "kind": "repair",
        "urgency": "ordinary",
        "channel": "phone",
        "contact_name": "王女士",
        "contact_phone": "13800000001",
        "description": "厨房水管漏水",
    }
    values.update(fields)
    now = values.pop("now", None)
    if "household" in values and "project" not in values:
        values["project"] = values["household"].project
    return file_ticket(by, Ticket(**values), now=now)


# -- finance: fees ---------------------------------------------------------------------------------


class FeeStandardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "finance.FeeStandard"

    project = factory.SubFactory(ProjectFactory)
    property_kind = "residential"
    rate = Decimal("1.50")
    regime = "market"
    fee_items = ["property_service"]
    approval_number = "包价字〔2024〕1号"
    effective_from = datetime.date(2024, 1, 1)
    published_on = datetime.date(2023, 11, 1)


class FeeNoticeFactory(factory.django.DjangoModelFactory):
    """A complete fee notice (every item of Art. 6), posted with the default standard."""

    class Meta:
        model = "finance.FeeNotice"

    project = factory.SubFactory(ProjectFactory)
    published_on = datetime.date(2023, 11, 1)
    company_name = "测试物业服务有限公司"
    payer = "全体业主及物业使用人"
    service_content = "保洁、绿化、秩序维护、共用设施设备运行维护"
    service_standard = "二级服务标准"
    billing_method = "按建筑面积按月计收"
    billing_start_date = datetime.date(2024, 1, 1)
    fee_basis = "包价字〔2024〕1号"
    price_complaint_hotline = "12358"


def payment(by, household, amount, *, receipt_number="S0001", method="wechat", occurred_at=None, now=None):
    """A household's payment appended as ``by`` would record it (finance.actions_fees.record_payment)."""
    from django.utils import timezone

    from wuye.finance.actions_fees import record_payment
    from wuye.finance.models import Payment

    record = Payment(
        household=household,
        amount=Decimal(amount),
        method=method,
        receipt_number=receipt_number,
        occurred_at=occurred_at or now or timezone.now(),
    )
    return record_payment(by, record, channel="web", now=now)


# -- finance: half-year statements (issue 7) ----------------------------------------------------------


def statement(by, project, *, year=2025, half=1, lines=None, opening="0.00", closing=None, publish_at=None):
    """A statement saved through its action by ``by``, lines {account code: amount} on the default tree
    (level-1 codes give stated totals), the closing balance worked out unless given; published at
    ``publish_at`` when set."""
    from decimal import Decimal

    from wuye.finance.actions_statements import accounts_for, publish_statement, save_statement
    from wuye.finance.models import Statement
    from wuye.finance.validation_statements import income_and_expense

    lines = lines if lines is not None else {"4001.01": "100.00", "5001.01": "60.00"}
    accounts = {a.code: a for a in accounts_for(project.pk).select_related("parent")}
    amounts = {accounts[code]: Decimal(value) for code, value in lines.items()}
    income, expense = income_and_expense(amounts)
    opening = Decimal(opening)
    closing = Decimal(closing) if closing is not None else opening + income - expense
    record = Statement(
        project=project, year=year, half=half, opening_balance=opening, closing_balance=closing
    )
    record = save_statement(by, record, {a.pk: v for a, v in amounts.items()})
    if publish_at is not None:
        record = publish_statement(by, record, now=publish_at)
    return record


def owners_vote(
    by, project, *, held_on=None, owners=(90, 60, 45), area=("9000.00", "6000.00", "4500.00"), **more
):
    """An owners' vote on common parts saved by ``by``: owners and area as (total, participating, in favour)."""
    import datetime
    from decimal import Decimal

    from wuye.finance.actions_commonareas import save_vote
    from wuye.finance.models import OwnersVote

    vote = OwnersVote(
        project=project,
        held_on=held_on or datetime.date(2024, 12, 1),
        subject=more.pop("subject", "电梯广告"),
        owners_total=owners[0],
        owners_participating=owners[1],
        owners_in_favour=owners[2],
        area_total=Decimal(area[0]),
        area_participating=Decimal(area[1]),
        area_in_favour=Decimal(area[2]),
        **more,
    )
    return save_vote(by, vote)


def common_area_use(by, project, *, vote=None, kind="advertising", start=None, end=None, **more):
    """A use of common parts saved by ``by``."""
    import datetime

    from wuye.finance.actions_commonareas import save_use
    from wuye.finance.models import CommonAreaUse

    use = CommonAreaUse(
        project=project,
        kind=kind,
        location=more.pop("location", "1号楼电梯轿厢"),
        start=start or datetime.date(2025, 1, 1),
        end=end,
        vote=vote,
        **more,
    )
    return save_use(by, use)


def common_area_income(by, use, amount, *, received_on=None, **more):
    """An income of a use recorded by ``by``."""
    import datetime
    from decimal import Decimal

    from wuye.finance.actions_commonareas import record_income
    from wuye.finance.models import CommonAreaIncome

    income = CommonAreaIncome(
        use=use, amount=Decimal(amount), received_on=received_on or datetime.date(2025, 3, 1), **more
    )
    return record_income(by, income)
