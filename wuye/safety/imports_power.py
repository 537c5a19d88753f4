"""Excel imports and exports of clause 4.8: a project's power rooms, and batches of their rounds.

The rooms are a register (bulk-created with history, names unique in the project); the rounds are
evidence (appended through ``record_power_rounds``: chained, channel ``import``, back-filled when
older than the 4.8 limit, their problems opening defects). A round names its room by name, looked up
among the rooms of the page's project that the user sees.
"""

import datetime
import re
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.core import spreadsheets as xl
from wuye.core.evidence import Channel
from wuye.core.spreadsheets.columns import LIST_SEPARATORS, listing
from wuye.safety.actions import record_power_rounds
from wuye.safety.choices import SupplyState
from wuye.safety.models import PowerRoom, PowerRound

EXAMPLE_TIME = datetime.datetime(2026, 3, 1, 8, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
NAME_STATE = re.compile(r"^(?P<name>.+?)\s*[:：=]\s*(?P<state>[^:：=]+)$")


class PowerRoomImport(xl.ImportSpec):
    """The power rooms of a project (配电室登记表)."""

    name, title, model = "power-rooms", gettext_lazy("配电室"), PowerRoom
    unique = ("name",)
    columns = [
        xl.Text(
            "name", gettext_lazy("名称"), required=True, max_length=60, example=gettext_lazy("1号配电室")
        ),
        xl.Text("location", gettext_lazy("位置"), max_length=100, example=gettext_lazy("2号楼地下一层")),
        xl.TextList(
            "supplies",
            gettext_lazy("供电回路"),
            required=True,
            max_length=30,
            example=[gettext_lazy("1#变压器"), gettext_lazy("2#变压器"), gettext_lazy("备用发电机")],
            help=gettext_lazy("每次巡视要报告状态的回路，用顿号隔开，如：1#变压器、2#变压器、备用发电机"),
            width=30,
        ),
        xl.Date(
            "in_service_from",
            gettext_lazy("投用日期"),
            required=True,
            example=datetime.date(2020, 1, 1),
            help=gettext_lazy("从这一天起检查每小时巡视"),
        ),
        xl.Boolean("active", gettext_lazy("在用"), example=True, help=gettext_lazy("不填视为在用")),
    ]

    def fixed(self, context):
        return {"project": context.project}

    def existing(self, context):
        return PowerRoom.objects.filter(project=context.project)


def supply_states_text(power_round) -> str:
    """ "1#变压器：运行、备用发电机：备用" in the room's order (what the import reads back)."""
    labels = dict(SupplyState.choices)
    states = power_round.supply_states or {}
    names = [
        *power_round.power_room.supplies,
        *(n for n in states if n not in power_round.power_room.supplies),
    ]
    return listing(
        _("%(supply)s：%(state)s") % {"supply": name, "state": labels.get(states[name], states[name])}
        for name in names
        if name in states
    )


def state_code(text: str) -> str | None:
    text = text.strip()
    for code, label in SupplyState.choices:
        if text in (str(label), code):
            return code
    return None


def parse_supply_states(text: str, room: PowerRoom) -> dict:
    """{supply: state} from "1#变压器：运行、2#变压器：备用", or one state for every supply ("运行")."""
    everyone = state_code(text)
    if everyone is not None:
        return dict.fromkeys(room.supplies, everyone)
    states, wrong = {}, []
    for part in filter(None, (p.strip() for p in LIST_SEPARATORS.split(text))):
        match = NAME_STATE.match(part)
        code = state_code(match["state"]) if match else None
        if code is None:
            wrong.append(part)
        else:
            states[match["name"].strip()] = code
    labels = listing(str(label) for _code, label in SupplyState.choices)
    if wrong:
        raise ValidationError(
            {
                "supply_states": _("无法识别“%(parts)s”：请写成“回路名称：状态”，状态为%(labels)s。")
                % {"parts": listing(wrong), "labels": labels}
            }
        )
    unknown = [name for name in states if name not in room.supplies]
    missing = [name for name in room.supplies if name not in states]
    if unknown or missing:
        reasons = []
        if unknown:
            reasons.append(
                _("“%(room)s”没有回路%(names)s。") % {"room": room.name, "names": listing(unknown)}
            )
        if missing:
            reasons.append(_("缺少回路%(names)s的状态。") % {"names": listing(missing)})
        raise ValidationError({"supply_states": reasons})
    return states


class PowerRoundImport(xl.EvidenceImportSpec):
    """A batch of power room rounds (配电室巡视记录), e.g. a paper log typed up or another system's export."""

    name, title, model = "power-rounds", gettext_lazy("配电室巡视记录"), PowerRound
    columns = [
        xl.Lookup(
            "power_room",
            gettext_lazy("配电室"),
            required=True,
            queryset=lambda context: (
                PowerRoom.objects.visible_to(context.user)
                .filter(project=context.project)
                .select_related("project")
            ),
            not_found=gettext_lazy("本项目没有名为“%(value)s”的配电室。"),
            example=gettext_lazy("1号配电室"),
        ),
        xl.DateTime(
            "occurred_at",
            gettext_lazy("巡视时间"),
            required=True,
            not_future=True,
            example=EXAMPLE_TIME,
            help=gettext_lazy("超过补录时限才导入的记录会标为补录"),
        ),
        xl.Text(
            "inspector", gettext_lazy("巡视人"), required=True, max_length=50, example=gettext_lazy("王师傅")
        ),
        xl.Text(
            "supply_states",
            gettext_lazy("回路状态"),
            required=True,
            example=gettext_lazy("1#变压器：运行、2#变压器：运行、备用发电机：备用"),
            help=gettext_lazy(
                "每个回路写“名称：状态”，用顿号隔开，状态为运行、备用或停用；全部相同时可只写一个状态，如“运行”"
            ),
            width=40,
        ),
        xl.Number("voltage", gettext_lazy("电压（V）"), max_digits=7, decimal_places=1, example=400),
        xl.Number("current", gettext_lazy("电流（A）"), max_digits=7, decimal_places=1, example=210.5),
        xl.Number("temperature", gettext_lazy("室温（℃）"), max_digits=4, decimal_places=1, example=26),
        xl.Text(
            "problems",
            gettext_lazy("发现的问题"),
            help=gettext_lazy("没有问题不填；填写的问题会登记为隐患，须按期整改"),
            width=30,
        ),
    ]

    def build(self, values, context):
        room = values["power_room"]
        values = {**values, "supply_states": parse_supply_states(values["supply_states"], room)}
        return super().build(values, context)

    def save(self, records, context):
        return record_power_rounds(context.user, records, channel=Channel.IMPORT, now=context.now)


# What an export of rounds adds to the import's columns: who recorded each round, when and how.
ROUND_EXPORT_COLUMNS = [
    *(
        xl.Text(c.key, c.header, export=supply_states_text, width=c.width) if c.key == "supply_states" else c
        for c in PowerRoundImport.columns
    ),
    xl.DateTime("recorded_at", gettext_lazy("登记时间")),
    xl.Choice("channel", gettext_lazy("登记途径"), choices=Channel),
    xl.Boolean("backfilled", gettext_lazy("补录")),
    xl.Text("recorded_by", gettext_lazy("登记人"), export="recorded_by.full_name"),
]
