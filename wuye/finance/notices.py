"""The fee notice a project has posted, as one reading for the check (1.6.standards_published), the fee
pages and the public disclosure page: the standards in force, the latest notice, and what it lacks.

What Art. 6 of 物业服务收费明码标价规定 asks a notice to show is the catalogue's list ``fee_notice_fields``
(and ``guided_price_fields`` for government-guided prices); each name is read here from the notice or
from the standards in force.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from wuye.compliance.parameters import param
from wuye.finance.choices_fees import FeeItem, PricingRegime
from wuye.finance.fees_money import plain
from wuye.finance.models import FeeNotice, FeeStandard
from wuye.finance.models.notices import DEFAULT_HOTLINE

CHECK = "1.6.standards_published"

# What each name of ``fee_notice_fields`` / ``guided_price_fields`` is called on the notice.
FIELD_LABELS = {
    "company_name": gettext_lazy("物业服务企业名称"),
    "payer": gettext_lazy("收费对象"),
    "service_content": gettext_lazy("服务内容"),
    "service_standard": gettext_lazy("服务标准"),
    "billing_method": gettext_lazy("计费方式"),
    "billing_start_date": gettext_lazy("计费起始时间"),
    "fee_items": gettext_lazy("收费项目"),
    "fee_rates": gettext_lazy("收费标准"),
    "pricing_regime": gettext_lazy("定价方式"),
    "fee_basis": gettext_lazy("收费依据"),
    "price_complaint_hotline": gettext_lazy("价格举报电话"),
    "base_rate": gettext_lazy("基准价"),
    "allowed_range": gettext_lazy("浮动幅度"),
    "actual_rate": gettext_lazy("实际收费标准"),
}


def standards_in_force(on: datetime.date, projects=None):
    """Every standard in force on ``on``: the latest of its project and kind to take effect by then (one
    query, set-based: no later standard of the same project and kind has taken effect)."""
    later = FeeStandard.objects.filter(
        project=OuterRef("project"),
        property_kind=OuterRef("property_kind"),
        effective_from__gt=OuterRef("effective_from"),
        effective_from__lte=on,
    )
    standards = FeeStandard.objects.filter(effective_from__lte=on).filter(~Exists(later))
    if projects is not None:
        standards = standards.filter(project_id__in=projects)
    return standards.order_by("project_id", "property_kind")


def latest_notices(on: datetime.date, projects=None):
    """The notice each project had posted by ``on``: its latest (one query)."""
    later = FeeNotice.objects.filter(project=OuterRef("project"), published_on__lte=on).filter(
        Q(published_on__gt=OuterRef("published_on"))
        | Q(published_on=OuterRef("published_on"), pk__gt=OuterRef("pk"))
    )
    notices = FeeNotice.objects.filter(published_on__lte=on).filter(~Exists(later))
    if projects is not None:
        notices = notices.filter(project_id__in=projects)
    return notices


@dataclass
class PostedNotice:
    """A project's notice as posted on a day, with the standards it speaks for and what is wrong with it."""

    notice: FeeNotice | None
    standards: list = field(default_factory=list)
    hotline: str = DEFAULT_HOTLINE
    missing: list = field(default_factory=list)  # names of fee_notice_fields / guided_price_fields
    out_of_date: bool = False  # posted before a standard in force was published
    wrong_hotline: bool = False

    @property
    def problems(self) -> list[str]:
        """What is wrong, in plain words (empty when the notice is complete and current)."""
        if not self.standards:
            return [_("没有录入现行收费标准")]
        if self.notice is None:
            return [_("没有公示收费标准（未张贴收费公示）")]
        problems = []
        if self.out_of_date:
            newest = max(standard.published_on for standard in self.standards)
            problems.append(
                _("收费公示（%(posted)s）早于现行收费标准的公布日期（%(newest)s），未重新公示")
                % {"posted": self.notice.published_on, "newest": newest}
            )
        if self.missing:
            problems.append(
                _("收费公示缺少：%(fields)s")
                % {"fields": separator().join(str(FIELD_LABELS.get(name, name)) for name in self.missing)}
            )
        if self.wrong_hotline:
            problems.append(
                _("价格举报电话应为%(hotline)s，公示为“%(shown)s”")
                % {"hotline": self.hotline, "shown": self.notice.price_complaint_hotline}
            )
        return problems

    @property
    def items(self) -> list[tuple[str, str]]:
        """The notice as (label, value) pairs in the order of Art. 6 (empty without a notice)."""
        notice = self.notice
        if notice is None:
            return []
        rates = separator().join(
            _("%(kind)s %(rate)s元/㎡·月") % {"kind": s.get_property_kind_display(), "rate": plain(s.rate)}
            for s in self.standards
        )
        items = sorted({item for s in self.standards for item in s.fee_items or []}, key=FeeItem.values.index)
        regimes = separator().join(
            _("%(kind)s：%(regime)s") % {"kind": s.get_property_kind_display(), "regime": regime_words(s)}
            for s in self.standards
        )
        return [
            (FIELD_LABELS["company_name"], notice.company_name),
            (FIELD_LABELS["payer"], notice.payer),
            (FIELD_LABELS["service_content"], notice.service_content),
            (FIELD_LABELS["service_standard"], notice.service_standard),
            (FIELD_LABELS["billing_method"], notice.billing_method),
            (FIELD_LABELS["billing_start_date"], notice.billing_start_date.isoformat()),
            (FIELD_LABELS["fee_items"], separator().join(str(FeeItem(item).label) for item in items)),
            (FIELD_LABELS["fee_rates"], rates),
            (FIELD_LABELS["pricing_regime"], regimes),
            (FIELD_LABELS["fee_basis"], notice.fee_basis),
            (FIELD_LABELS["price_complaint_hotline"], notice.price_complaint_hotline),
        ]


def separator() -> str:
    return pgettext("list separator", "、")


def regime_words(standard: FeeStandard) -> str:
    """The pricing regime, with the base rate and range of a guided price."""
    words = str(standard.get_regime_display())
    if standard.regime == PricingRegime.GUIDED and standard.base_rate is not None:
        words += _("（基准价%(base)s元/㎡·月，浮动幅度±%(range)s%%，实际%(rate)s元/㎡·月）") % {
            "base": plain(standard.base_rate),
            "range": plain(standard.allowed_range or 0),
            "rate": plain(standard.rate),
        }
    return words


def filled(value) -> bool:
    """An item is there: a non-blank text, a date, a true judgement of the standards (None: unknown name)."""
    return bool(value.strip()) if isinstance(value, str) else bool(value)


def assess(notice, standards, *, fields, guided_fields, hotline) -> PostedNotice:
    """Judge one project's notice against its standards in force and the catalogue's lists."""
    posted = PostedNotice(notice=notice, standards=list(standards), hotline=hotline)
    if notice is None or not posted.standards:
        return posted
    posted.out_of_date = notice.published_on < max(s.published_on for s in posted.standards)
    values = {
        "company_name": notice.company_name,
        "payer": notice.payer,
        "service_content": notice.service_content,
        "service_standard": notice.service_standard,
        "billing_method": notice.billing_method,
        "billing_start_date": notice.billing_start_date,
        "fee_items": all(s.fee_items for s in posted.standards),
        "fee_rates": all(s.rate for s in posted.standards),
        "pricing_regime": all(s.regime for s in posted.standards),
        "fee_basis": notice.fee_basis,
        "price_complaint_hotline": notice.price_complaint_hotline,
    }
    posted.missing = [name for name in fields if not filled(values.get(name))]
    guided = [s for s in posted.standards if s.regime == PricingRegime.GUIDED]
    guided_values = {
        "base_rate": all(s.base_rate is not None for s in guided),
        "allowed_range": all(s.allowed_range is not None for s in guided),
        "actual_rate": all(s.rate for s in guided),
    }
    if guided:
        posted.missing += [name for name in guided_fields if not guided_values.get(name, False)]
    shown = (notice.price_complaint_hotline or "").strip()
    posted.wrong_hotline = bool(shown) and shown != hotline
    return posted


def rules_for(division_id: int, on: datetime.date) -> dict:
    """The catalogue's lists and hotline in force for a division on a day."""
    return {
        "fields": list(param(CHECK, "fee_notice_fields", division_id, on)),
        "guided_fields": list(param(CHECK, "guided_price_fields", division_id, on)),
        "hotline": str(param(CHECK, "price_complaint_hotline", division_id, on)),
    }


def fee_notice(project, on: datetime.date | None = None) -> PostedNotice:
    """The project's notice as posted on ``on`` (today by default), judged: two queries."""
    on = on or timezone.localdate()
    notice = latest_notices(on, [project.pk]).first()
    standards = standards_in_force(on, [project.pk])
    return assess(notice, standards, **rules_for(project.division_id, on))
