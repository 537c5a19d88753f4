"""``seed_demo``: build the demo region (enterprises, estates, staff, owners, demo logins) in one transaction.

Refuses when the database already holds data; with ``--if-empty`` (as ``make run`` calls it) it says
so and exits 0 instead, so restarting never duplicates or touches real records.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.accounts.models import Membership, User
from wuye.enterprises.models import Certificate, Employment, Enterprise, Licence, Post, Staff
from wuye.estates.demo import DEMO_USERNAMES, SEED, build_demo, demo_logins, logins_table
from wuye.estates.demo.trend import score_history
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

COUNTED = [
    Enterprise,
    Licence,
    Staff,
    Post,
    Certificate,
    Employment,
    Developer,
    Project,
    Building,
    Household,
    Owner,
    OwnersCommittee,
    CommitteeMember,
    ServicePeriod,
    ServiceContract,
    User,
    Membership,
]
SKIPPED = gettext_lazy("演示数据已存在，跳过")
DESCRIPTION = gettext_lazy(
    "生成演示数据：内蒙古的物业服务企业、项目、员工、业主和各角色的演示账号（密码 wuye-demo）。"
)


def has_data() -> bool:
    return (
        Enterprise.objects.exists()
        or Project.objects.exists()
        or User.objects.filter(username__in=DEMO_USERNAMES).exists()
    )


class Command(BaseCommand):
    @property
    def help(self):
        # argparse runs re.sub on the description, which a lazy string is not; translate it here.
        return str(DESCRIPTION)

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help=gettext_lazy("数据库已有数据时跳过并正常退出（make run 使用）；不加此项时报错。"),
        )
        parser.add_argument(
            "--seed", type=int, default=SEED, help=gettext_lazy("随机数种子（默认固定，结果可复现）")
        )

    def handle(self, *args, if_empty, seed, **options):
        if has_data():
            if if_empty:
                self.stdout.write(str(SKIPPED))
                return
            raise CommandError(
                _(
                    "数据库中已有企业、项目或演示账号，不再生成演示数据。"
                    "如需重建，请换用空数据库；make run 使用 --if-empty 跳过此步。"
                )
            )
        started = time.monotonic()
        with transaction.atomic():
            region = build_demo(seed=seed)
        built = time.monotonic()
        score_history()
        scored = time.monotonic()
        self.print_summary(region, built - started)
        self.stdout.write(_("评估并计算近 12 个月评分用时 %(seconds).1f 秒。") % {"seconds": scored - built})

    def print_summary(self, region, elapsed):
        out = self.stdout
        done = _("演示数据已生成（%(today)s，用时 %(seconds).1f 秒）：") % {
            "today": region.today,
            "seconds": elapsed,
        }
        out.write(self.style.SUCCESS(done))
        for model in COUNTED:
            out.write(f"  {model._meta.verbose_name_plural}: {model.objects.count()}")
        out.write("")
        out.write(_("故意设置的问题（供合规检查发现）："))
        for fault in region.faults:
            out.write(f"  - {fault}")
        if region.invitations:
            out.write("")
            out.write(_("业主邀请码（在 /join/ 开通业主账号，每个限用一次）："))
            for household, code in region.invitations[:3]:
                out.write(f"  {household}: {code}")
        out.write("")
        out.write(_("演示账号："))
        for line in logins_table(demo_logins()):
            out.write("  " + line)
