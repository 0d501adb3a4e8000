"""Per skill area: how many wins, the last one and the 90-day trend (`growthdesk skills`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from growthdesk.skills.ids import SKILL_IDS
from growthdesk.skills.labels import skill_label

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
) -> list[dict[str, Any]]:
    """Per area: wins, last win date, wins in the last *days* vs the *days* before, and trend.

    Sorted by number of wins (most first), then in the fixed area order.
    """
    recent_from = today - timedelta(days=days)
    previous_from = today - timedelta(days=2 * days)
    rows: dict[str, dict[str, Any]] = {
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
    for win in wins:
        day = str(win.get("when") or "")[:10]
        if len(day) != 10 or day[4] != "-" or day[7] != "-":
            continue
        for sid in set(win.get("skills") or ()):
            row = rows.get(sid)
            if row is None:
                continue
            row["count"] += 1
            if row["last"] is None or day > row["last"]:
                row["last"] = day
            if recent_s < day <= today_s:
                row["recent"] += 1
            elif previous_s < day <= recent_s:
                row["previous"] += 1
    order = {sid: i for i, sid in enumerate(SKILL_IDS)}
    out = sorted(rows.values(), key=lambda r: (-r["count"], order[r["skill"]]))
    for row in out:
        row["trend"] = _trend(row["recent"], row["previous"])
    return out
