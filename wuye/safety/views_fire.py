"""Registers of clauses 4.3 and 4.4: fire equipment, fire passages, lightning and flood protection.

Each register has a list (search, filters, sortable columns, pages), a detail page with the asset's records
and the problems they found, and create and edit pages kept like the power rooms (written where the
project is written). The phone pages that record the duties are in views_fire_records.py.
"""

from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.core import spreadsheets as xl
from wuye.core.views import ScopedCreateView, ScopedDetailView, ScopedListView, ScopedUpdateView
from wuye.core.web import ChildUpdateMixin, FormPageMixin, FragmentMixin, ParentMixin
from wuye.core.web_excel import ExcelExportMixin
from wuye.estates.models import Project
from wuye.estates.permissions import can_record_duties
from wuye.safety.choices_fire import CheckResult, FloodKind, LightningKind, PassageOutcome, TestResult
from wuye.safety.filters_fire import FireEquipmentFilter, FirePassageFilter, FloodFilter, LightningFilter
from wuye.safety.forms_fire import (
    FireEquipmentForm,
    FirePassageForm,
    FloodProtectionForm,
    LightningProtectionForm,
)
from wuye.safety.imports_fire import FireEquipmentImport
from wuye.safety.models import (
    FireEquipment,
    FireEquipmentCheck,
    FirePassage,
    FirePassageCheck,
    FireSystemTest,
    FloodCheck,
    FloodProtection,
    LightningProtection,
    LightningTest,
)
from wuye.safety.queries_fire import ScrappingDays, defects_of, latest

RECORDS_PER_PAGE = 24  # two years of monthly checks


def date_text(value):
    return timezone.localtime(value).strftime("%Y-%m-%d") if value else "—"


def badge(text, colour):
    return format_html('<span class="badge text-bg-{}">{}</span>', colour, text)


def file_link(record):
    """A link to a record's photo or report, served through the record's scope."""
    if not record.attachment:
        return "—"
    url = reverse("scoped-file", args=[record._meta.label_lower, record.pk, "attachment"])
    return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, _("查看"))


# -- lists ---------------------------------------------------------------------------------------------


# The columns every register exports (``?export=xlsx``): whose it is, what it is called, where, since when.
PROJECT_COLUMN = xl.Text("project", gettext_lazy("项目"), export="project.name", width=20)
NAME_COLUMN = xl.Text("name", gettext_lazy("名称"), width=24)
LOCATION_COLUMN = xl.Text("location", gettext_lazy("位置"), width=20)
SERVICE_COLUMNS = [
    xl.Date("in_service_from", gettext_lazy("投用日期")),
    xl.Boolean("active", gettext_lazy("在用")),
]


class AssetListView(ExcelExportMixin, FragmentMixin, ScopedListView):
    """A register as a table: the asset's name and project, its own columns, when it was last looked at;
    ``?export=xlsx`` gives the whole filtered list as a workbook (``excel_columns``)."""

    template_name = "safety/fire/asset_list.html"
    fragment_template_name = "safety/fire/_asset_results.html"
    select_related = ("project",)
    title = ""
    icon = "bi-fire"
    search_placeholder = gettext_lazy("名称或位置")
    columns: list = []  # (label, sort key or "") after the name and the project

    def cells(self, obj) -> list:
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=self.title,
            icon=self.icon,
            columns=self.columns,
            rows=[(obj, self.cells(obj)) for obj in context["page_obj"].object_list],
            search_placeholder=self.search_placeholder,
        )
        return context


RESULT_LABELS = {**dict(CheckResult.choices), **dict(PassageOutcome.choices), **dict(TestResult.choices)}


def result_badge(value, good):
    """A record's result as a green or red badge (畅通, 占用, 合格, ...); "暂无" where there is none."""
    if value is None:
        return format_html('<span class="text-body-secondary">{}</span>', _("暂无"))
    return badge(RESULT_LABELS.get(value, value), "success" if value == good else "danger")


class FireEquipmentListView(AssetListView):
    model = FireEquipment
    filterset_class = FireEquipmentFilter
    title = gettext_lazy("消防设施")
    columns = [
        (gettext_lazy("类别"), "kind"),
        (gettext_lazy("数量"), ""),
        (gettext_lazy("出厂日期"), "production_date"),
        (gettext_lazy("报废日期"), ""),
        (gettext_lazy("最近月检"), "last_check"),
    ]

    def get_queryset(self):
        checks = FireEquipmentCheck.objects.visible_to(self.request.user)
        return (
            super()
            .get_queryset()
            .annotate(
                last_check_at=latest(checks, "equipment"), last_result=latest(checks, "equipment", "result")
            )
        )

    def get_excel_columns(self):
        # The import template's columns, between whose the item is and what its records say.
        return [
            PROJECT_COLUMN,
            *FireEquipmentImport.columns,
            xl.Date("scrapped_on", gettext_lazy("报废日期"), export=ScrappingDays(timezone.localdate())),
            xl.DateTime("last_check_at", gettext_lazy("最近月检")),
            xl.Choice("last_result", gettext_lazy("最近月检结果"), choices=CheckResult),
        ]

    def cells(self, obj):
        scrapping = self.__dict__.setdefault("scrapping", ScrappingDays(timezone.localdate()))
        scrapped_on = scrapping(obj)
        kind = obj.get_kind_display()
        if obj.extinguisher_type:
            kind = _("%(kind)s（%(type)s）") % {"kind": kind, "type": obj.get_extinguisher_type_display()}
        if scrapped_on is None:
            scrap = "—"
        elif scrapped_on <= timezone.localdate() and obj.active:
            scrap = format_html("{} {}", scrapped_on, badge(_("已到报废年限"), "danger"))
        else:
            scrap = str(scrapped_on)
        last = format_html("{} {}", date_text(obj.last_check_at), result_badge(obj.last_result, "ok"))
        return [kind, obj.quantity, str(obj.production_date or "—"), scrap, last]


class FirePassageListView(AssetListView):
    model = FirePassage
    filterset_class = FirePassageFilter
    title = gettext_lazy("消防通道")
    icon = "bi-sign-turn-right"
    columns = [(gettext_lazy("位置"), ""), (gettext_lazy("最近检查"), "")]
    excel_columns = [
        PROJECT_COLUMN,
        NAME_COLUMN,
        LOCATION_COLUMN,
        *SERVICE_COLUMNS,
        xl.DateTime("last_check_at", gettext_lazy("最近检查")),
        xl.Choice("last_outcome", gettext_lazy("最近检查结果"), choices=PassageOutcome),
    ]

    def get_queryset(self):
        checks = FirePassageCheck.objects.visible_to(self.request.user)
        return (
            super()
            .get_queryset()
            .annotate(
                last_check_at=latest(checks, "passage"), last_outcome=latest(checks, "passage", "outcome")
            )
        )

    def cells(self, obj):
        outcome = result_badge(obj.last_outcome, "clear")
        return [obj.location or "—", format_html("{} {}", date_text(obj.last_check_at), outcome)]


class LightningListView(AssetListView):
    model = LightningProtection
    filterset_class = LightningFilter
    title = gettext_lazy("防雷装置")
    icon = "bi-cloud-lightning"
    columns = [
        (gettext_lazy("类别"), ""),
        (gettext_lazy("有爆炸、火灾危险"), ""),
        (gettext_lazy("最近检测"), ""),
    ]
    excel_columns = [
        PROJECT_COLUMN,
        NAME_COLUMN,
        xl.Choice("kind", gettext_lazy("类别"), choices=LightningKind, width=20),
        LOCATION_COLUMN,
        xl.Boolean("hazardous", gettext_lazy("有爆炸、火灾危险")),
        *SERVICE_COLUMNS,
        xl.DateTime("last_at", gettext_lazy("最近检测")),
        xl.Choice("last_result", gettext_lazy("最近检测结论"), choices=TestResult),
    ]

    def get_queryset(self):
        tests = LightningTest.objects.visible_to(self.request.user)
        return (
            super()
            .get_queryset()
            .annotate(last_at=latest(tests, "protection"), last_result=latest(tests, "protection", "result"))
        )

    def cells(self, obj):
        hazardous = _("是（每半年检测）") if obj.hazardous else _("否")
        last = format_html("{} {}", date_text(obj.last_at), result_badge(obj.last_result, "passed"))
        return [obj.get_kind_display(), hazardous, last]


class FloodListView(AssetListView):
    model = FloodProtection
    filterset_class = FloodFilter
    title = gettext_lazy("防涝器材")
    icon = "bi-water"
    columns = [(gettext_lazy("类别"), ""), (gettext_lazy("最近检查"), "")]
    excel_columns = [
        PROJECT_COLUMN,
        NAME_COLUMN,
        xl.Choice("kind", gettext_lazy("类别"), choices=FloodKind),
        LOCATION_COLUMN,
        *SERVICE_COLUMNS,
        xl.DateTime("last_at", gettext_lazy("最近检查")),
        xl.Choice("last_result", gettext_lazy("最近检查结论"), choices=TestResult),
    ]

    def get_queryset(self):
        checks = FloodCheck.objects.visible_to(self.request.user)
        return (
            super()
            .get_queryset()
            .annotate(
                last_at=latest(checks, "protection"), last_result=latest(checks, "protection", "result")
            )
        )

    def cells(self, obj):
        last = format_html("{} {}", date_text(obj.last_at), result_badge(obj.last_result, "passed"))
        return [obj.get_kind_display(), last]


# -- details -------------------------------------------------------------------------------------------


class AssetDetailView(ScopedDetailView):
    """An asset: its facts, what to record now, the problems its records found, its records newest first."""

    template_name = "safety/fire/asset_detail.html"
    select_related = ("project",)
    icon = "bi-fire"
    list_url_name = ""
    list_title = ""
    update_url_name = ""

    def facts(self, obj) -> list:
        return [(_("位置"), obj.location or "—"), (_("投用日期"), obj.in_service_from)]

    def record_sets(self, obj) -> list:
        """[(title, queryset of visible records, column labels, row function)], the first one paginated."""
        return []

    def actions(self, obj) -> list:
        """[(label, url, icon)] of the recording pages, for who records the project's duties."""
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, obj = self.request.user, self.object
        sections, record_sets = [], self.record_sets(obj)
        for index, (title, records, columns, row) in enumerate(record_sets):
            records = records.select_related("recorded_by").order_by("-occurred_at", "-pk")
            page = (
                Paginator(records, RECORDS_PER_PAGE).get_page(self.request.GET.get("page"))
                if not index
                else None
            )
            shown = page.object_list if page else records[:RECORDS_PER_PAGE]
            sections.append(
                {"title": title, "columns": columns, "rows": [row(r) for r in shown], "page_obj": page}
            )
        can_record = can_record_duties(user, obj.project_id)
        context.update(
            asset=obj,
            icon=self.icon,
            facts=self.facts(obj),
            sections=sections,
            page_obj=sections[0]["page_obj"] if sections else None,
            defects=list(defects_of(user, *(records for _t, records, _c, _r in record_sets))[:20]),
            actions=self.actions(obj) if can_record and obj.active else [],
            can_record=can_record,
            list_url=reverse(self.list_url_name) + f"?project={obj.project_id}",
            list_title=self.list_title,
            update_url=reverse(self.update_url_name, args=[obj.pk]),
            now=timezone.now(),
        )
        return context


def record_row(record, *cells):
    """When it was claimed and received (back-fill flagged), the record's own cells, who entered it, its file."""
    when = format_html("{}", timezone.localtime(record.occurred_at).strftime("%Y-%m-%d %H:%M"))
    if record.backfilled:
        when = format_html("{} {}", when, badge(_("补录"), "warning"))
    return [when, *cells, record.recorded_by.full_name or record.recorded_by.username, file_link(record)]


class FireEquipmentDetailView(AssetDetailView):
    model = FireEquipment
    list_url_name = "fire-equipment-list"
    list_title = gettext_lazy("消防设施")
    update_url_name = "fire-equipment-update"

    def facts(self, obj):
        facts = [(_("类别"), obj.get_kind_display()), *super().facts(obj), (_("数量"), obj.quantity)]
        if obj.extinguisher_type:
            scrapped_on = ScrappingDays(timezone.localdate())(obj)
            facts += [
                (_("灭火器类型"), obj.get_extinguisher_type_display()),
                (_("出厂日期"), obj.production_date),
                (_("报废日期"), scrapped_on),
            ]
        return facts

    def record_sets(self, obj):
        user = self.request.user
        checks = FireEquipmentCheck.objects.visible_to(user).filter(equipment=obj)
        sets = [
            (
                _("月度检查"),
                checks,
                [_("检查时间"), _("结果"), _("发现的问题"), _("检查人"), _("登记人"), _("照片")],
                lambda r: record_row(r, result_badge(r.result, "ok"), r.problem or "—", r.inspector),
            )
        ]
        if obj.is_full_tested:
            tests = FireSystemTest.objects.visible_to(user).filter(equipment=obj)
            sets.append(
                (
                    _("年度全面检测"),
                    tests,
                    [_("检测时间"), _("结论"), _("检测单位"), _("不合格项"), _("登记人"), _("报告")],
                    lambda r: record_row(r, result_badge(r.result, "passed"), r.tester, r.problems or "—"),
                )
            )
        return sets

    def actions(self, obj):
        actions = [
            (
                _("记录月检"),
                reverse("fire-checks-create", args=[obj.project_id]) + f"?kind={kind_group(obj)}",
                "bi-clipboard-check",
            )
        ]
        if obj.is_full_tested:
            actions.append(
                (
                    _("登记年度检测"),
                    reverse("fire-system-test-create", args=[obj.pk]),
                    "bi-file-earmark-check",
                )
            )
        return actions


def kind_group(equipment) -> str:
    """Which monthly walk an item is on: the extinguishers, or the rest."""
    return "extinguisher" if equipment.kind == "extinguisher" else "other"


class FirePassageDetailView(AssetDetailView):
    model = FirePassage
    icon = "bi-sign-turn-right"
    list_url_name = "fire-passage-list"
    list_title = gettext_lazy("消防通道")
    update_url_name = "fire-passage-update"

    def record_sets(self, obj):
        checks = FirePassageCheck.objects.visible_to(self.request.user).filter(passage=obj)
        return [
            (
                _("通道检查"),
                checks,
                [_("检查时间"), _("结果"), _("占用情况"), _("检查人"), _("登记人"), _("照片")],
                lambda r: record_row(r, result_badge(r.outcome, "clear"), r.note or "—", r.inspector),
            )
        ]

    def actions(self, obj):
        return [
            (_("检查消防通道"), reverse("fire-passage-checks-create", args=[obj.project_id]), "bi-camera")
        ]


class ProtectionDetailView(AssetDetailView):
    record_model = None
    record_title = ""
    record_url_name = ""
    record_label = ""

    def facts(self, obj):
        return [(_("类别"), obj.get_kind_display()), *super().facts(obj)]

    def record_sets(self, obj):
        records = self.record_model.objects.visible_to(self.request.user).filter(protection=obj)
        return [
            (
                self.record_title,
                records,
                [
                    _("时间"),
                    _("结论"),
                    _("检测单位或检查人"),
                    _("报告编号"),
                    _("不合格项"),
                    _("登记人"),
                    _("报告"),
                ],
                lambda r: record_row(
                    r, result_badge(r.result, "passed"), r.tester, r.report_number or "—", r.problems or "—"
                ),
            )
        ]

    def actions(self, obj):
        return [(self.record_label, reverse(self.record_url_name, args=[obj.pk]), "bi-file-earmark-check")]


class LightningDetailView(ProtectionDetailView):
    model = LightningProtection
    icon = "bi-cloud-lightning"
    list_url_name = "lightning-list"
    list_title = gettext_lazy("防雷装置")
    update_url_name = "lightning-update"
    record_model = LightningTest
    record_title = gettext_lazy("防雷检测")
    record_url_name = "lightning-test-create"
    record_label = gettext_lazy("登记检测")

    def facts(self, obj):
        period = _("每半年") if obj.hazardous else _("每年")
        return [
            *super().facts(obj),
            (_("有爆炸、火灾危险"), _("是") if obj.hazardous else _("否")),
            (_("检测周期"), period),
        ]


class FloodDetailView(ProtectionDetailView):
    model = FloodProtection
    icon = "bi-water"
    list_url_name = "flood-list"
    list_title = gettext_lazy("防涝器材")
    update_url_name = "flood-update"
    record_model = FloodCheck
    record_title = gettext_lazy("年度检查")
    record_url_name = "flood-check-create"
    record_label = gettext_lazy("登记检查")


# -- create and edit -----------------------------------------------------------------------------------


class AssetCreateView(FormPageMixin, ParentMixin, ScopedCreateView):
    parent_model = Project
    parent_field = "project"

    def get_initial(self):
        return {"in_service_from": timezone.localdate()}  # the checks count from the first day

    def get_success_url(self):
        return self.object.get_absolute_url()


class AssetUpdateView(FormPageMixin, ChildUpdateMixin, ScopedUpdateView):
    parent_attr = "project"

    def get_success_url(self):
        return self.object.get_absolute_url()


class FireEquipmentCreateView(AssetCreateView):
    model = FireEquipment
    form_class = FireEquipmentForm
    title = gettext_lazy("登记消防设施")


class FireEquipmentUpdateView(AssetUpdateView):
    model = FireEquipment
    form_class = FireEquipmentForm
    title = gettext_lazy("修改消防设施")


class FirePassageCreateView(AssetCreateView):
    model = FirePassage
    form_class = FirePassageForm
    title = gettext_lazy("登记消防通道")


class FirePassageUpdateView(AssetUpdateView):
    model = FirePassage
    form_class = FirePassageForm
    title = gettext_lazy("修改消防通道")


class LightningCreateView(AssetCreateView):
    model = LightningProtection
    form_class = LightningProtectionForm
    title = gettext_lazy("登记防雷装置")


class LightningUpdateView(AssetUpdateView):
    model = LightningProtection
    form_class = LightningProtectionForm
    title = gettext_lazy("修改防雷装置")


class FloodCreateView(AssetCreateView):
    model = FloodProtection
    form_class = FloodProtectionForm
    title = gettext_lazy("登记防涝器材")


class FloodUpdateView(AssetUpdateView):
    model = FloodProtection
    form_class = FloodProtectionForm
    title = gettext_lazy("修改防涝器材")
