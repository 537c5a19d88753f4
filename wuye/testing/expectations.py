"""The scoping rules written out by hand, role by role: what each persona may read and write.

This table is the specification the matrix tests hold visible_to / writable_by, every page and
every API endpoint to. It is written independently of the code on purpose: a change of scope
must change this table too, in the same commit, where a reviewer sees it.
"""

MODELS = [
    "enterprise",
    "licence",
    "staff",
    "post",
    "certificate",
    "employment",
    "developer",
    "project",
    "building",
    "household",
    "owner",
    "committee",
    "member",
    "contract",
    "period",
]
ENTERPRISE_RECORDS = {"licence", "staff", "post", "certificate", "employment"}
PERSONNEL = {"staff", "post", "certificate", "employment"}

EVERYTHING = set(MODELS)

# What each role reads on the inside world (包头); only the region-wide regulator and the operator
# read the outside world (呼和浩特) too.
READ_INSIDE = {
    "regulator": EVERYTHING,
    "regulator_bt": EVERYTHING,
    "admin": EVERYTHING,
    "manager": EVERYTHING,
    # Staff and committee see who works at their project, but not the labour contracts.
    "staff": EVERYTHING - {"employment"},
    "committee": EVERYTHING - {"employment"},
    # The developer and the owner see no personnel; the developer not the owner register either.
    "developer": EVERYTHING - PERSONNEL - {"owner"},
    "owner": EVERYTHING - PERSONNEL,
    "stranger": set(),
}
READ_OUTSIDE = {role: (EVERYTHING if role in ("regulator", "admin") else set()) for role in READ_INSIDE}

# Writes: the regulator keeps the registry of enterprises and estates in its division; the manager
# keeps his enterprise's records and the estates it serves now; the developer his own record.
REGULATOR_WRITES = EVERYTHING - ENTERPRISE_RECORDS
WRITE_INSIDE = {
    "regulator": REGULATOR_WRITES,
    "regulator_bt": REGULATOR_WRITES,
    "admin": EVERYTHING,
    "manager": EVERYTHING - {"developer"},
    "staff": set(),
    "committee": set(),
    "developer": {"developer"},
    "owner": set(),
    "stranger": set(),
}
WRITE_OUTSIDE = {
    role: ({"regulator": REGULATOR_WRITES, "admin": EVERYTHING}.get(role, set())) for role in WRITE_INSIDE
}


def can_read(role: str, model: str, side: str) -> bool:
    return model in (READ_INSIDE if side == "inside" else READ_OUTSIDE)[role]


def can_write(role: str, model: str, side: str) -> bool:
    return model in (WRITE_INSIDE if side == "inside" else WRITE_OUTSIDE)[role]


# Who registers new top-level records (an enterprise, a project): regulators and operators.
REGISTRY_KEEPERS = {"regulator", "regulator_bt", "admin"}

# Who may see an employee's full citizen ID number (PIPL): the employer's managers and the regulators
# over it; every such view is logged.
PII_INSIDE = {"regulator", "regulator_bt", "admin", "manager"}
PII_OUTSIDE = {"regulator", "admin"}


def can_see_id_number(role: str, side: str) -> bool:
    return role in (PII_INSIDE if side == "inside" else PII_OUTSIDE)


# Issue 9 reminders: the deadlines page is for those who answer for duties or watch them (a manager his
# enterprise's, staff their project's, a regulator its divisions'), each seeing the projects he reads; the
# weekly digests are regulators' (each reads his own).
DEADLINE_FOLLOWERS = {"regulator", "regulator_bt", "manager", "staff", "admin"}
DIGEST_READERS = {"regulator", "regulator_bt", "admin"}
