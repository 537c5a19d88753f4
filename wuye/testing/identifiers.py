"""Valid identifiers for tests and demo data, built from our own division table (not Faker's areas).

Faker's zh_CN ID numbers often carry area codes that python-stdnum rejects; ours cannot.
"""

import datetime

from stdnum.cn import ric, uscc

# County-level codes of Inner Mongolia in force since 1983 (so valid for anyone born from 1984 on).
AREAS = [
    "150102",
    "150103",
    "150104",
    "150121",
    "150202",
    "150203",
    "150204",
    "150207",
    "150221",
    "150302",
    "150402",
    "150404",
    "152201",
    "152502",
    "152921",
]


def credit_code(serial: int, area: str = "150203", kind: str = "91") -> str:
    """An 18-character unified social credit code with a correct GB 32100 check character."""
    body = f"{kind}{area}{serial:09d}"
    return body + uscc.calc_check_digit(body)


def citizen_id(serial: int, area: str | None = None, birth: datetime.date | None = None) -> str:
    """An 18-digit citizen ID number with a correct GB 11643 check digit."""
    area = area or AREAS[serial % len(AREAS)]
    birth = birth or datetime.date(1984 + serial % 20, 1 + serial % 12, 1 + serial % 28)
    body = f"{area}{birth:%Y%m%d}{serial % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")
