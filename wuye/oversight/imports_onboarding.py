"""Bulk onboarding of a division by one Excel workbook: enterprises, projects, buildings, households,
owners and staff (``import_excel onboarding FILE --user NAME``, and the regulator's upload page).

One sheet per kind, saved in this order; a sheet names the rows of the sheets before it by natural
key: an enterprise by its credit code (in the book, or already registered and within the importer's
write scope), a project by its division code and name, a building by its project and name, a
household by its building, unit and room. Records that already exist are refused, never updated:
an enterprise's credit code, a project's name in its division, an employee's ID number in his
enterprise. A regulator may create only what lies in his divisions (a project in 呼和浩特 is refused
to the regulator of 包头市). Checks are made per sheet for all rows at once (a handful of queries per
sheet, none per row); records are saved with ``bulk_create_with_history`` in one transaction.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from wuye.core import crypto
from wuye.core import spreadsheets as xl
from wuye.core.evidence import BULK_BATCH
from wuye.core.scoping import scope_of
from wuye.core.spreadsheets.book import BookSpec
from wuye.core.spreadsheets.importing import ImportRejected, ParsedRow, Problem
from wuye.core.validators import validate_citizen_id, validate_credit_code
from wuye.enterprises.choices import CertificateKind, LicenceKind, PostKind
from wuye.enterprises.models import Certificate, CreditCodeException, Enterprise, Licence, Post, Staff
from wuye.estates.choices import ProjectKind
from wuye.estates.models import Building, Developer, Household, Owner, Project, ServicePeriod
from wuye.regions.models import Division, divisions_for_areas

MAX_SHEET_ROWS = 1_048_575  # Excel's own limit on the rows of a sheet
MAX_BOOK_BYTES = 150 * 1024 * 1024


def may_onboard(user) -> bool:
    """Only regulators (within their divisions) and administrators import a division's registers."""
    return scope_of(user).oversees


def in_scope(user, code: str | None) -> bool:
    return scope_of(user).governs(code)


class CreditCode(xl.Text):
    """A unified social credit code (GB 32100), checked by the platform's one validator; a pilot code
    a regulator registered as an exception passes (the exceptions are read once per file)."""

    def __init__(self, key, header, **kwargs):
        kwargs.setdefault("example", "91150203MA0N000017")
        super().__init__(key, header, max_length=18, width=22, **kwargs)

    def parse(self, raw, context):
        code = super().parse(raw, context)
        if "pilot_codes" not in context.extra:
            context.extra["pilot_codes"] = set(
                CreditCodeException.objects.values_list("credit_code", flat=True)
            )
        try:
            return validate_credit_code(code, pilot_exception=code.upper() in context.extra["pilot_codes"])
        except ValidationError as error:
            raise xl.CellError(" ".join(error.messages)) from None


class CitizenId(xl.Text):
    def __init__(self, key, header, **kwargs):
        super().__init__(key, header, max_length=18, width=22, **kwargs)

    def parse(self, raw, context):
        try:
            return validate_citizen_id(super().parse(raw, context))
        except ValidationError as error:
            raise xl.CellError(" ".join(error.messages)) from None


class DivisionCode(xl.Text):
    """A GB/T 2260 code of a league/city or banner/county within the importer's divisions; the
    drop-down lists them. Resolved for the whole sheet in one query (``resolve_divisions``)."""

    def __init__(self, key, header, **kwargs):
        kwargs.setdefault(
            "help", gettext_lazy("6位行政区划代码，须在您的辖区内，如 150203（包头市昆都仑区）")
        )
        super().__init__(key, header, max_length=6, example="150203", width=10, **kwargs)

    def options(self, context):
        codes = Division.objects.exclude(level="province").order_by("code").values_list("code", flat=True)
        return [code for code in codes if in_scope(context.user, code)] or None


def header(spec, key) -> str:
    return str(next(column.header for column in spec.columns if column.key == key))


def refuse(row, spec, key, reason) -> None:
    row.problems.append(Problem(row.number, header(spec, key) if key else "", str(reason)))


def resolve_divisions(spec, rows, context, key="division_code") -> None:
    """Each row's division (``values["division"]``), refused outside the importer's divisions."""
    codes = {row.values.get(key) for row in rows if row.values.get(key)}
    found = {d.code: d for d in Division.objects.filter(code__in=codes)}
    for row in rows:
        code = row.values.get(key)
        if not code:
            continue
        division = found.get(code)
        if division is None:
            refuse(row, spec, key, _("没有区划代码“%(code)s”。") % {"code": code})
        elif not in_scope(context.user, code):
            refuse(row, spec, key, _("“%(name)s”不在您的辖区内，不能导入。") % {"name": division.full_name})
        else:
            row.values["division"] = division


def book_rows(context, sheet) -> list:
    return context.extra["book"].get(sheet, [])


def book_index(context, sheet, key) -> dict:
    """{natural key: row} of every row of an earlier sheet of the book, good or bad (a good row wins a key
    named twice), so that the rows naming a bad one are told apart from those naming nothing."""
    index = {}
    for row in book_rows(context, sheet):
        found = index.setdefault(key(row.values), row)
        if found.record is None and row.record is not None:
            index[key(row.values)] = row
    return index


# The reason given to the second and later rows naming the same bad row: dropped from the problems
# (``OnboardingImport.check_book``), so that one bad row is reported once, not once per dependent.
DEPENDENT = "\x00dependent"


def follow(spec, row, column, index, key, sheet, missing, context):
    """The record ``key`` names in ``index`` (an earlier sheet's rows, or registered records); None with
    the row refused when it names nothing (``missing``) or a bad row: said once per sheet and first bad
    row (the households of the buildings of a bad project name the project, once)."""
    found = index.get(key)
    if found is None:
        refuse(row, spec, column, missing)
        return None
    if not isinstance(found, ParsedRow):
        return found  # a registered record
    if found.record is None:
        root = row.onboarding_root = getattr(found, "onboarding_root", None) or (
            str(sheet.title),
            found.number,
        )
        reported = context.extra.setdefault("dependents", set())
        if (type(spec), root) in reported:
            row.problems.append(Problem(row.number, "", DEPENDENT))
        else:
            reported.add((type(spec), root))
            reason = _("“%(sheet)s”工作表第 %(row)s 行有误，引用它的各行均未导入。")
            refuse(row, spec, column, reason % {"sheet": root[0], "row": root[1]})
    return found.record


def check_pair(spec, row, keys) -> None:
    """Columns that are filled together or not at all (a licence's kind and number)."""
    filled = [key for key in keys if row.values.get(key) not in (None, "")]
    if filled and len(filled) < len(keys):
        for key in keys:
            if key not in filled:
                refuse(row, spec, key, _("填写了“%(other)s”时必填。") % {"other": header(spec, filled[0])})


def save_with_history(records, model, context, *, check_scope=False) -> list:
    """The records saved with their history rows; with ``check_scope``, refused (PermissionDenied,
    which rolls the import back) unless all are within the importer's write scope, as ``save_record``."""
    if not records:
        return []
    saved = bulk_create_with_history(records, model, batch_size=BULK_BATCH, default_user=context.user)
    if check_scope:
        pks = [record.pk for record in saved]
        if model.objects.writable_by(context.user).filter(pk__in=pks).count() != len(pks):
            raise PermissionDenied
    return saved


class EnterpriseSheet(xl.ImportSpec):
    title, model = gettext_lazy("企业"), Enterprise
    max_rows = MAX_SHEET_ROWS
    unique = ("credit_code",)
    columns = [
        xl.Text(
            "name", gettext_lazy("企业名称"), required=True, max_length=100, example="鹿城物业服务有限公司"
        ),
        CreditCode(
            "credit_code",
            gettext_lazy("统一社会信用代码"),
            required=True,
            help=gettext_lazy("18位；登记地由第3–8位确定，须在您的辖区内"),
        ),
        xl.Text(
            "legal_representative", gettext_lazy("法定代表人"), required=True, max_length=50, example="王明"
        ),
        xl.Text(
            "address",
            gettext_lazy("办公地址"),
            required=True,
            max_length=200,
            example="包头市昆都仑区钢铁大街1号",
        ),
        xl.Text(
            "service_phone", gettext_lazy("服务电话"), required=True, max_length=30, example="0472-5123456"
        ),
        xl.Choice(
            "licence_kind", gettext_lazy("证照类型"), choices=LicenceKind, example=LicenceKind.BUSINESS
        ),
        xl.Text("licence_number", gettext_lazy("证照编号"), max_length=60, example="150203000012345"),
        xl.Text("licence_issuer", gettext_lazy("发证机关"), max_length=100, example="包头市市场监督管理局"),
        xl.Date("licence_valid_from", gettext_lazy("证照有效期起"), example=datetime.date(2020, 1, 1)),
        xl.Date("licence_valid_to", gettext_lazy("证照有效期止"), help=gettext_lazy("长期有效请留空")),
    ]

    def existing(self, context):
        return Enterprise.objects.all()  # a credit code is registered once, wherever

    def check_file(self, rows, context):
        divisions = divisions_for_areas(
            row.values["credit_code"][2:8] for row in rows if row.values.get("credit_code")
        )
        for row in rows:
            check_pair(self, row, ["licence_kind", "licence_number", "licence_issuer", "licence_valid_from"])
            code = row.values.get("credit_code")
            if not code:
                continue
            division = divisions[code[2:8]]  # as Enterprise.save finds it
            if division is not None and in_scope(context.user, division.code):
                row.values["division"] = division
            else:
                refuse(row, self, "credit_code", _("企业登记地不在您的辖区内，应由登记地的监管部门导入。"))

    def build(self, values, context):
        enterprise = Enterprise(
            name=values["name"],
            credit_code=values["credit_code"],
            division=values["division"],
            legal_representative=values["legal_representative"],
            address=values["address"],
            service_phone=values["service_phone"],
        )
        enterprise.onboarding_licence = None
        if values.get("licence_kind"):
            enterprise.onboarding_licence = Licence(
                kind=values["licence_kind"],
                number=values["licence_number"],
                issuer=values["licence_issuer"],
                valid_from=values["licence_valid_from"],
                valid_to=values.get("licence_valid_to"),
            )
        return enterprise

    def validate(self, record, context):
        # The credit code was checked by its column (with the pilot exceptions read once), not per row.
        record.clean_fields(exclude=["credit_code", "division"])
        if record.onboarding_licence is not None:
            try:
                record.onboarding_licence.full_clean(exclude=["enterprise"], validate_constraints=False)
            except ValidationError as error:
                raise ValidationError(
                    {f"licence_{name}": messages for name, messages in error.message_dict.items()}
                ) from None

    def save(self, records, context):
        saved = save_with_history(records, Enterprise, context, check_scope=True)
        licences = []
        for enterprise in saved:
            if enterprise.onboarding_licence is not None:
                enterprise.onboarding_licence.enterprise = enterprise
                licences.append(enterprise.onboarding_licence)
        save_with_history(licences, Licence, context)
        return saved


def find_enterprises(spec, rows, context) -> None:
    """Each row's enterprise (``values["enterprise"]``) by its credit code: in the 企业 sheet, or
    registered and within the importer's write scope."""
    codes = {row.values.get("enterprise_credit_code") for row in rows} - {None, ""}
    enterprises = book_index(context, EnterpriseSheet, lambda values: values.get("credit_code"))
    enterprises.update(
        {e.credit_code: e for e in Enterprise.objects.writable_by(context.user).filter(credit_code__in=codes)}
    )
    missing = _("“企业”工作表和您辖区内都没有这家企业。")
    for row in rows:
        code = row.values.get("enterprise_credit_code")
        row.values["enterprise"] = None
        if code:
            row.values["enterprise"] = follow(
                spec, row, "enterprise_credit_code", enterprises, code, EnterpriseSheet, missing, context
            )


def project_key(values) -> tuple:
    return (values.get("division_code"), values.get("project_name") or values.get("name"))


def find_projects(spec, rows, context) -> None:
    """Each row's project (``values["project"]``), named by division code and name in the 项目 sheet."""
    projects = book_index(context, ProjectSheet, project_key)
    missing = _("“项目”工作表中没有这个项目（区划代码和项目名称须一致）。")
    for row in rows:
        if not row.values.get("division_code") or not row.values.get("project_name"):
            continue
        key = project_key(row.values)
        row.values["project"] = follow(
            spec, row, "project_name", projects, key, ProjectSheet, missing, context
        )


def project_columns(required=True):
    return [
        xl.Text(
            "project_name", gettext_lazy("项目名称"), required=required, max_length=100, example="阳光小区"
        ),
        DivisionCode("division_code", gettext_lazy("区划代码"), required=required),
    ]


class ProjectSheet(xl.ImportSpec):
    title, model = gettext_lazy("项目"), Project
    max_rows = MAX_SHEET_ROWS
    unique = ("name", "division_code")
    columns = [
        xl.Text("name", gettext_lazy("项目名称"), required=True, max_length=100, example="阳光小区"),
        DivisionCode("division_code", gettext_lazy("区划代码"), required=True, field="division"),
        xl.Text("address", gettext_lazy("地址"), required=True, max_length=200, example="昆都仑区阳光路8号"),
        xl.Choice("kind", gettext_lazy("类型"), choices=ProjectKind, example=ProjectKind.RESIDENTIAL),
        xl.Number("floor_area", gettext_lazy("建筑面积（㎡）"), required=True, example=Decimal("86000.00")),
        xl.Integer("household_count", gettext_lazy("户数"), required=True, min_value=0, example=960),
        xl.Text(
            "developer_name",
            gettext_lazy("建设单位名称"),
            max_length=100,
            example="包头市阳光房地产开发有限公司",
        ),
        CreditCode(
            "developer_credit_code",
            gettext_lazy("建设单位信用代码"),
            example="91150203MA0N00002X",
            help=gettext_lazy("已登记的建设单位按信用代码找到；未登记的将一并登记"),
        ),
        CreditCode(
            "enterprise_credit_code",
            gettext_lazy("服务企业信用代码"),
            help=gettext_lazy("“企业”工作表中的企业，或已登记、在您辖区内的企业"),
        ),
        xl.Date(
            "service_start", gettext_lazy("接管日期"), not_future=True, example=datetime.date(2021, 5, 1)
        ),
    ]

    def existing(self, context):
        return Project.objects.all()

    def check_file(self, rows, context):
        resolve_divisions(self, rows, context)
        find_enterprises(self, rows, context)
        developer_codes = {row.values.get("developer_credit_code") for row in rows} - {None, ""}
        developers = {d.credit_code: d for d in Developer.objects.filter(credit_code__in=developer_codes)}
        for row in rows:
            values = row.values
            check_pair(self, row, ["enterprise_credit_code", "service_start"])
            if values.get("division") is not None and values["division"].level == "province":
                refuse(row, self, "division_code", _("请选择项目所在的盟市或旗县区。"))
            code = values.get("developer_credit_code")
            if code and code not in developers:
                if not values.get("developer_name"):
                    refuse(row, self, "developer_name", _("未登记的建设单位须填写名称。"))
                    continue
                developers[code] = Developer(name=values["developer_name"], credit_code=code)
                developers[code].onboarding_new = True
            values["developer"] = developers.get(code) if code else None

    def build(self, values, context):
        project = Project(
            name=values["name"],
            division=values["division"],
            address=values["address"],
            kind=values.get("kind") or ProjectKind.RESIDENTIAL,
            floor_area=values["floor_area"],
            household_count=values["household_count"],
            developer=values.get("developer"),
        )
        project.onboarding_service = (values.get("enterprise"), values.get("service_start"))
        return project

    def trusted_fields(self, context):
        return ["division", "developer"]

    def save(self, records, context):
        developers = {id(p.developer): p.developer for p in records if p.developer is not None}
        new = [d for d in developers.values() if getattr(d, "onboarding_new", False)]
        found = divisions_for_areas(d.credit_code[2:8] for d in new)
        for developer in new:
            developer.division = found[developer.credit_code[2:8]]  # as Developer.save finds it
        save_with_history(new, Developer, context)
        saved = save_with_history(records, Project, context, check_scope=True)
        periods = [
            ServicePeriod(project=project, enterprise=enterprise, start=start)
            for project in saved
            for enterprise, start in [project.onboarding_service]
            if enterprise is not None
        ]
        save_with_history(periods, ServicePeriod, context)
        return saved


class BuildingSheet(xl.ImportSpec):
    title, model = gettext_lazy("楼栋"), Building
    max_rows = MAX_SHEET_ROWS
    unique = ("division_code", "project_name", "name")
    columns = [
        *project_columns(),
        xl.Text("name", gettext_lazy("楼栋"), required=True, max_length=30, example="1号楼"),
        xl.Integer("floors", gettext_lazy("层数"), min_value=1, max_value=200, example=18),
        xl.Boolean("has_elevator", gettext_lazy("有电梯"), example=True),
    ]

    def check_file(self, rows, context):
        find_projects(self, rows, context)

    def build(self, values, context):
        return Building(
            project=values["project"],
            name=values["name"],
            floors=values.get("floors") or 1,
            has_elevator=bool(values.get("has_elevator")),
        )

    def trusted_fields(self, context):
        return ["project"]

    def save(self, records, context):
        return save_with_history(records, Building, context)


def household_key(values) -> tuple:
    return (*project_key(values), values.get("building"), values.get("unit") or "", values.get("number"))


def household_columns():
    return [
        *project_columns(),
        xl.Text("building", gettext_lazy("楼栋"), required=True, max_length=30, example="1号楼"),
        xl.Text("unit", gettext_lazy("单元"), max_length=10, example="1"),
        xl.Text("number", gettext_lazy("房号"), required=True, max_length=20, example="101"),
    ]


def check_households_once(spec, rows, what) -> None:
    """A household named twice in the sheet: the second row is refused."""
    seen = {}
    for row in rows:
        key = household_key(row.values)
        if None in key:
            continue
        first = seen.setdefault((key, what(row.values)), row.number)
        if first != row.number:
            refuse(row, spec, "number", _("与第 %(row)s 行重复。") % {"row": first})


class HouseholdSheet(xl.ImportSpec):
    title, model = gettext_lazy("房屋"), Household
    max_rows = MAX_SHEET_ROWS
    columns = [
        *household_columns(),
        xl.Number("area", gettext_lazy("建筑面积（㎡）"), required=True, example=Decimal("89.50")),
    ]

    def check_file(self, rows, context):
        buildings = book_index(
            context, BuildingSheet, lambda v: (v.get("division_code"), v.get("project_name"), v.get("name"))
        )
        for row in rows:
            key = (
                row.values.get("division_code"),
                row.values.get("project_name"),
                row.values.get("building"),
            )
            if None in key:
                continue
            missing = _("“楼栋”工作表中没有这栋楼（项目和楼栋名称须一致）。")
            row.values["building_record"] = follow(
                self, row, "building", buildings, key, BuildingSheet, missing, context
            )
        check_households_once(self, rows, lambda values: None)

    def build(self, values, context):
        building = values["building_record"]
        return Household(
            project=building.project,
            building=building,
            unit=values.get("unit") or "",
            number=values["number"],
            area=values["area"],
        )

    def trusted_fields(self, context):
        return ["project", "building"]

    def save(self, records, context):
        for household in records:
            household.project = household.building.project  # as Household.save sets it
        return save_with_history(records, Household, context)


class OwnerSheet(xl.ImportSpec):
    """An owner per row and household; the same name and phone on several rows is one owner of
    several households."""

    title, model = gettext_lazy("业主"), Owner
    max_rows = MAX_SHEET_ROWS
    columns = [
        *household_columns(),
        xl.Text("name", gettext_lazy("业主姓名"), required=True, max_length=50, example="李华"),
        xl.Text("phone", gettext_lazy("手机号"), max_length=20, example="13804721234"),
    ]

    def check_file(self, rows, context):
        households = book_index(context, HouseholdSheet, household_key)
        for row in rows:
            key = household_key(row.values)
            if None in key:
                continue
            missing = _("“房屋”工作表中没有这户（项目、楼栋、单元和房号须一致）。")
            row.values["household"] = follow(
                self, row, "number", households, key, HouseholdSheet, missing, context
            )
        check_households_once(self, rows, lambda values: values.get("name"))

    def build(self, values, context):
        owners = context.extra.setdefault("owners", {})
        key = (values["name"], values.get("phone")) if values.get("phone") else object()
        if key not in owners:
            owners[key] = Owner(name=values["name"], phone=values.get("phone") or "")
            owners[key].onboarding_households = []
        owners[key].onboarding_households.append(values["household"])
        return owners[key]

    def save(self, records, context):
        owners = list({id(owner): owner for owner in records}.values())
        saved = save_with_history(owners, Owner, context)
        Through = Owner.households.through
        Through.objects.bulk_create(
            [Through(owner=o, household=h) for o in saved for h in o.onboarding_households],
            batch_size=BULK_BATCH,
        )
        return records


def column_of(prefix: str, field: str) -> str:
    """The column of a post's or certificate's field: ``post_start``, but a post's kind is ``post``."""
    return "post" if (prefix, field) == ("post_", "kind") else f"{prefix}{field}"


class StaffSheet(xl.ImportSpec):
    title, model = gettext_lazy("员工"), Staff
    max_rows = MAX_SHEET_ROWS
    columns = [
        CreditCode("enterprise_credit_code", gettext_lazy("企业信用代码"), required=True),
        xl.Text("name", gettext_lazy("姓名"), required=True, max_length=50, example="张三"),
        CitizenId("id_number", gettext_lazy("身份证号"), required=True, example="150203199001011237"),
        xl.Text("phone", gettext_lazy("手机号"), required=True, max_length=20, example="13904721234"),
        xl.Choice("post", gettext_lazy("岗位"), choices=PostKind, example=PostKind.ELECTRICIAN),
        *project_columns(required=False),
        xl.Date("post_start", gettext_lazy("任职起"), example=datetime.date(2021, 5, 1)),
        xl.Choice(
            "certificate_kind",
            gettext_lazy("证书类型"),
            choices=CertificateKind,
            example=CertificateKind.ELECTRICIAN,
        ),
        xl.Text("certificate_number", gettext_lazy("证书编号"), max_length=60, example="T150203199001011237"),
        xl.Date("certificate_valid_from", gettext_lazy("证书有效期起"), example=datetime.date(2020, 3, 1)),
        xl.Date("certificate_valid_to", gettext_lazy("证书有效期止")),
    ]

    def check_file(self, rows, context):
        find_enterprises(self, rows, context)
        find_projects(self, rows, context)
        hashes, seen = {}, {}
        for row in rows:
            values = row.values
            check_pair(self, row, ["post", "project_name", "division_code", "post_start"])
            check_pair(self, row, ["certificate_kind", "certificate_number", "certificate_valid_from"])
            if values.get("id_number") and values["enterprise"] is not None:
                values["id_hash"] = crypto.lookup_hash(values["id_number"])
                key = (values["enterprise_credit_code"], values["id_hash"])
                first = seen.setdefault(key, row.number)
                if first != row.number:
                    refuse(row, self, "id_number", _("与第 %(row)s 行重复。") % {"row": first})
                hashes[key] = row
        stored = set(
            Staff.objects.filter(id_number_hash__in={h for _code, h in hashes}).values_list(
                "enterprise__credit_code", "id_number_hash"
            )
        )
        for key in stored & set(hashes):
            refuse(hashes[key], self, "id_number", _("该企业已登记过此身份证号的员工。"))

    def build(self, values, context):
        staff = Staff(enterprise=values["enterprise"], name=values["name"], phone=values["phone"])
        staff.set_id_number(values["id_number"])
        staff.onboarding_post = staff.onboarding_certificate = None
        if values.get("post"):
            staff.onboarding_post = Post(
                kind=values["post"], project=values["project"], start=values["post_start"]
            )
        if values.get("certificate_kind"):
            staff.onboarding_certificate = Certificate(
                kind=values["certificate_kind"],
                number=values["certificate_number"],
                valid_from=values["certificate_valid_from"],
                valid_to=values.get("certificate_valid_to"),
            )
        return staff

    def trusted_fields(self, context):
        return ["enterprise"]

    def validate(self, record, context):
        super().validate(record, context)
        for part, prefix in (
            (record.onboarding_certificate, "certificate_"),
            (record.onboarding_post, "post_"),
        ):
            if part is None:
                continue
            try:
                part.full_clean(exclude=["staff", "project", "certificate"], validate_constraints=False)
            except ValidationError as error:
                raise ValidationError(
                    {column_of(prefix, name): messages for name, messages in error.message_dict.items()}
                ) from None

    def save(self, records, context):
        # Staff are written by their employer's managers; a regulator onboards the staff of the
        # enterprises he may write (those registered in his divisions), checked here for all at once.
        employers = {staff.enterprise.pk for staff in records if staff.enterprise.pk}
        if Enterprise.objects.writable_by(context.user).filter(pk__in=employers).count() != len(employers):
            raise PermissionDenied
        saved = save_with_history(records, Staff, context)
        posts, certificates = [], []
        for staff in saved:
            for part, bucket in (
                (staff.onboarding_post, posts),
                (staff.onboarding_certificate, certificates),
            ):
                if part is not None:
                    part.staff = staff
                    bucket.append(part)
        save_with_history(certificates, Certificate, context)
        save_with_history(posts, Post, context)
        return saved


class OnboardingImport(BookSpec):
    """The whole book: what a housing bureau fills to bring its estates onto the platform."""

    name, title = "onboarding", gettext_lazy("批量建档")
    sheets = [EnterpriseSheet, ProjectSheet, BuildingSheet, HouseholdSheet, OwnerSheet, StaffSheet]
    max_bytes = MAX_BOOK_BYTES
    max_unpacked = 20 * MAX_BOOK_BYTES  # a sheet of a million rows unzips to about a gigabyte of XML

    def rules(self):
        return [
            _("批量建档：企业、项目、楼栋、房屋、业主、员工，一个工作簿一次导入"),
            _("1. 每个工作表第一行是列标题，请不要修改；带 * 的列必须填写；第二行是示例，导入时跳过。"),
            _(
                "2. 后面的工作表按名称引用前面的：企业按信用代码，项目按区划代码和项目名称，楼栋按项目和楼栋名称，房屋按楼栋、单元和房号。"
            ),
            _(
                "3. 已经登记过的企业（信用代码）、项目（同一区划内同名）和员工（同一企业内身份证号）不会被更新，而是作为错误列出。"
            ),
            _("4. 只能导入您辖区内的企业和项目。"),
            _("5. 要么全部成功，要么一行也不写入：每个错误都列出工作表、行号、列名和原因。"),
        ]

    def check_book(self, upload, context):
        if not may_onboard(context.user):
            raise PermissionDenied
        try:
            return super().check_book(upload, context)
        except ImportRejected as rejected:
            problems = [p for p in rejected.problems if p.reason != DEPENDENT]
            raise ImportRejected(problems, sheets=self.sheet_titles()) from None
