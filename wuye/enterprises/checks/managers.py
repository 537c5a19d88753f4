"""Clause 1.3: a certified manager for every project served; no certificate rented or lent."""

from collections import defaultdict

from django.db.models import Count, DateField, Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Concat, Greatest, Least, Trim, Upper
from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.compliance.duties import start_of_day
from wuye.compliance.parameters import param
from wuye.compliance.registry import Check, FindingDraft, register
from wuye.compliance.wording import day
from wuye.enterprises.checks.common import ONE_DAY, OPEN_END, enterprise_draft, in_force
from wuye.enterprises.choices import CertificateKind, PostKind
from wuye.enterprises.models import Certificate, Post
from wuye.estates.models import ServicePeriod


@register("1.3.manager_certified")
class ManagerCertified(Check):
    """Every project served today has a project manager in post who holds a valid manager certificate.

    The manager must be the serving enterprise's own employee. The finding runs from the day after a
    certified manager was last in post (his post or his certificate ended), or from the takeover.
    """

    def run(self, as_of, projects):
        today = timezone.localdate(as_of)
        posts = Post.objects.filter(
            kind=PostKind.PROJECT_MANAGER,
            project=OuterRef("project"),
            staff__enterprise=OuterRef("enterprise"),
        )
        valid_certificate = Certificate.objects.filter(
            in_force(today), staff=OuterRef("staff"), kind=CertificateKind.PROJECT_MANAGER
        )
        certified_now = posts.filter(in_force(today, "start", "end")).filter(Exists(valid_certificate))
        # Each (post, certificate) pair covers the days both were valid; the last such day before today.
        covered = (
            posts.filter(staff__certificates__kind=CertificateKind.PROJECT_MANAGER)
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
        in_post = posts.filter(in_force(today, "start", "end")).order_by("start", "pk")
        rows = (
            ServicePeriod.objects.current(today)
            .filter(~Exists(certified_now))
            .annotate(
                covered_until=Subquery(covered.values("until")[:1], output_field=DateField()),
                covered_post=Subquery(covered.values("pk")[:1]),
                covered_certificate=Subquery(covered.values("staff__certificates__pk")[:1]),
                manager_post=Subquery(in_post.values("pk")[:1]),
                manager_name=Subquery(in_post.values("staff__name")[:1]),
            )
            .values(
                "pk",
                "start",
                "project_id",
                "project__name",
                "project__division_id",
                "enterprise_id",
                "covered_until",
                "covered_post",
                "covered_certificate",
                "manager_post",
                "manager_name",
            )
        )
        for row in rows:
            yield self.draft(row)

    def draft(self, row):
        since = row["start"]
        if row["covered_until"] is not None:
            since = max(since, row["covered_until"] + ONE_DAY)
        values = {"date": day(since), "project": row["project__name"], "name": row["manager_name"]}
        if row["manager_name"]:
            message = _("自%(date)s起，%(project)s的项目经理%(name)s没有在有效期内的项目经理证书") % values
        else:
            message = _("自%(date)s起，%(project)s没有持有效项目经理证书的项目经理在岗") % values
        evidence = [f"estates.serviceperiod:{row['pk']}"]
        evidence += [f"enterprises.post:{pk}" for pk in (row["manager_post"], row["covered_post"]) if pk]
        if row["covered_certificate"]:
            evidence.append(f"enterprises.certificate:{row['covered_certificate']}")
        return FindingDraft(
            check_id=self.check_id,
            subject=f"project:{row['project_id']}",
            subject_name=row["project__name"],
            period_start=start_of_day(since),
            period_end=None,
            message=message,
            project_id=row["project_id"],
            enterprise_id=row["enterprise_id"],
            division_id=row["project__division_id"],
            evidence=list(dict.fromkeys(evidence)),
        )


@register("1.3.certificate_lent")
class CertificateLent(Check):
    """Signs of certificates rented or lent (出租、转借): two people, one certificate number; or one
    person managing more projects or enterprises at once than the parameters allow.

    Both are enterprise-level findings, one for each enterprise involved (each registered the
    certificate or the appointment), so that each answers for its own part. A person is his citizen ID
    (``id_number_hash``): one man employed by two enterprises is one holder, not two.
    """

    def run(self, as_of, projects):
        yield from self.shared_numbers(as_of)
        yield from self.overloaded_managers(timezone.localdate(as_of))

    # One certificate number, two or more people --------------------------------------------------

    def shared_numbers(self, as_of):
        # "Other" certificates come from unrelated issuers, so a shared number proves nothing there.
        certificates = (
            Certificate.objects.exclude(kind=CertificateKind.OTHER)
            .exclude(number="")
            .filter(created_at__lte=as_of)
            .annotate(key=Concat("kind", Value(":"), Upper(Trim("number"))))
        )
        shared = (
            certificates.order_by()
            .values("key")
            .annotate(people=Count("staff__id_number_hash", distinct=True))
            .filter(people__gt=1)
            .values("key")
        )
        rows = (
            certificates.filter(key__in=Subquery(shared))
            .values(
                "pk",
                "key",
                "kind",
                "number",
                "created_at",
                "staff__name",
                "staff__id_number_hash",
                "staff__enterprise_id",
                "staff__enterprise__name",
                "staff__enterprise__division_id",
            )
            .order_by("key", "created_at", "pk")
        )
        by_key = defaultdict(list)
        for row in rows:
            by_key[row["key"]].append(row)
        for holders in by_key.values():
            for enterprise_id in dict.fromkeys(row["staff__enterprise_id"] for row in holders):
                yield self.shared_number_draft(holders, enterprise_id)

    def shared_number_draft(self, holders, enterprise_id):
        own = [row for row in holders if row["staff__enterprise_id"] == enterprise_id]
        others = [row for row in holders if row["staff__enterprise_id"] != enterprise_id]

        def shared_since(row):  # when someone else also held this number, from this row's side
            other_times = [
                o["created_at"] for o in holders if o["staff__id_number_hash"] != row["staff__id_number_hash"]
            ]
            return max(row["created_at"], min(other_times))

        first = own[0]
        values = {
            "kind": CertificateKind(first["kind"]).label,
            "number": first["number"],
            "count": len({row["staff__id_number_hash"] for row in holders}),
            "holders": _("、").join(dict.fromkeys(row["staff__name"] for row in own)),
            "enterprises": _("、").join(dict.fromkeys(row["staff__enterprise__name"] for row in others)),
        }
        if others:
            message = _(
                "%(kind)s编号%(number)s登记在%(count)d人名下：本企业的%(holders)s，以及%(enterprises)s的人员，"
                "涉嫌出租、转借证书"
            )
        else:
            message = _(
                "%(kind)s编号%(number)s登记在本企业%(count)d人名下（%(holders)s），涉嫌出租、转借证书"
            )
        return enterprise_draft(
            self,
            subject=f"certificate:{first['pk']}",
            subject_name=f"{values['kind']} {first['number']}",
            enterprise=enterprise_id,
            division_id=first["staff__enterprise__division_id"],
            period_start=min(shared_since(row) for row in own),
            period_end=None,
            message=message % values,
            evidence=[f"enterprises.certificate:{row['pk']}" for row in holders],
        )

    # One person, too many projects or enterprises ------------------------------------------------

    def overloaded_managers(self, today):
        posts = Post.objects.filter(in_force(today, "start", "end"), kind=PostKind.PROJECT_MANAGER)
        divisions = posts.values_list("staff__enterprise__division_id", flat=True).distinct()
        limits = {
            division: (
                param(self.check_id, "max_projects_per_manager", division, today),
                param(self.check_id, "max_enterprises_per_manager", division, today),
            )
            for division in set(divisions)
        }
        if not limits:
            return
        # The loosest limits in force anywhere pick the people worth a look; each enterprise's own apply.
        over = (
            posts.order_by()
            .values("staff__id_number_hash")
            .annotate(
                projects=Count("project", distinct=True),
                enterprises=Count("staff__enterprise", distinct=True),
            )
            .filter(
                Q(projects__gt=min(p for p, _e in limits.values()))
                | Q(enterprises__gt=min(e for _p, e in limits.values()))
            )
            .values("staff__id_number_hash")
        )
        rows = (
            posts.filter(staff__id_number_hash__in=Subquery(over))
            .values(
                "pk",
                "start",
                "project_id",
                "project__name",
                "staff_id",
                "staff__name",
                "staff__id_number_hash",
                "staff__enterprise_id",
                "staff__enterprise__name",
                "staff__enterprise__division_id",
            )
            .order_by("staff__id_number_hash", "start", "pk")
        )
        people = defaultdict(list)
        for row in rows:
            people[row["staff__id_number_hash"]].append(row)
        for posts_held in people.values():
            for staff_id in dict.fromkeys(row["staff_id"] for row in posts_held):
                draft = self.overload_draft(posts_held, staff_id, limits)
                if draft:
                    yield draft

    def overload_draft(self, posts_held, staff_id, limits):
        own = [row for row in posts_held if row["staff_id"] == staff_id]
        max_projects, max_enterprises = limits[own[0]["staff__enterprise__division_id"]]
        # The day the person took on one project (or enterprise) too many: the (limit + 1)-th to begin.
        project_since = first_starts(posts_held, "project_id")
        enterprise_since = first_starts(posts_held, "staff__enterprise_id")
        parts, starts = [], []
        if len(project_since) > max_projects:
            starts.append(sorted(project_since.values())[max_projects])
            names = dict.fromkeys(row["project__name"] for row in posts_held)
            parts.append(
                _("同时担任%(count)d个项目的项目经理（%(names)s），超过每人最多%(limit)d个的规定")
                % {"count": len(project_since), "names": _("、").join(names), "limit": max_projects}
            )
        if len(enterprise_since) > max_enterprises:
            starts.append(sorted(enterprise_since.values())[max_enterprises])
            names = dict.fromkeys(row["staff__enterprise__name"] for row in posts_held)
            parts.append(
                _("同时在%(count)d家企业担任项目经理（%(names)s），超过最多%(limit)d家的规定")
                % {"count": len(enterprise_since), "names": _("、").join(names), "limit": max_enterprises}
            )
        if not parts:
            return None
        name = own[0]["staff__name"]
        return enterprise_draft(
            self,
            subject=f"staff:{staff_id}",
            subject_name=name,
            enterprise=own[0]["staff__enterprise_id"],
            division_id=own[0]["staff__enterprise__division_id"],
            period_start=start_of_day(min(starts)),
            period_end=None,
            message=_("%(name)s%(problems)s，涉嫌挂证") % {"name": name, "problems": _("；").join(parts)},
            evidence=[f"enterprises.post:{row['pk']}" for row in posts_held],
            parameters={
                "max_projects_per_manager": max_projects,
                "max_enterprises_per_manager": max_enterprises,
            },
        )


def first_starts(rows, field: str) -> dict:
    """{value of ``field``: the earliest start among the rows with it} (rows come ordered by start)."""
    starts = {}
    for row in rows:
        starts.setdefault(row[field], row["start"])
    return starts
