"""Per skill area: how many wins, the last one and the 90-day trend (`growthdesk skills`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from growthdesk.skills.ids import SKILL_IDS
from growthdesk.skills.labels import skill_label
from growthdesk.worklog.days import COUNT, DAY, SKILLS, day_facts

__all__ = ["skill_summary", "TREND_DAYS"]

TREND_DAYS = 90


def _trend(recent: int, previous: int) -> str:
    if recent == 0 and previous == 0:
        return "none"
    if previous == 0:
        return "new"
    ratio = recent / previous
    # A 25% band counts as flat: one or two wins either way is noise, not a trend.
    if ratio >= 1.25:
        return "up"
    if ratio <= 0.8:
        return "down"
    return "flat"


def skill_summary(
    wins: Iterable[Mapping[str, Any]],
    today: date,
    lang: str = "en",
    days: int = TREND_DAYS,
    *,
    rows: Iterable[Sequence[Any]] | None = None,
) -> list[dict[str, Any]]:
    """Per area: wins, last win date, wins in the last *days* vs the *days* before, and trend.

    Sorted by number of wins (most first), then in the fixed area order. *rows*: the wins'
    day rows (worklog.days, as the month summaries keep them) instead of *wins*.
    """
    if rows is None:
        rows = day_facts(wins)["rows"]
    recent_from = today - timedelta(days=days)
    previous_from = today - timedelta(days=2 * days)
    counted: dict[str, dict[str, Any]] = {
        sid: {
            "skill": sid,
            "label": skill_label(sid, lang),
            "count": 0,
            "last": None,
            "recent": 0,
            "previous": 0,
        }
        for sid in SKILL_IDS
    }
    # ISO days compare as strings: no date objects for 25,000 wins.
    today_s, recent_s, previous_s = (
        today.isoformat(),
        recent_from.isoformat(),
        previous_from.isoformat(),
    )
    for row in rows:
        day = row[DAY]
        if len(day) != 10 or day[4] != "-" or day[7] != "-":
            continue
        n = row[COUNT]
        for sid in set(row[SKILLS]):
            found = counted.get(sid)
            if found is None:
                continue
            found["count"] += n
            if found["last"] is None or day > found["last"]:
                found["last"] = day
            if recent_s < day <= today_s:
                found["recent"] += n
            elif previous_s < day <= recent_s:
                found["previous"] += n
    order = {sid: i for i, sid in enumerate(SKILL_IDS)}
    out = sorted(counted.values(), key=lambda r: (-r["count"], order[r["skill"]]))
    for item in out:
        item["trend"] = _trend(item["recent"], item["previous"])
    return out
