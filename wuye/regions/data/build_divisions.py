"""Rebuild divisions.csv from python-stdnum's copy of GB/T 2260 (stdnum/cn/loc.dat).

Run by hand when stdnum's data changes: ``python wuye/regions/data/build_divisions.py``.
The CSV is committed so that the migration that loads it never depends on an installed version.
Only codes in force today are kept: a name whose last dated segment is closed ("[1983-1999]郊区")
was retired, and the "市辖区" placeholders (xxxx01) are not divisions anyone is bound to.
"""

import csv
import re
from pathlib import Path

import stdnum

PROVINCE = "15"
SEGMENT = re.compile(r"^\[(?P<start>\d*)-(?P<end>\d*)\](?P<name>.+)$")


def current_name(raw: str) -> str | None:
    last = raw.split(",")[-1]
    match = SEGMENT.match(last)
    if not match:
        return last
    return None if match["end"] else match["name"]


def divisions():
    text = (Path(stdnum.__file__).parent / "cn" / "loc.dat").read_text(encoding="utf-8")
    inside = False
    for line in text.splitlines():
        if not line.startswith(" "):
            inside = line.startswith(PROVINCE + " ")
            continue
        if not inside:
            continue
        suffix, _, rest = line.strip().partition(" ")
        name = current_name(re.search(r'county="([^"]*)"', rest)[1])
        code = PROVINCE + suffix
        if name is None or (code.endswith("01") and name == "市辖区"):
            continue
        if code.endswith("0000"):
            yield code, name, "province", ""
        elif code.endswith("00"):
            yield code, name, "league", PROVINCE + "0000"
        else:
            yield code, name, "county", code[:4] + "00"


def main():
    rows = sorted(divisions())
    out = Path(__file__).with_name("divisions.csv")
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["code", "name", "level", "parent"])
        writer.writerows(rows)
    print(f"{len(rows)} divisions written to {out}")


if __name__ == "__main__":
    main()
