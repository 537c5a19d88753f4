"""Excel import and export: declarative column specs, templates, all-or-nothing imports, typed exports.

An import is a spec: its columns (each a kind — ``Text``, ``TextList``, ``Integer``, ``Number``,
``Date``, ``DateTime``, ``Choice``, ``Boolean``, ``Lookup`` — with a Chinese header, whether it is
required, an example value and a help text), the model, what every row gets from the page
(``fixed``), the keys that must be unique, and, only when needed, how a row becomes a record
(``build``) and how the records are saved (``save``; evidence specs append through
``bulk_append_evidence`` with channel ``import``). From the spec come the downloadable template
(``template_bytes``), the import (``run_import``, all or nothing: ``ImportRejected.problems`` lists
every problem as row / column / reason) and, with the same columns, the export (``export_file``).

An elevator register in a few lines (the power rooms' and rounds' are in wuye/safety/imports_power.py)::

    from wuye.core import spreadsheets as xl

    class ElevatorImport(xl.ImportSpec):
        name, title, model = "elevators", _("电梯"), Elevator
        unique = ("registration_code",)
        columns = [
            xl.Text("registration_code", _("注册代码"), required=True, max_length=20, example="31101502002015"),
            xl.Text("name", _("名称"), required=True, max_length=60, example="1号楼1单元电梯"),
            xl.Text("location", _("位置"), max_length=100, example="1号楼1单元"),
            xl.Choice("kind", _("类型"), choices=ElevatorKind, example=ElevatorKind.PASSENGER),
            xl.Date("in_service_from", _("投用日期"), required=True, not_future=True, example=date(2018, 6, 1)),
            xl.Boolean("active", _("在用"), example=True, help=_("不填视为在用")),
        ]

        def fixed(self, context):
            return {"project": context.project}  # the page's project: rows never name one

        def existing(self, context):  # registration codes already stored are refused
            return Elevator.objects.all()

    class MaintenanceVisitImport(xl.EvidenceImportSpec):  # records: chained, channel "import", back-filled when old
        name, title, model = "maintenance-visits", _("电梯维保记录"), MaintenanceVisit
        columns = [
            xl.Lookup("elevator", _("电梯"), required=True, by="registration_code",
                      queryset=lambda c: Elevator.objects.visible_to(c.user).filter(project=c.project),
                      not_found=_("本项目没有注册代码为“%(value)s”的电梯。"), example="31101502002015"),
            xl.DateTime("occurred_at", _("维保时间"), required=True, not_future=True, example=...),
            xl.Choice("tier", _("维保类别"), choices=MaintenanceTier, required=True, example=...),
        ]

The pages are two mixins on the access rules the single-record pages already have
(wuye/core/web_excel.py): ``ExcelImportMixin`` (upload, errors table, success count, template link)
and ``ExcelTemplateMixin`` (the template download), plus ``ExcelExportMixin`` for ``?export=xlsx``
on a FilterSet list page: ``excel_columns = ElevatorImport.columns + [...]``.
"""

from wuye.core.spreadsheets.columns import (
    Boolean,
    CellError,
    Choice,
    Column,
    Date,
    DateTime,
    Integer,
    Lookup,
    Number,
    Text,
    TextList,
)
from wuye.core.spreadsheets.export import export_file, related_paths, write_workbook
from wuye.core.spreadsheets.importing import (
    SPECS,
    EvidenceImportSpec,
    ImportContext,
    ImportRejected,
    ImportSpec,
    Problem,
    check_rows,
    discover_specs,
    run_import,
)
from wuye.core.spreadsheets.reading import MAX_BYTES, MAX_ROWS, SheetRefused, read_rows
from wuye.core.spreadsheets.template_book import build_template, template_bytes

__all__ = [
    "MAX_BYTES",
    "MAX_ROWS",
    "SPECS",
    "Boolean",
    "CellError",
    "Choice",
    "Column",
    "Date",
    "DateTime",
    "EvidenceImportSpec",
    "ImportContext",
    "ImportRejected",
    "ImportSpec",
    "Integer",
    "Lookup",
    "Number",
    "Problem",
    "SheetRefused",
    "Text",
    "TextList",
    "build_template",
    "check_rows",
    "discover_specs",
    "export_file",
    "read_rows",
    "related_paths",
    "run_import",
    "template_bytes",
    "write_workbook",
]
