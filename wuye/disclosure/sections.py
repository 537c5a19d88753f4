"""The sections of the public page, in the order they show: each is one function (its data, from one
small query of ``queries.py``, or None to leave it out) and one template. Adding a section is a function
under ``@section(...)`` here and its template in templates/disclosure/sections/; the page includes it.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from wuye.compliance.actions_publication import period_label
from wuye.compliance.catalogue import check as catalogue_check
from wuye.compliance.catalogue import clause as catalogue_clause
from wuye.compliance.templatetags.compliance_pages import in_language
from wuye.compliance.wording import day
from wuye.disclosure import queries
from wuye.finance.choices_fees import FeeItem
from wuye.finance.choices_statements import Half
from wuye.finance.income_commonareas import common_income_by_half
from wuye.finance.models import current_parking_rules
from wuye.finance.notices import FIELD_LABELS, fee_notice, separator
from wuye.finance.tables_statements import statement_table


@dataclass(frozen=True)
class Subject:
    """What every section starts from: the project's current service period (project and company) and
    the day the page is about."""

    period: object
    on: datetime.date

    @property
    def project(self):
        return self.period.project

    @property
    def enterprise(self):
        return self.period.enterprise


@dataclass(frozen=True)
class Section:
    name: str
    template: str
    build: Callable[[Subject], object]


SECTIONS: list[Section] = []


def section(name: str):
    """Register the decorated function as the page's next section, shown by ``sections/<name>.html``."""

    def register(build):
        SECTIONS.append(Section(name, f"disclosure/sections/{name}.html", build))
        return build

    return register


def page_sections(subject: Subject) -> list[dict]:
    """[{name, template, data}] of the sections that have something to show."""
    parts = ({"name": s.name, "template": s.template, "data": s.build(subject)} for s in SECTIONS)
    return [part for part in parts if part["data"] is not None]


@section("company")
def company(subject: Subject) -> dict:
    """The serving company since when, and its and the project's published grade with its period (the
    regulator's publication, not the live score)."""
    period = subject.period
    return {
        "enterprise": subject.enterprise,
        "since": period.start,
        "company": {
            "grade": period.company_published_grade,
            "score": period.company_published_score,
            "period": period_label(period.company_published_period_start, period.company_published_period_end)
            if period.company_published_grade
            else "",
        },
        "project": {
            "grade": period.project_published_grade,
            "score": period.project_published_score,
            "period": period_label(period.project_published_period_start, period.project_published_period_end)
            if period.project_published_grade
            else "",
        },
    }


@section("service")
def service(subject: Subject) -> dict:
    """The 24-hour service phone, the service centre's address and hours (all may be missing)."""
    centre = queries.service_centre(subject.project.pk)
    return {"centre": centre, "phone": centre.service_phone if centre else ""}


def finding_sentence(row: dict) -> str:
    """“自2026年3月1日起未做到：……” from the catalogue's wording, never the finding's own message."""
    try:
        requirement = in_language(catalogue_check(row["check_id"]).description)
    except KeyError:
        requirement = _("本条款的要求")
    return _("自%(day)s起未做到：%(requirement)s。") % {
        "day": day(timezone.localtime(row["since"]).date()),
        "requirement": requirement,
    }


@section("findings")
def findings(subject: Subject) -> dict:
    """The clauses the project breaks now, each with plain sentences of what is not done since when."""
    clauses: dict[str, dict] = {}
    for row in queries.open_findings(subject.project.pk, subject.on):
        clause_id = row["clause_id"]
        if clause_id not in clauses:
            try:
                name = in_language(catalogue_clause(clause_id).name)
            except KeyError:
                name = ""
            clauses[clause_id] = {"id": clause_id, "name": name, "sentences": []}
        clauses[clause_id]["sentences"].append({"text": finding_sentence(row), "party": row["party"]})
    return {"clauses": list(clauses.values())}


@section("fees")
def fees(subject: Subject) -> dict:
    """The fee notice as posted (物业服务收费明码标价规定 Art. 6: its items in the law's order, the price
    complaint hotline as the catalogue gives it), each standard in force in detail, and those announced."""
    posted = fee_notice(subject.project, subject.on)
    hotline_label = str(FIELD_LABELS["price_complaint_hotline"])
    # The hotline is the one in force (a notice may show a wrong one: its finding says so), as a link.
    items = [(label, value) for label, value in posted.items if str(label) != hotline_label]
    announced = queries.announced_standards(subject.project.pk, subject.on)
    for standard in (*posted.standards, *announced):
        labels = [str(FeeItem(item).label) for item in standard.fee_items if item in FeeItem.values]
        standard.items_text = separator().join(labels)
    return {
        "enterprise": subject.enterprise,
        "posted": posted.notice is not None,
        "items": items,
        "standards": posted.standards,
        "announced": announced,
        "hotline": posted.hotline,
    }


def half_label(statement) -> str:
    """A half year short enough for the chart's axis on a phone: “2025年上半年”."""
    return _("%(year)s年%(half)s") % {"year": statement.year, "half": statement.get_half_display()}


@section("statements")
def statements(subject: Subject) -> dict:
    """Every published half-year statement as its two-level table (newest first) and the chart of income
    against expense per half year (oldest first, as time runs)."""
    rows = []
    for statement in queries.published_statements(subject.project.pk):
        rows.append({"statement": statement, "table": statement_table(statement, statement.lines.all())})
    chart = {
        "labels": [half_label(row["statement"]) for row in reversed(rows)],
        "income": [str(row["table"]["income_total"]) for row in reversed(rows)],
        "expense": [str(row["table"]["expense_total"]) for row in reversed(rows)],
    }
    return {"rows": rows, "chart": chart}


@section("commonareas")
def common_areas(subject: Subject) -> dict | None:
    """The commercial uses of common parts in effect (kind, place, since, whether the owners authorised
    it) and the income of each half year whose statement is published, per account."""
    uses = queries.common_area_uses(subject.project, subject.on)
    halves = common_income_by_half(subject.project, published_only=True)
    if not uses and not halves:
        return None
    names = queries.account_names({code for accounts in halves.values() for code in accounts})
    income = [
        {
            "half": _("%(year)s年%(half)s") % {"year": year, "half": half_name(half)},
            "lines": [(names.get(code, code), amount) for code, amount in sorted(accounts.items())],
            "total": sum(accounts.values()),
        }
        for (year, half), accounts in halves.items()
    ]
    return {"uses": uses, "income": income}


def half_name(half: int) -> str:
    return str(Half(half).label)


@section("parking")
def parking(subject: Subject) -> dict | None:
    """The parking rules in force (above-ground spaces are let by the year, never sold), the rents, and how
    many above-ground spaces there are and are let."""
    rules = current_parking_rules(subject.project, subject.on)
    counts = queries.parking_counts(subject.project.pk, subject.on)
    if rules is None and not counts["above"]:
        return None
    return {"rules": rules, "counts": counts}
