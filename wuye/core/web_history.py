"""The change history of a registry record as the detail pages show it: who, when, what changed."""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

HISTORY_KIND = {
    "+": pgettext_lazy("history", "创建"),
    "~": pgettext_lazy("history", "修改"),
    "-": pgettext_lazy("history", "删除"),
}


def _display(field, value):
    if value in (None, ""):
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("是") if value else _("否")
    return str(value)


def history_rows(obj, limit: int = 20) -> list[dict]:
    """The latest changes of a history-tracked record: who, when, what (field, old, new), newest first."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    rows = []
    model = type(obj)
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if record.history_type == "~" and previous is not None:
            for change in record.diff_against(previous).changes:
                field = model._meta.get_field(change.field)
                changes.append(
                    {
                        "field": field.verbose_name,
                        "old": _display(field, change.old),
                        "new": _display(field, change.new),
                    }
                )
        rows.append(
            {
                "at": record.history_date,
                "user": record.history_user,
                "kind": HISTORY_KIND.get(record.history_type, record.history_type),
                "changes": changes,
            }
        )
    return rows
