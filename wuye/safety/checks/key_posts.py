"""Clause 1.3, the key posts a project's equipment requires: power rooms need a certified electrician,
elevators an elevator safety manager, a fire control room fire-facility operators (at least two).

Each requirement is one query over the service periods in force: the projects whose equipment asks for
the post, with the number of different people (by citizen ID) of the serving enterprise in that post
today who hold a valid certificate of the matching kind. The catalogue's ``key_posts`` lists the
requirements in force, so a regulator can take one out for its division.
"""

from dataclasses import dataclass

from django.db.models import Count, DateField, Exists, F, Min, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.compliance.duties import start_of_day
from wuye.compliance.parameters import param
from wuye.compliance.registry import Check, FindingDraft, register
from wuye.compliance.wording import day
from wuye.enterprises.checks.common import ONE_DAY, OPEN_END, in_force
from wuye.enterprises.choices import CertificateKind, PostKind
from wuye.enterprises.models import Certificate, Post
from wuye.estates.models import ServicePeriod
from wuye.safety.models import Elevator, PowerRoom, fire_control_rooms


@dataclass(frozen=True)
class KeyPost:
    code: str  # as the catalogue's key_posts names it
    post: str  # PostKind
    certificate: str  # CertificateKind
    equipment: str  # what asks for it, in words
    minimum: str = ""  # the parameter giving the least number of people; "" for one

    def assets(self):
        """The active assets that ask for this post (each has ``project`` and ``in_service_from``)."""
        return KEY_POST_ASSETS[self.code]()


KEY_POSTS = [
    KeyPost("electrician", PostKind.ELECTRICIAN, CertificateKind.ELECTRICIAN, gettext_lazy("配电室")),
    KeyPost(
        "elevator_safety_manager",
        PostKind.ELEVATOR_SAFETY,
        CertificateKind.ELEVATOR_SAFETY,
        gettext_lazy("电梯"),
    ),
    KeyPost(
        "fire_control_operator",
        PostKind.FIRE_OPERATOR,
        CertificateKind.FIRE_OPERATOR,
        gettext_lazy("消防控制室"),
        minimum="fire_operators_min",
    ),
]

# code → the assets in use that require the post.
KEY_POST_ASSETS = {
    "electrician": lambda: PowerRoom.objects.filter(active=True),
    "elevator_safety_manager": lambda: Elevator.objects.filter(active=True),
    "fire_control_operator": fire_control_rooms,
}


@register("1.3.key_posts_certified")
class KeyPostsCertified(Check):
    """Each key post the project's equipment requires is held by enough people with a valid certificate."""

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        served = ServicePeriod.objects.current(today)
        divisions = set(served.values_list("project__division_id", flat=True))
        for key_post in KEY_POSTS:
            for division in divisions:
                if key_post.code not in param(self.check_id, "key_posts", division, today):
                    continue
                minimum = param(self.check_id, key_post.minimum, division, today) if key_post.minimum else 1
                rows = self.short(key_post, served.filter(project__division_id=division), today, minimum)
                for row in rows:
                    yield self.draft(key_post, row, minimum)

    def short(self, key_post: KeyPost, served, today, minimum: int):
        assets = key_post.assets().filter(project=OuterRef("project"), in_service_from__lte=today)
        posts = Post.objects.filter(
            kind=key_post.post, project=OuterRef("project"), staff__enterprise=OuterRef("enterprise")
        )
        valid = Certificate.objects.filter(
            in_force(today), staff=OuterRef("staff"), kind=key_post.certificate
        )
        certified = (
            posts.filter(in_force(today, "start", "end"))
            .filter(Exists(valid))
            .order_by()
            .values("project")
            .annotate(n=Count("staff__id_number_hash", distinct=True))
            .values("n")
        )
        # The last day a certified person was in post (his post or his certificate ended), if any.
        covered = (
            posts.filter(staff__certificates__kind=key_post.certificate)
            .annotate(
                since=Greatest("start", "staff__certificates__valid_from"),
                until=Least(
                    Coalesce("end", Value(OPEN_END)),
                    Coalesce("staff__certificates__valid_to", Value(OPEN_END)),
                    output_field=DateField(),
                ),
            )
            .filter(since__lte=F("until"), until__lt=today)
            .order_by("-until", "-pk")
        )
        first_asset = (
            assets.order_by().values("project").annotate(first=Min("in_service_from")).values("first")
        )
        return (
            served.filter(Exists(assets))
            .annotate(
                certified=Coalesce(Subquery(certified), 0),
                equipment_since=Subquery(first_asset, output_field=DateField()),
                covered_until=Subquery(covered.values("until")[:1], output_field=DateField()),
                covered_post=Subquery(covered.values("pk")[:1]),
            )
            .filter(certified__lt=minimum)
            .values(
                "pk",
                "start",
                "project_id",
                "project__name",
                "project__division_id",
                "enterprise_id",
                "certified",
                "equipment_since",
                "covered_until",
                "covered_post",
            )
        )

    def draft(self, key_post: KeyPost, row, minimum: int) -> FindingDraft:
        since = max(row["start"], row["equipment_since"])
        if row["covered_until"] is not None:
            since = max(since, row["covered_until"] + ONE_DAY)
        words = {
            "date": day(since),
            "project": row["project__name"],
            "equipment": key_post.equipment,
            "post": PostKind(key_post.post).label,
            "certificate": CertificateKind(key_post.certificate).label,
            "n": row["certified"],
            "minimum": minimum,
        }
        if minimum > 1:
            message = (
                _(
                    "自%(date)s起，%(project)s设有%(equipment)s，持有效%(certificate)s的%(post)s在岗%(n)d人，少于%(minimum)d人"
                )
                % words
            )
        else:
            message = (
                _("自%(date)s起，%(project)s设有%(equipment)s，但没有持有效%(certificate)s的%(post)s在岗")
                % words
            )
        evidence = [f"estates.serviceperiod:{row['pk']}"]
        if row["covered_post"]:
            evidence.append(f"enterprises.post:{row['covered_post']}")
        return FindingDraft(
            check_id=self.check_id,
            subject=f"project:{row['project_id']}:{key_post.code}",
            subject_name=f"{row['project__name']} {PostKind(key_post.post).label}",
            period_start=start_of_day(since),
            period_end=None,
            message=message,
            project_id=row["project_id"],
            enterprise_id=row["enterprise_id"],
            division_id=row["project__division_id"],
            evidence=evidence,
            parameters={"key_posts": [key_post.code], "minimum": minimum},
        )


@register("1.3.certificate_holder_match")
class CertificateHolderMatch(Check):
    """A post in force whose certificate belongs to somebody else (by citizen ID: the same man registered
    by two enterprises is still himself)."""

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        posts = (
            Post.objects.filter(in_force(today, "start", "end"), certificate__isnull=False)
            .exclude(certificate__staff__id_number_hash=F("staff__id_number_hash"))
            .select_related("staff", "project", "certificate__staff")
        )
        for post in posts:
            certificate = post.certificate
            message = _(
                "%(project)s的%(post)s%(name)s上岗所持%(kind)s（编号%(number)s）登记的持证人是%(holder)s，证与人不符"
            ) % {
                "project": post.project.name,
                "post": post.get_kind_display(),
                "name": post.staff.name,
                "kind": certificate.get_kind_display(),
                "number": certificate.number,
                "holder": certificate.staff.name,
            }
            yield FindingDraft(
                check_id=self.check_id,
                subject=f"post:{post.pk}",
                subject_name=str(post),
                period_start=start_of_day(post.start),
                period_end=None,
                message=message,
                project_id=post.project_id,
                enterprise_id=post.staff.enterprise_id,
                division_id=post.project.division_id,
                evidence=[f"enterprises.post:{post.pk}", f"enterprises.certificate:{certificate.pk}"],
            )
