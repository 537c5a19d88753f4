"""The default two-level account tree of the half-year statements (1.6), as data.

Codes after the usual chart of a property company: 4xxx income, 5xxx expense; level 2 adds ".NN".
``ensure_default_accounts`` loads it once (idempotent); projects add level-2 accounts of their own.
"""

from django.db import transaction

from wuye.finance.choices_statements import AccountKind

INCOME, EXPENSE = AccountKind.INCOME, AccountKind.EXPENSE

DEFAULT_TREE = [
    ("4001", "物业服务费收入", INCOME, [("01", "住宅物业服务费"), ("02", "非住宅物业服务费")]),
    (
        "4002",
        "公共收益",
        INCOME,
        [("01", "广告收入"), ("02", "公共用房出租收入"), ("03", "通信设施场地收入")],
    ),
    ("4003", "停车收入", INCOME, [("01", "地面车位租金"), ("02", "临时停车费")]),
    ("4004", "其他收入", INCOME, [("01", "有偿服务收入"), ("02", "其他")]),
    ("5001", "人员费用", EXPENSE, [("01", "工资"), ("02", "社会保险和住房公积金"), ("03", "福利费")]),
    ("5002", "公共设施维护", EXPENSE, [("01", "电梯维护"), ("02", "消防设施维护"), ("03", "给排水设施维护")]),
    ("5003", "绿化", EXPENSE, [("01", "绿化养护"), ("02", "苗木补种")]),
    ("5004", "保洁", EXPENSE, [("01", "保洁服务"), ("02", "垃圾清运")]),
    ("5005", "秩序维护", EXPENSE, [("01", "门岗与巡逻"), ("02", "监控设备运行")]),
    ("5006", "行政办公", EXPENSE, [("01", "办公费"), ("02", "水电费")]),
    ("5007", "其他支出", EXPENSE, [("01", "税费"), ("02", "其他")]),
]


@transaction.atomic
def ensure_default_accounts() -> None:
    """Create the default tree's accounts that are missing (project None); a no-op once loaded."""
    from wuye.finance.models import Account

    existing = set(Account.objects.filter(project=None).values_list("code", flat=True))
    if len(existing) >= sum(1 + len(children) for *_rest, children in DEFAULT_TREE):
        return
    for position, (code, name, kind, children) in enumerate(DEFAULT_TREE):
        parent, _created = Account.objects.get_or_create(
            project=None, code=code, defaults={"name": name, "kind": kind, "position": position * 100}
        )
        for offset, (suffix, child) in enumerate(children, start=1):
            Account.objects.get_or_create(
                project=None,
                code=f"{code}.{suffix}",
                defaults={"name": child, "kind": kind, "parent": parent, "position": position * 100 + offset},
            )
