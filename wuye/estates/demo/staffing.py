"""Staff of the demo enterprises: one person per post at each project served, certificates for the
key posts, and an employment with its labour contract. Faults 2 and 4 of ``build.py`` are made here.
"""

import datetime
import math

from wuye.enterprises.choices import CertificateKind, EmploymentStatus, EndReason, PostKind
from wuye.enterprises.models import Certificate, Employment, Post, Staff
from wuye.estates.demo.build import bulk
from wuye.estates.demo.dates import current_term, shift
from wuye.estates.demo.names import mobile
from wuye.estates.demo.plan import ENTERPRISES, PROJECTS
from wuye.testing.identifiers import AREAS, citizen_id

# Every project gets its key posts; enterprises with few projects also fill the extra ones, so that each
# enterprise has about this many staff (10–20).
STAFF_PER_ENTERPRISE = 14
KEY_POSTS = [
    PostKind.PROJECT_MANAGER,
    PostKind.ELECTRICIAN,
    PostKind.ELEVATOR_SAFETY,  # only where there are elevators
    PostKind.SECURITY,
    PostKind.RECEPTION,
    PostKind.CLEANER,
]
EXTRA_POSTS = [
    PostKind.SECURITY,
    PostKind.CLEANER,
    PostKind.PLUMBER,
    PostKind.FIRE_OPERATOR,
    PostKind.GREENER,
    PostKind.MAINTENANCE,
    PostKind.SECURITY,
    PostKind.ACCOUNTANT,
    PostKind.CLEANER,
]

# Post -> (certificate kind, years valid or None for no expiry, issuer, number format).
# 特种作业操作证: valid 6 years (原安监总局令第30号 Art. 21); 特种设备安全管理人员证: 4 years (TSG Z6001-2019).
CERTIFICATES = {
    PostKind.PROJECT_MANAGER: (
        CertificateKind.PROJECT_MANAGER,
        None,
        "内蒙古自治区物业管理协会",
        "NMWY{y}{n:05d}",
    ),
    PostKind.ELECTRICIAN: (CertificateKind.ELECTRICIAN, 6, "内蒙古自治区应急管理厅", "T15{y}{n:07d}"),
    PostKind.ELEVATOR_SAFETY: (
        CertificateKind.ELEVATOR_SAFETY,
        4,
        "{league}市场监督管理局",
        "TSA15{y}{n:05d}",
    ),
    PostKind.FIRE_OPERATOR: (
        CertificateKind.FIRE_OPERATOR,
        None,
        "内蒙古自治区职业技能鉴定指导中心",
        "XF15{y}{n:06d}",
    ),
}

# stdnum checks that an ID's area code was in force in the birth year; AREAS (identifiers.py) hold from
# 1983, these four from before 1965, so staff born before 1984 get one of these.
AREAS_BEFORE_1984 = ["150121", "150221", "152201", "152921"]

LENT_CERTIFICATE = (("jinxiu", PostKind.PROJECT_MANAGER), ("shuxiang", PostKind.PROJECT_MANAGER))
NO_LABOUR_CONTRACT = ("beiliang", PostKind.CLEANER)
FORMER_EMPLOYEE = ("gangcheng", PostKind.ELECTRICIAN)


class Hiring:
    """Collects the rows of every hire in memory, then inserts them table by table."""

    def __init__(self, region, rng, names):
        self.region, self.rng, self.names = region, rng, names
        self.staff, self.posts, self.employments = [], [], []
        self.certificates = {}  # (project key, post kind) -> Certificate, for the first holder only
        self.extra_certificates = []
        self.id_numbers: set[str] = set()
        self.certificate_numbers: set[str] = set()

    def hire(self, enterprise_key, project_key, kind, hired, *, contract=True):
        today, rng = self.region.today, self.rng
        name, is_male = self.names.draw()
        # Age when hired: managers come with experience; nobody is past retirement age (60) today.
        age = rng.randint(28, 46) if kind == PostKind.PROJECT_MANAGER else rng.randint(20, 46)
        birth = datetime.date(hired.year - age - 1, rng.randint(1, 12), rng.randint(1, 28))
        enterprise = self.region.enterprises[enterprise_key]
        staff = Staff(enterprise=enterprise, name=name, phone=mobile(rng))
        staff.set_id_number(self.id_number(enterprise.credit_code[2:6], birth, is_male))
        self.staff.append(staff)
        takeover = self.region.takeovers[project_key]
        self.posts.append(
            Post(
                staff=staff, project=self.region.projects[project_key], kind=kind, start=max(hired, takeover)
            )
        )
        employment = Employment(staff=staff, start_date=hired)
        if contract:
            employment.contract_start, employment.contract_end = labour_contract(hired, today)
        self.employments.append(employment)
        if kind in CERTIFICATES:
            certificate = self.certificate(staff, kind, hired, birth, enterprise.division)
            if (project_key, kind) in self.certificates:
                self.extra_certificates.append(certificate)
            else:
                self.certificates[project_key, kind] = certificate
        self.region.staff.setdefault((project_key, kind), staff)
        return staff

    def id_number(self, league_prefix, birth, is_male):
        pool = AREAS_BEFORE_1984 if birth.year < 1984 else AREAS
        local = [area for area in pool if area.startswith(league_prefix)]
        while True:
            area = self.rng.choice(local if local and self.rng.random() < 0.7 else pool)
            # The 17th digit is odd for men and even for women (GB 11643).
            number = citizen_id(self.rng.randrange(500) * 2 + int(is_male), area, birth)
            if number not in self.id_numbers:
                self.id_numbers.add(number)
                return number

    def certificate(self, staff, kind, hired, birth, division):
        rng, today = self.rng, self.region.today
        cert_kind, years, issuer, pattern = CERTIFICATES[kind]
        first = max(shift(hired, days=-rng.randint(30, 1500)), shift(birth, years=20))
        valid_from, valid_to = current_term(first, years, today) if years else (first, None)
        number = pattern.format(y=first.year, n=rng.randrange(10**5))
        while number in self.certificate_numbers:
            number = pattern.format(y=first.year, n=rng.randrange(10**5))
        self.certificate_numbers.add(number)
        league = division.parent.name if division.parent_id != "150000" else division.name
        return Certificate(
            staff=staff,
            kind=cert_kind,
            number=number,
            issuer=issuer.format(league=league),
            valid_from=valid_from,
            valid_to=valid_to,
        )

    def save(self):
        bulk(Staff, self.staff)
        bulk(Post, self.posts)
        bulk(Employment, self.employments)
        bulk(Certificate, list(self.certificates.values()) + self.extra_certificates)


def labour_contract(hired, today):
    """Three-year contracts renewed back to back; open-ended after ten years' service (劳动合同法 Art. 14)."""
    start, end = current_term(hired, 3, today)
    return start, (None if shift(hired, years=10) <= start else end)


def staff_enterprises(region, rng, names):
    hiring = Hiring(region, rng, names)
    today = region.today
    for plan in ENTERPRISES:
        projects = [project for project in PROJECTS if project.enterprise == plan.key]
        per_project = math.ceil(STAFF_PER_ENTERPRISE / len(projects))
        for project in projects:
            kinds = [k for k in KEY_POSTS if k != PostKind.ELEVATOR_SAFETY or project.elevators]
            kinds += EXTRA_POSTS[: max(0, per_project - len(kinds))]
            takeover = region.takeovers[project.key]
            earliest = max(region.founded[plan.key], shift(takeover, years=-1))
            for kind in kinds:
                if (project.key, kind) == NO_LABOUR_CONTRACT:
                    # FAULT 4: hired seven weeks ago, still no written labour contract.
                    staff = hiring.hire(plan.key, project.key, kind, shift(today, days=-50), contract=False)
                    region.faults.append(
                        f"未签劳动合同：{staff.name}（{plan.name}，{project.name}保洁员）入职50天仍无劳动合同。"
                    )
                    continue
                # Managers come with the takeover; the others were hired at any time since.
                latest = takeover if kind == PostKind.PROJECT_MANAGER else shift(today, days=-60)
                hired = earliest + datetime.timedelta(days=rng.randint(0, max(0, (latest - earliest).days)))
                hiring.hire(plan.key, project.key, kind, hired)
    former_employee(hiring)
    lend_certificate(hiring)
    hiring.save()


def former_employee(hiring):
    """An electrician who resigned (not a fault): his post and employment ended on the same day."""
    region, rng = hiring.region, hiring.rng
    project_key, kind = FORMER_EMPLOYEE
    hired = shift(region.takeovers[project_key], months=rng.randint(6, 18))
    ended = shift(region.today, days=-rng.randint(150, 250))
    hiring.hire("lucheng", project_key, kind, hired)
    employment, post = hiring.employments[-1], hiring.posts[-1]
    employment.contract_start, employment.contract_end = labour_contract(hired, ended)
    employment.status, employment.ended_on, employment.end_reason = (
        EmploymentStatus.ENDED,
        ended,
        EndReason.RESIGNED,
    )
    post.end = ended


def lend_certificate(hiring):
    """FAULT 2: the second manager's certificate is the first one's: same number, issuer and date."""
    owner_key, borrower_key = LENT_CERTIFICATE
    original, lent = hiring.certificates[owner_key], hiring.certificates[borrower_key]
    lent.number, lent.issuer, lent.valid_from, lent.valid_to = (
        original.number,
        original.issuer,
        original.valid_from,
        original.valid_to,
    )
    hiring.region.faults.append(
        f"证书出借：{original.staff.name}与{lent.staff.name}登记了同一项目经理证书编号 {original.number}。"
    )
