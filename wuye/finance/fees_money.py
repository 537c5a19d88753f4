"""The one fee computation (PARAMETERS.md "Money"): rate × area × months, rounded once per bill line.

Rule: the exact product of the approved rate (yuan per m² per month), the household's area (m²) and the
number of months is rounded half-up (ROUND_HALF_UP) to the fen, once, for each bill line; nothing is
rounded before that and nothing after (a bill's total is the sum of its rounded lines).
"""

from decimal import ROUND_HALF_UP, Decimal

FEN = Decimal("0.01")


def line_amount(rate: Decimal, area: Decimal, months: int) -> Decimal:
    """What a bill line of ``months`` months at ``rate`` for ``area`` m² comes to, in yuan to the fen."""
    return (Decimal(rate) * Decimal(area) * Decimal(int(months))).quantize(FEN, rounding=ROUND_HALF_UP)


def plain(value) -> str:
    """A decimal as people write it, without trailing zeros or exponent: 10.00 → "10", 1.8500 → "1.85"."""
    return f"{Decimal(value).normalize():f}"
