"""`manage.py import_excel SPEC FILE --user NAME --project ID`: an Excel import without the web page.

The same all-or-nothing import as the page, as the named user (his scope decides what rows may name
and whether the records may be written). Exit 0 when every row was written; otherwise every problem
is printed as "第 N 行 列：原因", nothing is written and the exit code is 1. ``--check`` only validates.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.core.spreadsheets import ImportContext, ImportRejected, check_rows, discover_specs, run_import
from wuye.core.spreadsheets.columns import listing
from wuye.estates.models import Project

DESCRIPTION = gettext_lazy(
    "从 Excel 导入（全部成功或一行不写），如：import_excel power-rounds 巡视.xlsx --user 王工 --project 3"
)


class Command(BaseCommand):
    @property
    def help(self):
        return str(DESCRIPTION)

    def add_arguments(self, parser):
        parser.add_argument("spec", help=gettext_lazy("导入的种类，如 power-rooms、power-rounds"))
        parser.add_argument("file", help=gettext_lazy(".xlsx 文件"))
        parser.add_argument("--user", required=True, help=gettext_lazy("以哪个用户的身份导入（用户名）"))
        parser.add_argument("--project", type=int, help=gettext_lazy("导入到的项目编号"))
        parser.add_argument("--check", action="store_true", help=gettext_lazy("只检查，不写入"))

    def handle(self, *args, spec, file, user, project=None, check=False, **options):
        specs = discover_specs()
        if spec not in specs:
            raise CommandError(
                _("没有这种导入：%(spec)s。可用：%(names)s") % {"spec": spec, "names": listing(sorted(specs))}
            )
        try:
            who = get_user_model().objects.get(username=user, is_active=True)
        except get_user_model().DoesNotExist:
            raise CommandError(_("没有这个用户：%(user)s") % {"user": user}) from None
        where = None
        if project is not None:
            where = Project.objects.visible_to(who).filter(pk=project).first()
            if where is None:
                raise CommandError(_("该用户看不到编号为 %(pk)s 的项目。") % {"pk": project})
        importer, context = specs[spec](), ImportContext(user=who, project=where)
        try:
            with open(file, "rb") as upload:
                if check:
                    with transaction.atomic():
                        count = len(check_rows(importer, upload, context))
                    self.stdout.write(_("检查通过：%(count)s 行均可导入。") % {"count": count})
                    return
                count = len(run_import(importer, upload, context))
        except OSError as error:
            raise CommandError(str(error)) from None
        except ImportRejected as rejected:
            for problem in rejected.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                _("未导入任何数据：%(n)s 个问题。") % {"n": len(rejected.problems)}, returncode=1
            ) from None
        except PermissionDenied:
            raise CommandError(_("该用户无权写入这些记录，未导入任何数据。"), returncode=1) from None
        self.stdout.write(
            _("导入成功：已写入 %(count)s 行（%(title)s）。") % {"count": count, "title": importer.title}
        )
