"""`manage.py evaluate`: run the compliance engine, then print the findings in force and the scores.

stdout carries one document only (JSON by default, or a table for people); progress and logs go to
stderr, so `evaluate > findings.json` gives a file a program can read.

An evaluation as of a moment before the last one is shown and not kept: the engine brings the stored
findings in line with what it finds as of then, so keeping it would withdraw every finding since.
"""

import argparse
import datetime
import json
import time
import unicodedata
from itertools import groupby
from typing import NamedTuple

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from huey.exceptions import TaskLockedException

from wuye.compliance.catalogue import clause as catalogue_clause
from wuye.compliance.engine import evaluate
from wuye.compliance.models import EvaluationRun, FindingState
from wuye.compliance.report import evaluation_document
from wuye.compliance.tasks import evaluation_lock

DESCRIPTION = gettext_lazy(
    "运行合规评估（默认只看上次评估以来有新记录的项目），然后输出有效的问题和最新评分。"
)


class AsOf(NamedTuple):
    moment: datetime.datetime
    whole_day: bool  # given as a date: the end of that day


def as_of_argument(text: str) -> AsOf:
    """YYYY-MM-DD (the end of that day) or YYYY-MM-DDTHH:MM, in Asia/Shanghai unless an offset is given."""
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        pass
    else:
        return AsOf(timezone.make_aware(datetime.datetime.combine(day, datetime.time.max)), True)
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD) or a time (YYYY-MM-DDTHH:MM): {text}")
    return AsOf(moment if timezone.is_aware(moment) else timezone.make_aware(moment), False)


class Command(BaseCommand):
    @property
    def help(self):
        # argparse runs re.sub on the description, which a lazy string is not; translate it here.
        return str(DESCRIPTION)

    def add_arguments(self, parser):
        parser.add_argument(
            "--as-of",
            type=as_of_argument,
            metavar="YYYY-MM-DD[THH:MM]",
            help=gettext_lazy("评估时点：日期表示当天结束时（北京时间），不晚于现在；默认现在。"),
        )
        scope = parser.add_mutually_exclusive_group()
        scope.add_argument(
            "--project",
            type=int,
            action="append",
            dest="projects",
            metavar="ID",
            help=gettext_lazy("只评估并输出这个项目（可重复）。"),
        )
        scope.add_argument("--full", action="store_true", help=gettext_lazy("全量评估所有项目。"))
        parser.add_argument(
            "--format",
            choices=("json", "table"),
            default="json",
            help=gettext_lazy("输出格式：json 为 JSON 文档（默认），table 为表格。"),
        )

    def handle(self, *args, as_of=None, projects=None, full=False, verbosity=1, **options):
        now = timezone.now()
        moment = as_of_moment(as_of, now)
        projects = known_projects(projects)
        log = self.stderr.write if verbosity >= 1 else (lambda message: None)
        started = time.monotonic()
        try:
            # The scheduled runs take the same lock: two evaluations never overlap.
            with evaluation_lock, transaction.atomic():
                past = rewinds(moment)
                # Looking back, the records changed since the last run say nothing: look at everything.
                run = evaluate(moment, projects=projects, full=full or (past and projects is None), log=log)
                document = evaluation_document(moment, projects)
                if past:
                    transaction.set_rollback(True)
        except TaskLockedException:
            raise CommandError(_("另一次评估正在进行，请稍后再试。") + " (another evaluation is running)")
        log(
            f"as of {timezone.localtime(moment):%Y-%m-%d %H:%M}: "
            f"{'full' if run.full else f'{run.projects} projects'}, opened {run.opened}, "
            f"closed {run.closed}, withdrawn {run.withdrawn} in {time.monotonic() - started:.2f} s"
            + (" (before the last evaluation: shown, not kept)" if past else "")
        )
        if options["format"] == "json":
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(render_table(document))


def as_of_moment(as_of: AsOf | None, now: datetime.datetime) -> datetime.datetime:
    if as_of is None:
        return now
    if as_of.moment <= now:
        return as_of.moment
    if as_of.whole_day and timezone.localdate(as_of.moment) == timezone.localdate(now):
        return now  # today, so far: the records of the rest of the day do not exist yet
    # A moment still to come would turn every open gap into a finding that has not happened.
    raise CommandError(
        _("评估时点不能晚于现在。") + f" (--as-of is in the future: {as_of.moment.isoformat()})"
    )


def rewinds(moment: datetime.datetime) -> bool:
    """Whether ``moment`` comes before the last evaluation's, whose findings it would take back."""
    last = EvaluationRun.objects.filter(finished_at__isnull=False).order_by("-as_of").first()
    return last is not None and moment < last.as_of


def known_projects(ids: list[int] | None) -> set[int] | None:
    from wuye.estates.models import Project

    if not ids:
        return None
    unknown = set(ids) - set(Project.objects.filter(pk__in=ids).values_list("pk", flat=True))
    if unknown:
        listed = ", ".join(str(pk) for pk in sorted(unknown))
        raise CommandError(_("没有这些项目：%(ids)s") % {"ids": listed} + f" (no project {listed})")
    return set(ids)


def render_table(document: dict) -> str:
    """Findings grouped by clause, then the scores: a summary for people."""
    states = dict(FindingState.choices)
    lines = [_("评估时点：%(as_of)s") % {"as_of": document["as_of"]}, ""]
    findings = document["findings"]
    for clause_id, group in groupby(findings, key=lambda finding: finding["clause"]):
        group = list(group)
        lines.append(f"{clause_id} {catalogue_clause(clause_id).name.zh} ({len(group)})")
        rows = [
            (
                str(states.get(f["state"], f["state"])),
                f["severity"],
                str(f["points"]),
                f["party"],
                f["subject_name"],
                f["message"],
            )
            for f in group
        ]
        lines += ["  " + line for line in columns(rows)]
    if not findings:
        lines.append(_("没有有效的问题。"))
    lines.append("")
    header = (_("对象"), _("名称"), _("得分"), _("等级"), _("扣分"), _("未整改问题"), _("日期"))
    rows = [
        (s["subject"], s["name"], s["score"], s["grade"], s["points"], str(s["open_findings"]), s["on"])
        for s in document["scores"]
    ]
    lines += columns([header, *rows], underline=True)
    open_count = sum(f["state"] == FindingState.OPEN for f in findings)
    lines.append(
        _("有效问题 %(findings)d 个（未整改 %(open)d 个），评分 %(scores)d 项")
        % {"findings": len(findings), "open": open_count, "scores": len(rows)}
        + f" ({len(findings)} findings, {open_count} open, {len(rows)} scores)"
    )
    return "\n".join(lines)


def columns(rows: list[tuple[str, ...]], underline: bool = False) -> list[str]:
    """Rows as aligned text columns (Chinese characters take two terminal columns)."""
    if not rows:
        return []
    widths = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(c + " " * (w - width(c)) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
    ]
    if underline:
        lines.insert(1, "  ".join("-" * w for w in widths))
    return lines


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
