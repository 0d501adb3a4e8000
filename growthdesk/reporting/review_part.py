"""What the review's notable wins need of each month, kept in the month summaries.

The review (reporting.review) counts from the day rows (worklog.days), but its notable wins
(the longest, the hardest and the escalations avoided) and two counts are about single wins.
Part ``review`` of a month (store.summaries) holds them::

    {"ids": [id, …], "counts": [with solution, also in plain words, escalations avoided],
     "pool": [[pos, id, when, minutes, skills, problem, avoided], …]}

``ids`` are the month's wins in shard order (for the kudos that name a win); ``pool`` holds
the only wins of the month that can be picked, whatever the review's window (made of whole
months) and whatever the other months hold, in shard order (*pos*):

- the 3 longest, the 3 longest escalations avoided (their lists are top 3 of the window's);
- per combination of skills, the 6 longest: "hardest" scores a win by its rarest area and
  its minutes, so within one combination more minutes score more, and the window's 3 longest
  are left out of it: 3 + 3;
- the 6 first timed wins with a skill: when one area is all the work, every score is 0 and
  the first wins win;
- wins of more than ``HUGE`` minutes: beyond it two durations can score the same float.

A selection is a top-k of the wins one filter lets through, so a month's pool keeps, of any
set of its wins, the picks (see :func:`reduce`), and the review of a window picks exactly what
a pass over all its wins picks. A month the window cuts is read from its shard, through the
same :func:`review_facts`. A commit that only appends wins to a month merges their facts into
the previous part (:func:`merge` then :func:`reduce`), which builds the same part.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import Any, TypedDict

from growthdesk.store import summaries

__all__ = [
    "REVIEW",
    "SECOND_LINE_SKILLS",
    "AVOIDED_TAGS",
    "HUGE",
    "ReviewFacts",
    "avoided",
    "review_facts",
    "reduce",
    "merge",
    "review_part",
    "pool_wins",
]

REVIEW = "review"
POS, ID, WHEN, MINUTES, SKILLS, PROBLEM, AVOIDED = range(7)
SOLVED, PLAIN, AVOIDED_COUNT = range(3)
# "hardest" candidates kept per skill combination: the 3 shown plus the 3 longest left out.
_PER_GROUP = 6
# Above this many minutes log1p(m) and log1p(m + 1) can round to one float (two durations
# score alike, then the earlier win ranks first): such wins are always kept.
HUGE = 10**12

# Areas a first-line desk usually hands to second line (infrastructure, network, cloud, security,
# data, scripting). Solving one yourself, not escalated, is an escalation avoided.
SECOND_LINE_SKILLS = frozenset(
    {
        "network_connectivity",
        "remote_access",
        "server_infrastructure",
        "cloud_platforms",
        "security_incidents",
        "data_reporting",
        "scripting_automation",
    }
)
AVOIDED_TAGS = frozenset({"escalation-avoided", "no-escalation", "niet-geescaleerd"})


class ReviewFacts(TypedDict):
    ids: list[Any]  # the wins' ids, in order
    counts: list[int]  # [with a solution, also explained in plain words, escalations avoided]
    pool: list[list[Any]]  # [pos, id, when, minutes, skills, problem, avoided]


def avoided(win: Mapping[str, Any]) -> bool:
    """Solved yourself in a second-line area (or tagged so), not escalated."""
    return not win.get("escalated") and bool(
        SECOND_LINE_SKILLS.intersection(win.get("skills") or ())
        or AVOIDED_TAGS.intersection(win.get("tags") or ())
    )


def review_facts(wins: Sequence[Mapping[str, Any]]) -> ReviewFacts:
    """The facts of *wins* (in the order the review reads them), every win in the pool."""
    pool: list[list[Any]] = []
    solved = plain = n_avoided = 0
    for pos, w in enumerate(wins):
        is_avoided = avoided(w)
        if w.get("solution"):
            solved += 1
            if w.get("solution_plain"):
                plain += 1
        n_avoided += is_avoided
        pool.append(
            [
                pos,
                w.get("id"),
                str(w.get("when") or ""),
                w.get("minutes"),
                list(w.get("skills") or ()),
                str(w.get("problem") or ""),
                is_avoided,
            ]
        )
    return {
        "ids": [w.get("id") for w in wins],
        "counts": [solved, plain, n_avoided],
        "pool": pool,
    }


def reduce(facts: ReviewFacts) -> ReviewFacts:
    """*facts* with only the wins that any window can pick in the pool (module docstring)."""
    pool = facts["pool"]
    timed = [e for e in pool if e[MINUTES] is not None]
    keep: set[int] = set()
    keep.update(
        e[POS]
        for e in heapq.nsmallest(3, timed, key=lambda e: (-(e[MINUTES] or 0), e[WHEN], e[ID] or 0))
    )
    keep.update(
        e[POS]
        for e in heapq.nsmallest(
            3, (e for e in pool if e[AVOIDED]), key=lambda e: (-int(e[MINUTES] or 0), e[WHEN])
        )
    )
    groups: dict[tuple[Any, ...], list[list[Any]]] = {}
    skilled = [e for e in timed if e[SKILLS]]
    for e in skilled:
        groups.setdefault(tuple(e[SKILLS]), []).append(e)
        if int(e[MINUTES]) > HUGE:
            keep.add(e[POS])
    for group in groups.values():
        keep.update(
            e[POS]
            for e in heapq.nsmallest(
                _PER_GROUP, group, key=lambda e: (-int(e[MINUTES]), e[WHEN], e[ID] or 0)
            )
        )
    keep.update(
        e[POS] for e in heapq.nsmallest(_PER_GROUP, skilled, key=lambda e: (e[WHEN], e[ID] or 0))
    )
    return {
        "ids": facts["ids"],
        "counts": facts["counts"],
        "pool": [e for e in pool if e[POS] in keep],
    }


def merge(parts: Iterable[ReviewFacts]) -> ReviewFacts:
    """The facts of several runs of wins as one, in the order given (positions follow on)."""
    ids: list[Any] = []
    counts = [0, 0, 0]
    pool: list[list[Any]] = []
    for part in parts:
        offset = len(ids)
        ids.extend(part["ids"])
        counts = [a + b for a, b in zip(counts, part["counts"], strict=True)]
        pool.extend([e[POS] + offset, *e[POS + 1 :]] for e in part["pool"])
    return {"ids": ids, "counts": counts, "pool": pool}


def _well_formed(part: Any) -> bool:
    return (
        isinstance(part, dict)
        and set(part) == {"ids", "counts", "pool"}
        and isinstance(part["ids"], list)
        and isinstance(part["pool"], list)
        and isinstance(part["counts"], list)
        and len(part["counts"]) == 3
    )


def review_part(
    wins: Sequence[Mapping[str, Any]], previous: Any = None, changed: AbstractSet[int] | None = None
) -> ReviewFacts:
    """One month's part. When the commit appended wins after *previous*'s untouched ones (the
    usual `log`), only the new wins are read."""
    if changed is not None and _well_formed(previous):
        n = len(previous["ids"])
        head = [w.get("id") for w in wins[:n]]
        if len(wins) >= n and head == previous["ids"] and changed.isdisjoint(head):
            return reduce(merge([previous, review_facts(wins[n:])]))
    return reduce(review_facts(wins))


def pool_wins(facts: ReviewFacts) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(the pool's wins, those of them that avoided an escalation), in order, as records with
    the fields the review reads and shows: id, when, minutes, skills, problem."""
    wins: list[dict[str, Any]] = []
    avoided_wins: list[dict[str, Any]] = []
    for e in facts["pool"]:
        win = {
            "id": e[ID],
            "when": e[WHEN],
            "minutes": e[MINUTES],
            "skills": e[SKILLS],
            "problem": e[PROBLEM],
        }
        wins.append(win)
        if e[AVOIDED]:
            avoided_wins.append(win)
    return wins, avoided_wins


summaries.register(REVIEW, 1, review_part)
