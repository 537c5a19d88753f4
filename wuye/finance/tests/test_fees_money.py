"""The one fee computation: exact, rounded half-up to the fen once per line (property-based)."""

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given
from hypothesis import strategies as st

from wuye.finance.fees_money import line_amount

rates = st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("50"), places=4)
areas = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999.99"), places=2)
months = st.integers(min_value=1, max_value=24)


def test_worked_example():
    # 1.85 × 89.37 × 1 = 165.3345 → 165.33; × 3 = 496.0035 → 496.00 (not 3 × 165.33 = 495.99).
    assert line_amount(Decimal("1.85"), Decimal("89.37"), 1) == Decimal("165.33")
    assert line_amount(Decimal("1.85"), Decimal("89.37"), 3) == Decimal("496.00")


def test_half_a_fen_rounds_up():
    assert line_amount(Decimal("0.005"), Decimal("1"), 1) == Decimal("0.01")
    assert line_amount(Decimal("0.0049"), Decimal("1"), 1) == Decimal("0.00")


@given(rates, areas, months)
def test_exact_to_the_fen_and_within_half_a_fen(rate, area, n):
    amount = line_amount(rate, area, n)
    exact = rate * area * n
    assert amount == amount.quantize(Decimal("0.01"))
    assert abs(amount - exact) <= Decimal("0.005")
    assert amount == exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@given(rates, areas, months, months)
def test_months_add_up_to_within_a_fen_per_line(rate, area, a, b):
    # Rounding once per line: two bills may differ from one bill of both periods by at most one fen.
    assert abs(
        line_amount(rate, area, a) + line_amount(rate, area, b) - line_amount(rate, area, a + b)
    ) <= Decimal("0.01")


@given(rates, areas, months)
def test_monotonic_in_area(rate, area, n):
    assert line_amount(rate, area + Decimal("0.01"), n) >= line_amount(rate, area, n)
