"""The shape of the demo region: which enterprises, where, serving which estates since when.

Names, addresses and divisions are fixed here; people, numbers, areas and exact days are drawn by
the builder from its seeded generator. Ages are in months before the day the demo is seeded, so the
demo always looks current. The deliberate faults are marked ``FAULT`` (see ``build.py``).
"""

from dataclasses import dataclass

# Per league/city: trunk code of its phones, the one-character short name used in document numbers,
# and a few of its streets (for the developers' addresses).
TRUNK_CODES = {"150100": "0471", "150200": "0472", "150400": "0476", "150600": "0477"}
SHORT_NAMES = {"150100": "呼", "150200": "包", "150400": "赤", "150600": "鄂"}
STREETS = {
    "150100": ["新华大街", "中山西路", "锡林郭勒北路", "成吉思汗大街", "昭乌达路"],
    "150200": ["钢铁大街", "友谊大街", "民族东路", "黄河大街", "建设路"],
    "150400": ["新华路", "哈达街", "钢铁街", "玉龙大街", "临潢大街"],
    "150600": ["伊金霍洛西街", "天骄北路", "鄂尔多斯大街", "北区大街", "乌兰木伦路"],
}


@dataclass(frozen=True)
class EnterprisePlan:
    key: str
    name: str
    area: str  # county code in the credit code, which decides where the enterprise is registered
    address: str
    founded_months_ago: int
    licence_issuer: str
    qualification: bool = False
    licence_expired: bool = False  # FAULT: the business licence's term ended weeks ago


@dataclass(frozen=True)
class ProjectPlan:
    key: str
    name: str
    county: str
    address: str
    enterprise: str
    developer: str
    takeover_months_ago: int
    elevators: bool
    # Party A of the contract in force: "developer" (前期物业服务合同, no committee yet), "committee",
    # or "expired" (FAULT: the committee's contract ended months ago, nobody signed a new one).
    party_a: str
    kind: str = "residential"
    committee_months_ago: int | None = None  # start of the committee's current term
    previous: tuple[str, int] | None = None  # (enterprise key, months ago it took over) before this one
    contract_years: int = 3


ENTERPRISES = [
    EnterprisePlan(
        key="lucheng",
        name="包头市鹿城物业服务有限公司",
        area="150203",
        address="包头市昆都仑区钢铁大街56号鹿城大厦8层",
        founded_months_ago=190,
        licence_issuer="包头市昆都仑区市场监督管理局",
        qualification=True,
    ),
    EnterprisePlan(
        key="qingcheng",
        name="呼和浩特市青城物业管理有限公司",
        area="150102",
        address="呼和浩特市新城区新华大街68号青城商务楼12层",
        founded_months_ago=160,
        licence_issuer="呼和浩特市新城区市场监督管理局",
    ),
    EnterprisePlan(
        key="kanghe",
        name="鄂尔多斯市康和物业服务有限公司",
        area="150602",
        address="鄂尔多斯市东胜区鄂尔多斯西街18号",
        founded_months_ago=170,
        licence_issuer="鄂尔多斯市东胜区市场监督管理局",
    ),
    EnterprisePlan(
        key="hongshan",
        name="赤峰市红山宜居物业管理有限公司",
        area="150402",
        address="赤峰市红山区昭乌达路21号",
        founded_months_ago=130,
        licence_issuer="赤峰市红山区市场监督管理局",
        licence_expired=True,
    ),
]

PROJECTS = [
    ProjectPlan(
        key="yangguang",
        name="阳光花园",
        county="150203",
        address="包头市昆都仑区阿尔丁大街118号",
        enterprise="lucheng",
        developer="包头市金鹿房地产开发有限公司",
        takeover_months_ago=134,
        elevators=False,
        party_a="committee",
        committee_months_ago=27,
    ),
    ProjectPlan(
        key="jinxiu",
        name="锦绣华庭",
        county="150207",
        address="包头市九原区建华南路9号",
        enterprise="lucheng",
        developer="包头市九原城建置业有限公司",
        takeover_months_ago=20,
        elevators=True,
        party_a="developer",
    ),
    ProjectPlan(
        key="gangcheng",
        name="钢城小区",
        county="150204",
        address="包头市青山区青年路33号",
        enterprise="lucheng",
        developer="包头市青山区住宅建设开发有限公司",
        takeover_months_ago=110,
        elevators=False,
        party_a="expired",
        committee_months_ago=42,
    ),
    ProjectPlan(
        key="beiliang",
        name="北梁新居",
        county="150202",
        address="包头市东河区巴彦塔拉大街206号",
        enterprise="qingcheng",
        developer="包头市北梁棚户区改造建设开发有限公司",
        takeover_months_ago=74,
        elevators=True,
        party_a="developer",
    ),
    ProjectPlan(
        key="hexie",
        name="和谐家园",
        county="150105",
        address="呼和浩特市赛罕区大学东街129号",
        enterprise="qingcheng",
        developer="呼和浩特市和信房地产开发有限公司",
        takeover_months_ago=86,
        elevators=True,
        party_a="committee",
        committee_months_ago=20,
    ),
    ProjectPlan(
        key="qingcheng",
        name="青城华府",
        county="150102",
        address="呼和浩特市新城区兴安北路88号",
        enterprise="qingcheng",
        developer="内蒙古青城置业有限责任公司",
        takeover_months_ago=30,
        elevators=True,
        party_a="developer",
        kind="mixed",
    ),
    ProjectPlan(
        key="shuxiang",
        name="书香苑",
        county="150603",
        address="鄂尔多斯市康巴什区康宁路15号",
        enterprise="kanghe",
        developer="鄂尔多斯市康巴什城市建设投资有限公司",
        takeover_months_ago=34,
        elevators=True,
        party_a="developer",
    ),
    ProjectPlan(
        key="yulong",
        name="玉龙湾小区",
        county="150402",
        address="赤峰市红山区长青街45号",
        enterprise="hongshan",
        developer="赤峰市玉龙房地产开发有限公司",
        takeover_months_ago=49,
        elevators=False,
        party_a="committee",
        committee_months_ago=55,
        # The committee, elected when 康和 still served, chose a new enterprise: 康和 left, 红山宜居 came.
        previous=("kanghe", 150),
        contract_years=5,
    ),
]
