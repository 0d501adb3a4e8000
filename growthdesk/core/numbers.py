"""Numbers as the reader's language writes them: '2.5' and '3,116' in English, '2,5' and
'3.116' in Dutch. Percentages, hours and ratios shown anywhere go through here."""

from __future__ import annotations

from growthdesk.core.i18n import _, language

__all__ = ["decimal", "integer", "percent", "share", "hours"]


def _dutch() -> bool:
    return language() == "nl"


def _swap(text: str) -> str:
    """'3,116.5' -> '3.116,5'."""
    return text.translate(str.maketrans(",.", ".,")) if _dutch() else text


def decimal(value: float, places: int = 1, *, grouping: bool = False) -> str:
    """*value* with *places* decimals: '2.5' / '2,5'; with *grouping*, '3,116.5' / '3.116,5'."""
    return _swap(f"{value:,.{places}f}" if grouping else f"{value:.{places}f}")


def integer(value: int) -> str:
    """'3,116' / '3.116'."""
    return _swap(f"{value:,}")


def percent(value: float | None, *, small: bool = False, none: str = "-") -> str:
    """'42%', or *none* for no value. With *small*, a share under 9.5% keeps a decimal
    ('2.9%' / '2,9%'), or "2.9% -> 3%" would read "3% -> 3%"."""
    if value is None:
        return none
    return _swap(f"{value:.1%}" if small and 0 < value < 0.095 else f"{value:.0%}")


def share(value: float) -> str:
    """A share as people read it: '36%', '2.5%', '0.5%' (never '0%' for something non-zero)."""
    if value <= 0:
        return "0%"
    return _swap(f"{value:.0%}" if value >= 0.095 else f"{value:.1%}")


def hours(minutes: float) -> str:
    """Minutes as hours with one decimal: '1.5 h' / '1,5 u'."""
    return _("{n} h", n=decimal(minutes / 60))
