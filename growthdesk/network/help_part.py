"""Who helped you, on what and when last, per month, kept in the month summaries.

Part ``helpers`` of a month (store.summaries) is ``[[contact id, wins helped, {skill: wins},
last day helped], …]`` by contact id: the month's help history (network.graph._help_history)
as JSON. A history over several months is the sum of theirs (counts add up, the last day is
the latest), so the network picture in the review reads a few hundred small rows instead of
every win ever logged; :func:`history_of` gives the same dict as _help_history over the wins.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, Any, cast

from growthdesk.core.records import Win
from growthdesk.network.graph import _help_history
from growthdesk.store import summaries

if TYPE_CHECKING:
    from growthdesk.store import Store

__all__ = ["HELPERS", "helpers_part", "history_of", "store_history"]

HELPERS = "helpers"


def helpers_part(
    wins: Sequence[Mapping[str, Any]], previous: Any = None, changed: AbstractSet[int] | None = None
) -> list[list[Any]]:
    """One month's rows (rebuilt whole: one pass over the month, about one win in ten helped)."""
    history = _help_history(cast("Sequence[Win]", wins))
    return [
        [cid, entry["helped"], entry["helped_skills"], entry["last_helped"]]
        for cid, entry in sorted(history.items())
    ]


def history_of(parts: Iterable[Sequence[Sequence[Any]]]) -> dict[int, dict[str, Any]]:
    """The help history (as network.graph._help_history gives it) of several months' rows."""
    out: dict[int, dict[str, Any]] = {}
    for rows in parts:
        for cid, helped, skills, last in rows:
            entry = out.setdefault(int(cid), {"helped": 0, "helped_skills": {}, "last_helped": ""})
            entry["helped"] += helped
            counts = entry["helped_skills"]
            for skill, n in skills.items():
                counts[skill] = counts.get(skill, 0) + n
            if last > entry["last_helped"]:
                entry["last_helped"] = last
    return out


def store_history(store: Store) -> dict[int, dict[str, Any]]:
    """The help history of every win in *store*, from the month summaries."""
    return history_of(store.summary(month, HELPERS) for month in store.win_months())


summaries.register(HELPERS, 1, helpers_part)
