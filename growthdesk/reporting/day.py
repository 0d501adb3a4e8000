"""The end-of-day summary (`stats --period day`): today's wins, minutes, target hits, areas,
kudos and learning, and what is coming up. Reads only the current month's wins."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from growthdesk.core.months import months_between
from growthdesk.core.records import Event, Kudos, LearningEntry, Win
from growthdesk.network.events import upcoming
from growthdesk.reporting.stats import day_of
from growthdesk.worklog.profile import target_of

if TYPE_CHECKING:
    from growthdesk.store import Store

__all__ = ["day_summary", "day_summary_for"]


def day_summary(
    *,
    today: date,
    wins: Sequence[Win],
    learning: Sequence[LearningEntry] = (),
    kudos: Sequence[Kudos] = (),
    events: Sequence[Event] = (),
    target_minutes: int = 15,
) -> dict[str, Any]:
    """Figures of one day (JSON-serialisable). The hit rate counts timed wins only, like the
    dashboard's: a win logged without minutes says nothing about speed."""
    day = today.isoformat()
    done = sorted(
        (w for w in wins if day_of(w) == day), key=lambda w: (str(w["when"]), int(w["id"]))
    )
    timed = [m for m in (w.get("minutes") for w in done) if m is not None]
    within = sum(1 for m in timed if m <= target_minutes)
    areas: Counter[str] = Counter(s for w in done for s in w.get("skills") or ())
    learned = sorted(
        (x for x in learning if day_of(x) == day), key=lambda x: (str(x["when"]), int(x["id"]))
    )
    thanks = sorted(
        (k for k in kudos if day_of(k) == day), key=lambda k: (str(k["when"]), int(k["id"]))
    )
    return {
        "period": "day",
        "today": day,
        "target_minutes": target_minutes,
        "wins": len(done),
        "minutes": sum(timed),
        "timed": len(timed),
        "within_target": within,
        "hit_rate": round(within / len(timed), 4) if timed else None,
        "areas": [{"skill": s, "wins": n} for s, n in sorted(areas.items(), key=_most)],
        "list": [
            {
                "id": w["id"],
                "time": str(w["when"])[11:16],
                "minutes": w.get("minutes"),
                "skills": list(w.get("skills") or []),
                "problem": w["problem"],
            }
            for w in done
        ],
        "kudos": [{"id": k["id"], "from": k.get("from"), "note": k["note"]} for k in thanks],
        "learning": [
            {
                "id": x["id"],
                "kind": x.get("kind"),
                "title": x.get("title"),
                "minutes": x.get("minutes"),
            }
            for x in learned
        ],
        "learning_minutes": sum(int(x.get("minutes") or 0) for x in learned),
        "upcoming": upcoming(events, today),
    }


def _most(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0]


def day_summary_for(store: Store, now: datetime) -> dict[str, Any]:
    """The summary of *now*'s day from the store: only this month's shard of wins is read."""
    today = now.date()
    return day_summary(
        today=today,
        wins=store.wins(months_between(today, today, store.win_months())),
        learning=store.learning(),
        kudos=store.kudos(),
        events=store.events(),
        target_minutes=target_of(store.profile()),
    )
