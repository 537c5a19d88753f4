"""Template helpers of the public page."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def rate(value: Decimal | None) -> str:
    """A rate (元/㎡·月, stored with 4 places) as a notice writes it: at least 2 places, no trailing zeros
    beyond them (1.4000 → 1.40, 1.4525 → 1.4525)."""
    if value is None:
        return ""
    whole, _dot, places = f"{value:.4f}".partition(".")
    return f"{whole}.{places.rstrip('0').ljust(2, '0')}"
