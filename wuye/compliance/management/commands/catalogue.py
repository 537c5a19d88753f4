"""`manage.py catalogue`: print the rule catalogue as a table (default) or as JSON."""

import json
import unicodedata

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.compliance.catalogue import Catalogue, catalogue_as_json, load_catalogue

DESCRIPTION = gettext_lazy("列出合规检查目录：行为准则的每一条款及其检查项。")


class Command(BaseCommand):
    @property
    def help(self):
        # argparse runs re.sub on the description, which a lazy string is not; translate it here.
        return str(DESCRIPTION)

    def add_arguments(self, parser):
        parser.add_argument(
            "--format",
            choices=("table", "json"),
            default="table",
            help=gettext_lazy("输出格式：table 为表格（默认），json 为 JSON 列表。"),
        )

    def handle(self, *args, **options):
        if options["format"] == "json":
            self.stdout.write(json.dumps(catalogue_as_json(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(render_table(load_catalogue()))


def render_table(catalogue: Catalogue) -> str:
    header = (_("条款"), _("类型"), _("名称"), _("检查项"), _("待实现"))
    rows = [
        (
            clause.id,
            clause.kind,
            clause.name.zh,
            str(len(clause.checks)),
            str(sum(check.planned for check in clause.checks)),
        )
        for clause in catalogue.clauses
    ]
    widths = [max(_width(row[column]) for row in [header, *rows]) for column in range(len(header))]
    lines = [_line(row, widths) for row in [header, *rows]]
    lines.insert(1, "  ".join("-" * width for width in widths))
    checks = [check for clause in catalogue.clauses for check in clause.checks]
    counts = {
        "clauses": len(catalogue.clauses),
        "checks": len(checks),
        "planned": sum(check.planned for check in checks),
    }
    # The English half is stable for scripts and tests; the Chinese half is for people.
    totals = _("共 %(clauses)d 条，%(checks)d 项检查，%(planned)d 项待实现") % counts
    lines.append(
        f"{totals} ({counts['clauses']} clauses, {counts['checks']} checks, {counts['planned']} planned)"
    )
    return "\n".join(lines)


def _line(row: tuple[str, ...], widths: list[int]) -> str:
    return "  ".join(
        cell + " " * (width - _width(cell)) for cell, width in zip(row, widths, strict=True)
    ).rstrip()


def _width(text: str) -> int:
    # Chinese characters take two terminal columns.
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
