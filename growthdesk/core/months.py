"""Calendar months: the one month-range filter (wins are stored in month shards) and month sums.

Pure and import-free, so `growthdesk wins` and `stats` pay nothing for it.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date

__all__ = ["months_between", "add_months", "months_before", "whole_months"]


def _index(day: date) -> int:
    return day.year * 12 + day.month - 1


def months_between(
    since: date | None, until: date | None, months: Iterable[str] | None = None
) -> list[str]:
    """The "YYYY-MM" months overlapping since..until (an open end when None), in order.

    From *months* (e.g. the store's month shards of wins), or, when None, every calendar month
    from *since* to *until* (both needed then).
    """
    lo = since.isoformat()[:7] if since else ""
    hi = until.isoformat()[:7] if until else "9999-99"
    if months is None:
        if since is None or until is None:
            raise ValueError("months_between needs both ends to list calendar months")
        months = (
            f"{n // 12:04d}-{n % 12 + 1:02d}" for n in range(_index(since), _index(until) + 1)
        )
    return [m for m in months if lo <= m <= hi]


def add_months(day: date, months: int) -> date:
    """The same day *months* later (earlier when negative), clamped to a shorter month's end."""
    year, month0 = divmod(_index(day) + months, 12)
    return date(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))


def months_before(day: date, months: int) -> date:
    """The same day *months* earlier, clamped to the end of a shorter month."""
    return add_months(day, -months)


def whole_months(start: date, day: date) -> int:
    """Whole months from *start* to *day* (0 before it): "month 18 at the helpdesk"."""
    months = _index(day) - _index(start)
    if day.day < start.day:
        months -= 1
    return max(months, 0)
