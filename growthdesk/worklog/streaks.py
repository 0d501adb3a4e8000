"""The one streak rule, for wins (`stats`) and learning habits (`learn list`).

Helpdesks work Monday to Friday, so a weekend day without activity neither breaks nor extends a
run; an active weekend day does count. Today being still empty does not break the current run
(the day is not over yet).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import TypedDict

__all__ = ["Run", "streaks"]


class Run(TypedDict):
    current: int  # active days in the run up to today
    longest: int
    last: str | None  # the last active day


def streaks(days: Iterable[str], today: date) -> Run:
    """Current and longest run of active days, from ISO day strings ('' is ignored)."""
    marked = {date.fromisoformat(d) for d in days if d}
    if not marked:
        return {"current": 0, "longest": 0, "last": None}
    first, last = min(marked), max(marked)
    one = timedelta(days=1)

    longest = run = 0
    day = first
    while day <= last:
        if day in marked:
            run += 1
            longest = max(longest, run)
        elif day.weekday() < 5:
            run = 0
        day += one

    current = 0
    day = today if today in marked else today - one  # today still open
    while day >= first:
        if day in marked:
            current += 1
        elif day.weekday() < 5:
            break
        day -= one
    return {"current": current, "longest": longest, "last": last.isoformat()}
