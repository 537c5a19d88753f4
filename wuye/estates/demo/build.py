"""Builds the demo region: enterprises, estates, owners, committees, contracts, staff and demo logins.

Deterministic: one ``random.Random(seed)`` draws every name and number in a fixed order, and every
date is counted back from ``today``, so the same seed gives the same region (shifted to the day).

Deliberate faults, for the compliance checks of later issues to find (also listed in
``DemoRegion.faults`` and printed by ``seed_demo``):

1. Expired licence (clause 1.1): the business licence of 赤峰市红山宜居物业管理有限公司 ended 40 days ago.
2. Lent certificate (clause 1.3): the project manager of 书香苑 (康和, 鄂尔多斯) holds a project manager
   certificate with the same number as the one held by the manager of 锦绣华庭 (鹿城, 包头).
3. Served without a contract (clause 2.2): 鹿城 still serves 钢城小区 (its service period is open), but
   the contract with the owners' committee ended about three months ago and none followed.
4. No labour contract (clause 1.4): a cleaner 青城 hired at 北梁新居 seven weeks ago has none (a written
   contract is due within one month of hiring, 劳动合同法 Art. 10 and 82).
"""

import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from wuye.enterprises.choices import LicenceKind
from wuye.enterprises.models import Enterprise, Licence
from wuye.estates.choices import CommitteePosition, PartyAKind
from wuye.estates.demo.dates import shift
from wuye.estates.demo.names import PersonNames, landline, mobile
from wuye.estates.demo.plan import ENTERPRISES, PROJECTS, SHORT_NAMES, STREETS, TRUNK_CODES, ProjectPlan
from wuye.estates.models import (
    Building,
    CommitteeMember,
    Developer,
    Household,
    Owner,
    OwnersCommittee,
    Project,
    ServiceContract,
    ServicePeriod,
)
from wuye.regions.models import Division
from wuye.testing.identifiers import credit_code

SEED = 20250815
CHANGE_REASON = "演示数据"
COMMITTEE_POSITIONS = [CommitteePosition.DIRECTOR, CommitteePosition.DEPUTY] + [CommitteePosition.MEMBER] * 3


@dataclass
class DemoRegion:
    """What the builder made, by plan key, for the demo logins and for tests."""

    today: object
    enterprises: dict = field(default_factory=dict)
    projects: dict = field(default_factory=dict)
    developers: dict = field(default_factory=dict)
    committees: dict = field(default_factory=dict)
    owners: dict = field(default_factory=dict)
    staff: dict = field(default_factory=dict)  # (project key, post kind) -> the first Staff on that post
    founded: dict = field(default_factory=dict)  # enterprise key -> date of its first business licence
    takeovers: dict = field(default_factory=dict)  # project key -> the current enterprise's takeover
    faults: list = field(default_factory=list)
    invitations: list = field(default_factory=list)  # (household, code) of a printed invitation sheet


def create(model, **fields):
    obj = model(**fields)
    obj._change_reason = CHANGE_REASON  # read by simple_history for the first history row
    obj.save()
    return obj


def bulk(model, objs):
    """Insert many rows at once, each with its first history row (plain bulk_create would skip it)."""
    return bulk_create_with_history(objs, model, default_change_reason=CHANGE_REASON)


def build_demo(seed: int = SEED, today=None) -> DemoRegion:
    from wuye.estates.demo.animals import build_animals
    from wuye.estates.demo.centres import build_centres
    from wuye.estates.demo.commonareas import build_commonareas
    from wuye.estates.demo.construction import build_construction
    from wuye.estates.demo.elevators import build_elevators
    from wuye.estates.demo.events import build_events
    from wuye.estates.demo.exits import build_exits
    from wuye.estates.demo.fees import build_fees
    from wuye.estates.demo.fire import build_fire
    from wuye.estates.demo.logins import create_demo_users
    from wuye.estates.demo.orders import build_orders
    from wuye.estates.demo.parking import build_parking
    from wuye.estates.demo.patrol import build_patrols
    from wuye.estates.demo.people import build_people
    from wuye.estates.demo.plans import build_plans
    from wuye.estates.demo.power import build_power_rooms
    from wuye.estates.demo.publications import build_publications
    from wuye.estates.demo.staffing import staff_enterprises
    from wuye.estates.demo.statements import build_statements
    from wuye.estates.demo.surveys import build_surveys
    from wuye.estates.demo.takeover import build_takeover
    from wuye.estates.demo.tickets import build_tickets
    from wuye.estates.demo.water import build_water

    rng = random.Random(seed)
    region = DemoRegion(today=today or timezone.localdate())
    names = PersonNames(rng)
    codes = UniqueCodes(rng)
    build_enterprises(region, rng, names, codes)
    for plan in PROJECTS:
        build_project(region, plan, rng, names, codes)
    staff_enterprises(region, rng, names)
    create_demo_users(region, rng, names)
    build_power_rooms(region, seed)
    build_patrols(region, seed)
    build_elevators(region, seed)
    build_fire(region, seed)
    build_water(region, seed)
    build_plans(region, seed)
    build_centres(region, seed)
    build_surveys(region, seed)
    build_tickets(region, seed)
    build_fees(region, seed)
    build_statements(region, seed)
    build_commonareas(region, seed)
    build_parking(region, seed)
    build_takeover(region, seed)
    build_exits(region, seed)
    build_people(region, seed)
    build_construction(region, seed)
    build_animals(region, seed)
    build_events(region, seed)
    build_publications(region, seed)
    build_orders(region, seed)
    return region


class UniqueCodes:
    """Credit codes with random-looking, never repeated serials."""

    def __init__(self, rng):
        self.rng = rng
        self.used: set[int] = set()

    def credit_code(self, area: str) -> str:
        serial = self.rng.randrange(10**8, 10**9)
        while serial in self.used:
            serial = self.rng.randrange(10**8, 10**9)
        self.used.add(serial)
        return credit_code(serial, area=area)


def build_enterprises(region, rng, names, codes):
    today = region.today
    for plan in ENTERPRISES:
        league = plan.area[:4] + "00"
        founded = shift(today, months=-plan.founded_months_ago, days=-rng.randint(0, 27))
        enterprise = create(
            Enterprise,
            name=plan.name,
            credit_code=codes.credit_code(plan.area),
            legal_representative=names.name(),
            address=plan.address,
            service_phone=landline(rng, TRUNK_CODES[league]),
        )
        region.enterprises[plan.key] = enterprise
        region.founded[plan.key] = founded
        # Since 三证合一 (2015) the business licence's number is the credit code itself.
        business = Licence(
            enterprise=enterprise,
            kind=LicenceKind.BUSINESS,
            number=enterprise.credit_code,
            issuer=plan.licence_issuer,
            valid_from=founded,
            valid_to=None,  # 长期
        )
        if plan.licence_expired:
            # FAULT 1: the licence's business term (营业期限) ended and was not extended.
            business.valid_to = shift(today, days=-40)
            region.faults.append(f"营业执照过期：{plan.name}的营业执照已于{business.valid_to}到期。")
        licences = [business]
        if plan.qualification:
            # Issued before qualification grading was abolished (2018); kept on file, no expiry printed.
            licences.append(
                Licence(
                    enterprise=enterprise,
                    kind=LicenceKind.QUALIFICATION,
                    number=f"（蒙）物服证字第{rng.randint(100, 999):04d}号",
                    issuer="包头市住房和城乡建设局",
                    valid_from=shift(founded, years=2, months=rng.randint(0, 11)),
                )
            )
        bulk(Licence, licences)


def build_project(region, plan: ProjectPlan, rng, names, codes):
    county = Division.objects.select_related("parent").get(code=plan.county)
    league = county.parent_id
    developer = create(
        Developer,
        name=plan.developer,
        credit_code=codes.credit_code(plan.county),
        contact_phone=landline(rng, TRUNK_CODES[league]),
        address=f"{county.full_name}{rng.choice(STREETS[league])}{rng.randint(1, 300)}号",
    )
    layout = building_layout(plan, rng)
    areas = [area for _building, rooms in layout for _unit, _number, area in rooms]
    project = create(
        Project,
        name=plan.name,
        address=plan.address,
        division=county,
        kind=plan.kind,
        # Gross floor area: the dwellings plus about a fifth for common parts (stairs, halls, plant rooms).
        floor_area=(sum(areas) * Decimal("1.2")).quantize(Decimal("0.01")),
        household_count=len(areas),
        developer=developer,
    )
    region.projects[plan.key] = project
    region.developers[plan.key] = developer
    for building, _rooms in layout:
        building.project = project
    bulk(Building, [building for building, _rooms in layout])
    households = bulk(
        Household,
        [
            # bulk_create skips Household.save, which would copy the project from the building.
            Household(project=project, building=building, unit=unit, number=number, area=area)
            for building, rooms in layout
            for unit, number, area in rooms
        ],
    )
    committee = build_committee(region, plan, project, rng)
    build_owners(region, plan, households, committee, rng, names)
    build_service(region, plan, project, developer, committee, rng)


def building_layout(plan: ProjectPlan, rng):
    """Buildings with the households registered in the demo (20–60 per project, kept small for speed)."""
    count = rng.randint(2, 6)
    total = rng.randint(20, 60)
    layout = []
    for index in range(count):
        floors = rng.choice([11, 18, 26]) if plan.elevators else rng.choice([5, 6, 7])
        units = rng.randint(1, 3)
        share = total // count + (1 if index < total % count else 0)
        doors = [(u, f, d) for u in range(1, units + 1) for f in range(1, floors + 1) for d in (1, 2)]
        low, high = (80, 145) if plan.elevators else (52, 110)
        rooms = [
            (str(u), f"{f}{d:02d}", Decimal(rng.randint(low * 100, high * 100)) / 100)
            for u, f, d in sorted(rng.sample(doors, min(share, len(doors))))
        ]
        layout.append((Building(name=f"{index + 1}号楼", floors=floors, has_elevator=plan.elevators), rooms))
    return layout


def build_committee(region, plan: ProjectPlan, project, rng):
    if plan.committee_months_ago is None:
        return None
    term_start = shift(region.today, months=-plan.committee_months_ago, days=-rng.randint(0, 20))
    committee = create(
        OwnersCommittee,
        project=project,
        name=f"{project.name}业主委员会",
        term_start=term_start,
        term_end=shift(term_start, years=5, days=-1),  # a five-year term
        filed_on=shift(term_start, days=rng.randint(10, 30)),
    )
    region.committees[plan.key] = committee
    return committee


def build_owners(region, plan, households, committee, rng, names):
    """A handful of owners per project; one of them owns two flats; the committee is chosen among them."""
    count = rng.randint(7, 10) if committee else rng.randint(5, 8)
    chosen = rng.sample(households, count + 1)
    owners = bulk(Owner, [Owner(name=names.name(), phone=mobile(rng)) for _ in range(count)])
    links = [
        Owner.households.through(owner=owner, household=home)
        for owner, home in zip(owners, chosen, strict=False)
    ]
    links.append(Owner.households.through(owner=owners[-1], household=chosen[-1]))
    Owner.households.through.objects.bulk_create(links)
    region.owners[plan.key] = owners
    if committee:
        bulk(
            CommitteeMember,
            [
                CommitteeMember(committee=committee, name=owner.name, position=position, owner=owner)
                for owner, position in zip(owners, COMMITTEE_POSITIONS, strict=False)
            ],
        )


def build_service(region, plan: ProjectPlan, project, developer, committee, rng):
    """Service periods (takeover to exit) and the contracts that cover them, by the plan's Party A."""
    today = region.today
    enterprise = region.enterprises[plan.enterprise]
    takeover = shift(today, months=-plan.takeover_months_ago).replace(day=1)
    region.takeovers[plan.key] = takeover
    periods = [ServicePeriod(project=project, enterprise=enterprise, start=takeover)]
    contracts = []

    def contract(party_b, start, end, *, by_committee=False):
        contracts.append(
            ServiceContract(
                project=project,
                party_a_kind=PartyAKind.COMMITTEE if by_committee else PartyAKind.DEVELOPER,
                developer=None if by_committee else developer,
                committee=committee if by_committee else None,
                enterprise=party_b,
                number=f"{SHORT_NAMES[project.division.parent_id]}物业合字〔{start.year}〕第{rng.randint(1, 300):03d}号",
                signed_on=shift(start, days=-rng.randint(7, 30)),
                start=start,
                end=end,
            )
        )

    if plan.previous:
        before, months = plan.previous
        started = shift(today, months=-months).replace(day=1)
        exited = shift(takeover, days=-1)
        periods.insert(
            0,
            ServicePeriod(project=project, enterprise=region.enterprises[before], start=started, end=exited),
        )
        contract(region.enterprises[before], started, exited)
    if plan.party_a == "developer":
        # 前期物业服务合同: a three-year term, or, once that has run out, in force until a committee signs.
        end = shift(takeover, years=plan.contract_years, days=-1)
        contract(enterprise, takeover, end if end >= today else None)
    else:
        start = max(shift(committee.term_start, months=4).replace(day=1), takeover)
        if start > takeover:
            contract(
                enterprise, takeover, shift(start, days=-1)
            )  # the developer's, until the committee's began
        end = shift(start, years=plan.contract_years, days=-1)
        contract(enterprise, start, end, by_committee=True)
        if plan.party_a == "expired":
            # FAULT 3: the committee's contract ended, no new one was signed, and the enterprise stays on.
            assert end < today, "the plan must put this contract's end in the past"
            region.faults.append(
                f"服务合同到期未续签：{enterprise.name}仍在服务{project.name}，但合同已于{end}到期。"
            )
    bulk(ServicePeriod, periods)
    bulk(ServiceContract, contracts)
