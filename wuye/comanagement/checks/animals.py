"""Checks of clause 5.2: owners are told every year about animals (a calendar duty, as 3.7.survey_held);
a dog without registration (or, where ``dog_rabies_vaccination_required``, without its rabies
vaccination) is followed up within ``follow_up_deadline`` of entering the register; an unauthorised animal
is reported to the authority within ``report_deadline`` of being found. Set-based: one query per group of
parameters; loops only over projects, buckets and failing rows. Exactly at a deadline passes."""

import datetime
from collections import defaultdict

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.comanagement.checks.common import projects_by_param
from wuye.comanagement.choices_animals import PetKind
from wuye.comanagement.models import AnimalNotice, Pet, UnauthorisedAnimal
from wuye.compliance.duties import Miss, bucket_of, next_bucket, start_of_day
from wuye.compliance.parameters import param
from wuye.compliance.registry import Check, FindingDraft, register
from wuye.compliance.wording import bucket_in_words, duration, moment
from wuye.estates.models import Project, ServicePeriod
from wuye.estates.periods import serving_enterprise


def served_projects(today):
    """Projects served now, each with ``duty_start``: the start of its current service period."""
    from django.db.models import OuterRef, Subquery

    current = ServicePeriod.objects.current(today).filter(project=OuterRef("pk")).order_by("-start")
    return (
        Project.objects.annotate(duty_start=Subquery(current.values("start")[:1]))
        .filter(duty_start__isnull=False)
        .order_by()
    )


@register("5.2.notice_yearly")
class NoticeNotGiven(Check):
    """Owners are told at least once every ``bucket`` years (Asia/Shanghai, from January; due ``due_after``
    days after the bucket ends) that poultry and livestock may not be kept and pets must be kept safely and
    registered: a notice given on a day of the bucket covers it. From the start of the current service
    period."""

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        groups = defaultdict(list)
        for pk, division, duty_start in served_projects(today).values_list("pk", "division_id", "duty_start"):
            key = (
                int(param(self.check_id, "bucket", division, today)) * 12,
                param(self.check_id, "due_after", division, today),
            )
            groups[key].append((pk, duty_start))
        for (months, due_after), members in groups.items():
            given = AnimalNotice.objects.filter(
                project_id__in=[pk for pk, _start in members], given_on__lte=today
            ).values_list("project_id", "given_on")
            covered = {(pk, bucket_of(day, months)) for pk, day in given}
            misses = []
            for pk, duty_start in members:
                start = bucket_of(duty_start, months)
                while True:
                    end = next_bucket(start, months)
                    due = start_of_day(end) + due_after
                    if due > as_of:
                        break
                    if (pk, start) not in covered:
                        misses.append(Miss(pk, start_of_day(start), start_of_day(end), due))
                    start = end
            if misses:
                applied = {"bucket": str(months // 12), "due_after": str(due_after)}
                yield from self.drafts(misses, months, applied)

    def drafts(self, misses, months, applied):
        named = Project.objects.in_bulk({miss.subject_id for miss in misses})
        enterprise_at = serving_enterprise(set(named))
        for miss in misses:
            project = named[miss.subject_id]
            yield FindingDraft(
                check_id=self.check_id,
                subject=f"project:{project.pk}",
                subject_name=project.name,
                period_start=miss.bucket_start,
                period_end=miss.bucket_end,
                message=_("%(project)s %(bucket)s没有告知业主不得饲养家禽家畜及宠物登记规定")
                % {"project": project.name, "bucket": bucket_in_words(miss.bucket_start, months)},
                project_id=project.pk,
                enterprise_id=enterprise_at(project.pk, miss.bucket_start),
                division_id=project.division_id,
                parameters=applied,
            )


def unregistered_dogs(project_ids, vaccination_required: bool, today):
    """Dogs in the register (not gone) without a licence number, or where vaccination is required without
    a rabies vaccination date."""
    missing = Q(licence_number="")
    if vaccination_required:
        missing |= Q(rabies_vaccinated_on__isnull=True)
    return Pet.objects.filter(missing, project_id__in=project_ids, kind=PetKind.DOG).filter(
        Q(gone_on__isnull=True) | Q(gone_on__gt=today)
    )


@register("5.2.pet_registration")
class PetNotFollowedUp(Check):
    """A dog without registration (no dog licence number; with ``dog_rabies_vaccination_required``, also
    one without a rabies vaccination date) is followed up, the owner urged to register, within
    ``follow_up_deadline`` days of entering the pet register. Urged exactly on the last day passes."""

    ends_when_gone = False

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        rows = Project.objects.order_by().values_list("pk", "division_id")
        groups = defaultdict(list)
        for pk, division in rows:
            key = (
                param(self.check_id, "follow_up_deadline", division, today),
                bool(param(self.check_id, "dog_rabies_vaccination_required", division, today)),
            )
            groups[key].append(pk)
        for (limit, vaccination), project_ids in groups.items():
            days = limit.days
            late = (
                unregistered_dogs(project_ids, vaccination, today)
                .filter(recorded_on__lt=today - datetime.timedelta(days=days))
                .filter(
                    Q(urged_on__isnull=True)
                    | Q(urged_on__gt=F("recorded_on") + datetime.timedelta(days=days))
                )
                .select_related("project", "household__building")
                .order_by("project_id", "recorded_on", "pk")
            )
            late = list(late)
            enterprise_at = serving_enterprise({pet.project_id for pet in late})
            applied = {"follow_up_deadline": str(limit), "dog_rabies_vaccination_required": str(vaccination)}
            for pet in late:
                yield self.draft(pet, days, enterprise_at, applied, today)

    def draft(self, pet, days, enterprise_at, applied, today):
        due = pet.recorded_on + datetime.timedelta(days=days)
        begun = start_of_day(due + datetime.timedelta(days=1))
        urged = pet.urged_on if pet.urged_on and pet.urged_on <= today else None
        words = {"project": pet.project.name, "pet": str(pet), "recorded": pet.recorded_on, "days": days}
        if urged:
            message = _(
                "%(project)s %(pet)s未办理养犬登记（%(recorded)s入册），应在%(days)s天内督促登记，%(urged)s才督促"
            ) % {
                **words,
                "urged": urged,
            }
        else:
            message = (
                _(
                    "%(project)s %(pet)s未办理养犬登记（%(recorded)s入册），应在%(days)s天内督促登记，至今未督促"
                )
                % words
            )
        return FindingDraft(
            check_id=self.check_id,
            subject=f"pet:{pet.pk}",
            subject_name=f"{pet.project.name} {pet}",
            period_start=begun,
            period_end=start_of_day(urged) if urged else None,
            message=message,
            project_id=pet.project_id,
            enterprise_id=enterprise_at(pet.project_id, begun),
            division_id=pet.project.division_id,
            evidence=[f"comanagement.pet:{pet.pk}"],
            parameters=applied,
        )


@register("5.2.unauthorised_reported")
class UnauthorisedNotReported(Check):
    """An unauthorised animal (poultry, livestock, other) is reported to the authority within
    ``report_deadline`` of being found."""

    ends_when_gone = False

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        for limit, project_ids in projects_by_param(self.check_id, "report_deadline", today).items():
            late = (
                UnauthorisedAnimal.objects.filter(project_id__in=project_ids, found_at__lt=as_of - limit)
                .filter(Q(reported_at__isnull=True) | Q(reported_at__gt=F("found_at") + limit))
                .select_related("project")
                .order_by("project_id", "found_at", "pk")
            )
            late = list(late)
            enterprise_at = serving_enterprise({animal.project_id for animal in late})
            for animal in late:
                deadline = animal.found_at + limit
                done = animal.reported_at if animal.reported_at and animal.reported_at <= as_of else None
                words = {
                    "project": animal.project.name,
                    "animal": str(animal),
                    "limit": duration(limit),
                    "done": moment(done) if done else "",
                }
                if done:
                    message = (
                        _("%(project)s 擅自饲养%(animal)s，应在%(limit)s内报告职能部门，%(done)s才报告")
                        % words
                    )
                else:
                    message = (
                        _("%(project)s 擅自饲养%(animal)s，应在%(limit)s内报告职能部门，至今未报告") % words
                    )
                yield FindingDraft(
                    check_id=self.check_id,
                    subject=f"unauthorisedanimal:{animal.pk}",
                    subject_name=f"{animal.project.name} {animal}",
                    period_start=deadline,
                    period_end=done,
                    message=message,
                    project_id=animal.project_id,
                    enterprise_id=enterprise_at(animal.project_id, animal.found_at),
                    division_id=animal.project.division_id,
                    evidence=[f"comanagement.unauthorisedanimal:{animal.pk}"],
                    parameters={"report_deadline": str(limit)},
                )
