"""Columns of a spreadsheet: how one cell is read on import, written on export and explained in a template.

A column knows its kind (text, a number, a date, a choice...), nothing of the model it fills: the
import spec builds the record from the parsed values. ``parse`` turns a non-blank cell into a Python
value or raises ``CellError`` with a reason a clerk understands ("晚于今天"); ``cell`` turns a value
back into what Excel should hold (a real date, a number, a choice's label).
"""

import datetime
import re
from decimal import Decimal, InvalidOperation
from functools import reduce

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from wuye.core.evidence import CLOCK_SKEW

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
TEXT_FORMAT = "@"  # Excel keeps what is typed (a code "0015" stays "0015", not the number 15)
DATE_INPUTS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")
DATETIME_INPUTS = tuple(
    f"{day}{sep}{time}"
    for day in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日")
    for sep in (" ", "T")
    for time in ("%H:%M", "%H:%M:%S")
)
YES = {"是", "true", "1", "y", "yes", "√", "✓", "有"}
NO = {"否", "false", "0", "n", "no", "×", "✗", "无"}
LIST_SEPARATORS = re.compile(r"[、，,；;\n]+")
CELL_TYPES = (str, int, float, Decimal, datetime.date, datetime.time, datetime.timedelta)


def listing(items) -> str:
    """Names run together as a sentence lists them: "运行、备用、停用"."""
    return pgettext("list separator", "、").join(items)


class CellError(Exception):
    """What is wrong with one cell, in a sentence for the person who filled it in."""

    def __init__(self, reason):
        super().__init__(str(reason))
        self.reason = str(reason)


def attribute(obj, path: str):
    """``obj.a.b`` for the path "a.b"; None as soon as a step is None."""
    return reduce(lambda value, name: None if value is None else getattr(value, name), path.split("."), obj)


class Column:
    """One column: its ``key`` in the row's values, its Chinese ``header`` and how to read its cells.

    ``field`` names the model field the value ends up in (default: ``key``): a model error on that
    field is reported under this column's header. ``export`` is how the column is read from a record
    when exporting: an attribute path ("power_room.name") or a function of the record (default:
    ``key``). ``example`` fills the template's example row; ``help`` explains the column there.
    """

    kind = gettext_lazy("文本")
    number_format = "General"
    width = 14

    def __init__(
        self,
        key: str,
        header,
        *,
        required: bool = False,
        example=None,
        help="",
        field: str | None = None,
        export=None,
        width: int | None = None,
    ):
        self.key = key
        self.header = header
        self.required = required
        self.example = example
        self.help = help
        self.field = field or key
        self.export = export if export is not None else key
        if width is not None:
            self.width = width

    def __repr__(self):
        return f"<{type(self).__name__} {self.key}>"

    # -- import -------------------------------------------------------------------------------

    def parse(self, raw, context):
        """The value of a non-blank cell (``raw`` as openpyxl reads it); raise CellError if wrong."""
        return raw

    def blank(self):
        """The value of an empty optional cell (None: the model's default applies)."""
        return None

    # -- template -----------------------------------------------------------------------------

    def describe(self) -> str:
        """What to type, for the 说明 sheet: "日期，如 2026-03-01"."""
        return str(self.kind)

    def options(self, context) -> list[str] | None:
        """The values a drop-down list offers in the template (None: no list)."""
        return None

    def rule(self) -> dict | None:
        """The template's Excel check of a cell that is not a list (a whole number, a date within
        years), as ``DataValidation`` arguments; None: no check."""
        return None

    # -- export -------------------------------------------------------------------------------

    def read(self, obj):
        return self.export(obj) if callable(self.export) else attribute(obj, self.export)

    def cell(self, value):
        """What an Excel cell holds for ``value``: None, a number, a date, or text."""
        if value is None or value == "":
            return None
        if isinstance(value, CELL_TYPES):
            return value
        return str(value)  # a lazy string, a list, a model: as it reads


def _text(raw) -> str:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)  # a number typed in a text column: "101", not "101.0"
    if isinstance(raw, datetime.datetime):
        raw = raw.date() if raw.time() == datetime.time() else raw
    return str(raw).strip()


class Text(Column):
    number_format = TEXT_FORMAT

    def __init__(self, key, header, *, max_length: int | None = None, **kwargs):
        super().__init__(key, header, **kwargs)
        self.max_length = max_length
        if max_length and "width" not in kwargs:
            self.width = max(self.width, min(max_length, 40))

    def parse(self, raw, context):
        text = _text(raw)
        if self.max_length and len(text) > self.max_length:
            raise CellError(
                _("不能超过%(max)s个字，现有%(n)s个字。") % {"max": self.max_length, "n": len(text)}
            )
        return text

    def blank(self):
        return ""

    def describe(self):
        if self.max_length:
            return _("文本，最多%(max)s个字") % {"max": self.max_length}
        return _("文本")

    def cell(self, value):
        return None if value is None else str(value)


class TextList(Text):
    """Several names in one cell, separated by 、 or ， or ；  (stored as a list of strings)."""

    def parse(self, raw, context):
        items = [item.strip() for item in LIST_SEPARATORS.split(_text(raw)) if item.strip()]
        if not items:
            raise CellError(_("请至少填写一项。"))
        if self.max_length and any(len(item) > self.max_length for item in items):
            raise CellError(_("每一项不能超过%(max)s个字。") % {"max": self.max_length})
        if len(set(items)) != len(items):
            raise CellError(_("有重复的项。"))
        return items

    def blank(self):
        return []

    def describe(self):
        return _("多项文本，用顿号“、”隔开")

    def cell(self, value):
        if isinstance(value, list | tuple):
            return listing(str(item) for item in value) or None
        return super().cell(value)


class Integer(Column):
    kind = gettext_lazy("整数")
    number_format = "0"
    width = 10

    def __init__(self, key, header, *, min_value: int | None = None, max_value: int | None = None, **kwargs):
        super().__init__(key, header, **kwargs)
        self.min_value, self.max_value = min_value, max_value

    def parse(self, raw, context):
        if isinstance(raw, bool):
            raise CellError(_("请填写整数。"))
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        if isinstance(raw, str) and re.fullmatch(r"\s*[-+]?\d+\s*", raw):
            raw = int(raw)
        if not isinstance(raw, int):
            raise CellError(_("请填写整数。"))
        return _bounded(raw, self.min_value, self.max_value)

    def rule(self):
        return _between("whole", self.min_value, self.max_value, -(10**9), 10**9)


def _between(kind: str, low, high, floor, ceiling) -> dict:
    low, high = floor if low is None else low, ceiling if high is None else high
    return {"type": kind, "operator": "between", "formula1": str(low), "formula2": str(high)}


def _bounded(value, low, high):
    if low is not None and value < low:
        raise CellError(_("不能小于%(min)s。") % {"min": low})
    if high is not None and value > high:
        raise CellError(_("不能大于%(max)s。") % {"max": high})
    return value


class Number(Column):
    """A number with at most ``decimal_places`` decimals (readings, areas, money): kept as Decimal."""

    kind = gettext_lazy("数字")
    width = 10

    def __init__(
        self, key, header, *, max_digits=12, decimal_places=2, min_value=None, max_value=None, **kwargs
    ):
        super().__init__(key, header, **kwargs)
        self.max_digits, self.decimal_places = max_digits, decimal_places
        self.min_value, self.max_value = min_value, max_value
        self.number_format = "0." + "0" * decimal_places if decimal_places else "0"

    def parse(self, raw, context):
        if isinstance(raw, bool):
            raise CellError(_("请填写数字。"))
        try:
            # A float from Excel by its shortest repr: 400.5 stays 400.5, not 400.5000000000000142.
            value = Decimal(repr(raw) if isinstance(raw, float) else str(raw).strip())
        except InvalidOperation:
            raise CellError(_("请填写数字。")) from None
        if not value.is_finite():
            raise CellError(_("请填写数字。"))
        step = Decimal(1).scaleb(-self.decimal_places)
        if value != value.quantize(step, rounding="ROUND_DOWN"):
            raise CellError(_("最多保留%(n)s位小数。") % {"n": self.decimal_places})
        value = value.quantize(step)
        if value.adjusted() + 1 > self.max_digits - self.decimal_places:
            raise CellError(_("数值过大。"))
        return _bounded(value, self.min_value, self.max_value)

    def rule(self):
        ceiling = 10 ** (self.max_digits - self.decimal_places) - 1
        return _between("decimal", self.min_value, self.max_value, -ceiling, ceiling)

    def describe(self):
        if self.decimal_places:
            return _("数字，最多%(n)s位小数") % {"n": self.decimal_places}
        return _("整数")


class Date(Column):
    kind = gettext_lazy("日期")
    number_format = DATE_FORMAT
    width = 12

    def __init__(self, key, header, *, not_future: bool = False, **kwargs):
        super().__init__(key, header, **kwargs)
        self.not_future = not_future

    def parse(self, raw, context):
        value = _date(raw)
        if self.not_future and value > timezone.localdate(context.now):
            raise CellError(_("晚于今天。"))
        return value

    def describe(self):
        return _("日期，如 %(example)s") % {"example": "2026-03-01"}

    def rule(self):
        return {
            "type": "date",
            "operator": "between",
            "formula1": "DATE(1900,1,1)",
            "formula2": "DATE(2099,12,31)",
        }

    def cell(self, value):
        return value


def _date(raw) -> datetime.date:
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    if isinstance(raw, str):
        for pattern in DATE_INPUTS:
            try:
                return datetime.datetime.strptime(raw.strip(), pattern).date()
            except ValueError:
                continue
    raise CellError(_("请填写日期，如 2026-03-01。"))


class DateTime(Column):
    """A moment to the minute, in the local time zone (Asia/Shanghai): Excel has no time zones."""

    kind = gettext_lazy("日期时间")
    number_format = DATETIME_FORMAT
    width = 17

    def __init__(self, key, header, *, not_future: bool = False, **kwargs):
        super().__init__(key, header, **kwargs)
        self.not_future = not_future

    def parse(self, raw, context):
        value = _datetime(raw)
        if self.not_future and value > context.now + CLOCK_SKEW:
            raise CellError(_("晚于当前时间。"))
        return value

    def describe(self):
        return _("日期和时间，如 %(example)s") % {"example": "2026-03-01 08:30"}

    def cell(self, value):
        if value is None:
            return None
        return timezone.localtime(value).replace(tzinfo=None)


def _datetime(raw) -> datetime.datetime:
    value = None
    if isinstance(raw, datetime.datetime):
        value = raw
    elif isinstance(raw, str):
        for pattern in DATETIME_INPUTS:
            try:
                value = datetime.datetime.strptime(raw.strip(), pattern)
                break
            except ValueError:
                continue
    if value is None:
        raise CellError(_("请填写日期和时间，如 2026-03-01 08:30。"))
    if timezone.is_aware(value):
        return value
    return timezone.make_aware(value.replace(microsecond=0))


class Choice(Column):
    """One of a model's choices: the Chinese label or the code is accepted; the label is exported."""

    kind = gettext_lazy("选项")

    def __init__(self, key, header, *, choices, **kwargs):
        super().__init__(key, header, **kwargs)
        self.choices = list(getattr(choices, "choices", choices))

    def parse(self, raw, context):
        text = _text(raw)
        for code, label in self.choices:
            if text == str(label) or text.lower() == str(code).lower():
                return code
        raise CellError(_("应为：%(options)s。") % {"options": listing(self.labels())})

    def labels(self) -> list[str]:
        return [str(label) for _code, label in self.choices]

    def describe(self):
        return _("从下拉列表中选择：%(options)s") % {"options": listing(self.labels())}

    def options(self, context):
        return self.labels()

    def cell(self, value):
        if value is None or value == "":
            return None
        return next((str(label) for code, label in self.choices if code == value), str(value))


class Boolean(Column):
    kind = gettext_lazy("是/否")
    width = 8

    def parse(self, raw, context):
        if isinstance(raw, bool):
            return raw
        text = _text(raw).lower()
        if text in YES:
            return True
        if text in NO:
            return False
        raise CellError(_("请填写“是”或“否”。"))

    def describe(self):
        return _("是 或 否")

    def options(self, context):
        return [_("是"), _("否")]

    def cell(self, value):
        if value is None:
            return None
        return _("是") if value else _("否")


class Lookup(Column):
    """A related record named by a natural key (a power room by its name), within what the user may use.

    ``queryset(context)`` gives the records the row may point at (e.g. the project's rooms the user
    sees); all the names of a file are looked up in one query. A name outside that queryset is "not
    found", exactly like a name that exists nowhere: a lookup never tells what lies outside the scope.
    """

    kind = gettext_lazy("名称")
    width = 16

    def __init__(self, key, header, *, queryset, by: str = "name", not_found=None, max_options=200, **kwargs):
        kwargs.setdefault("export", f"{key}.{by}")
        super().__init__(key, header, **kwargs)
        self.queryset, self.by = queryset, by
        self.not_found = not_found or gettext_lazy("找不到“%(value)s”。")
        self.max_options = max_options

    def parse(self, raw, context):
        return _text(raw)

    def resolve(self, names, context) -> tuple[dict, set]:
        """{name: record} of the names found, and the names that match several records (one query)."""
        found, ambiguous = {}, set()
        for obj in self.queryset(context).filter(**{f"{self.by}__in": set(names)}):
            name = str(getattr(obj, self.by))
            if name in found:
                ambiguous.add(name)
            found[name] = obj
        return found, ambiguous

    def describe(self):
        return _("填写名称，须与系统中登记的一致")

    def options(self, context):
        names = list(
            self.queryset(context).order_by(self.by).values_list(self.by, flat=True)[: self.max_options + 1]
        )
        return [str(name) for name in names] if 0 < len(names) <= self.max_options else None

    def cell(self, value):
        if value is None:
            return None
        return str(getattr(value, self.by, value))
