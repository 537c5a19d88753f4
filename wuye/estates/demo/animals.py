"""Demo animals (clause 5.2): every project tells its owners each spring that poultry and livestock may
not be kept and that pets must be kept safely and dogs registered; its pet register holds registered and
vaccinated dogs, cats, and a dog newly entered whose owner was urged to register; a goose flock was found
and reported the same day in 玉龙湾小区. Faults A1 to A3.

A1. Notice missing (北梁新居): no notice last year (5.2.notice_yearly).
A2. Dog not followed up (锦绣华庭): a dog entered in the register 60 days ago has no dog licence and its
    owner was never urged to register it (5.2.pet_registration).
A3. Poultry reported late (青城华府): chickens kept on a balcony were found 12 days ago and reported to
    the authority eight days later (5.2.unauthorised_reported).
"""

import datetime

from django.core.files.base import ContentFile

from wuye.comanagement.choices_animals import AnimalKind, PetKind
from wuye.comanagement.models import AnimalNotice, Pet, UnauthorisedAnimal
from wuye.estates.demo.build import bulk
from wuye.estates.demo.plan import PROJECTS
from wuye.estates.demo.power import at
from wuye.estates.models import Household

NO_NOTICE = "beiliang"  # fault A1
UNREGISTERED = "jinxiu"  # fault A2
REPORTED_LATE = "qingcheng"  # fault A3
NOTICE = (
    "根据《物业管理条例》和业主管理规约，小区内不得饲养鸡、鸭、鹅等家禽和猪、羊等家畜。"
    "饲养犬只须为犬只接种狂犬病疫苗并到公安机关办理养犬登记，出户须束犬链、及时清理粪便。"
)
AUTHORITY = "街道办事处、区农牧局"


def notice_days(takeover: datetime.date, today: datetime.date):
    """One notice each year from the takeover's, on 1 March (or the week after a later takeover, at the
    latest on 31 December)."""
    for year in range(takeover.year, today.year + 1):
        day = max(datetime.date(year, 3, 1), takeover + datetime.timedelta(days=7))
        day = min(day, datetime.date(year, 12, 31))
        if day <= today:
            yield day


def build_animals(region, seed: int) -> None:
    today = region.today
    notices, pets, animals = [], [], []
    for plan in PROJECTS:
        project = region.projects[plan.key]
        households = list(Household.objects.filter(project=project).order_by("pk")[:12])
        for day in notice_days(region.takeovers[plan.key], today):
            if plan.key == NO_NOTICE and day.year == today.year - 1:
                region.faults.append(f"未告知饲养动物规定：{plan.name}{day.year}年没有告知业主。")
                continue
            notices.append(
                AnimalNotice(
                    project=project,
                    given_on=day,
                    content=NOTICE,
                    file=ContentFile(NOTICE.encode("utf-8"), name="notice.pdf"),
                )
            )
        for index in range(3):
            recorded = today - datetime.timedelta(days=200 + 30 * index)
            pets.append(
                Pet(
                    project=project,
                    household=households[index],
                    kind=PetKind.DOG,
                    description="泰迪犬",
                    recorded_on=recorded,
                    licence_number=f"{project.pk:03d}-{index + 1:04d}",
                    rabies_vaccinated_on=recorded - datetime.timedelta(days=20),
                )
            )
        pets.append(
            Pet(
                project=project,
                household=households[4],
                kind=PetKind.CAT,
                recorded_on=today - datetime.timedelta(days=90),
            )
        )
        # Newly entered, its owner urged within a week: lawful while the registration is under way.
        pets.append(
            Pet(
                project=project,
                household=households[5],
                kind=PetKind.DOG,
                description="柴犬",
                recorded_on=today - datetime.timedelta(days=40),
                urged_on=today - datetime.timedelta(days=35),
            )
        )
        if plan.key == UNREGISTERED:
            pets.append(
                Pet(
                    project=project,
                    household=households[6],
                    kind=PetKind.DOG,
                    description="金毛犬",
                    recorded_on=today - datetime.timedelta(days=60),
                )
            )
            region.faults.append(f"犬只未督促登记：{plan.name}一只未办理养犬登记的犬只60天未督促登记。")
        if plan.key == "yulong":
            found = at(today - datetime.timedelta(days=30), 10)
            animals.append(
                UnauthorisedAnimal(
                    project=project,
                    household=households[7],
                    kind=AnimalKind.POULTRY,
                    description="后院散养鹅5只",
                    found_at=found,
                    reported_at=found + datetime.timedelta(hours=4),
                    authority=AUTHORITY,
                )
            )
        if plan.key == REPORTED_LATE:
            found = at(today - datetime.timedelta(days=12), 10)
            animals.append(
                UnauthorisedAnimal(
                    project=project,
                    household=households[8],
                    kind=AnimalKind.POULTRY,
                    description="阳台饲养鸡8只",
                    found_at=found,
                    reported_at=found + datetime.timedelta(days=8),
                    authority=AUTHORITY,
                )
            )
            region.faults.append(f"擅自饲养未及时报告：{plan.name}阳台养鸡发现8天后才报告职能部门。")
    bulk(AnimalNotice, notices)
    bulk(Pet, pets)
    bulk(UnauthorisedAnimal, animals)
