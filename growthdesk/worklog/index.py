"""What recall and `ask` need from each month, kept in the month summaries (store.summaries).

- ``recall``: every win's id and "when" in shard order with the terms recall scores it by
  (recall.win_texts). BM25 needs the whole history's statistics (number of wins, total length,
  document frequencies) but only the wins that share a term with the query: the summaries give
  all of those. Each term's postings are one string ("pos tf pos tf …"), split only for the
  query's terms: parsing 100,000 wins' postings as JSON numbers alone cost ~150 ms.
- ``texts``: every win's problem, solution and skills in shard order: what recall judges and
  shows of a candidate, so that no month shard is parsed at all (a 2,800-win shard: ~15 ms).
- ``helped``: the wins someone helped with (about one in ten), with the fields
  network.ranking.rank reads, so that `ask` need not parse every shard for its evidence.

:class:`WinIndex` answers exactly as the same functions over ``store.wins()`` would (the tests
compare both on random homes).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, Any, cast

from growthdesk.core.records import Win
from growthdesk.store import summaries
from growthdesk.worklog.recall import PROBLEM_WEIGHT, rank_hits, rank_terms, win_texts

if TYPE_CHECKING:
    from growthdesk.store import Store

__all__ = ["RECALL", "TEXTS", "HELPED", "recall_part", "texts_part", "helped_part", "WinIndex"]

RECALL = "recall"
TEXTS = "texts"
HELPED = "helped"
_HELPED_FIELDS = ("id", "when", "helped_by", "skills", "problem", "solution")


def _prefix(ids: list[Any], previous: Any, changed: AbstractSet[int] | None) -> bool:
    """Whether the month's wins start with all of *previous*'s, none touched by the commit."""
    if changed is None or not isinstance(previous, dict):
        return False
    if set(previous) != {"ids", "when", "dl", "t"}:
        return False
    n = len(previous["ids"])
    return ids[:n] == previous["ids"] and changed.isdisjoint(ids[:n])


def _known(
    previous: Any, changed: AbstractSet[int] | None
) -> dict[Any, tuple[dict[str, int], int]]:
    """id -> (weighted term frequencies, length) of the wins *previous* describes that the
    commit did not touch (nothing when it is not known what the commit touched)."""
    if changed is None or not isinstance(previous, dict):
        return {}
    if set(previous) != {"ids", "when", "dl", "t"}:
        return {}
    counts: list[dict[str, int]] = [{} for _ in previous["ids"]]
    for term, joined in previous["t"].items():
        flat = list(map(int, joined.split()))
        for pos, tf in zip(flat[::2], flat[1::2], strict=True):
            counts[pos][term] = tf
    return {
        id: (c, dl)
        for id, c, dl in zip(previous["ids"], counts, previous["dl"], strict=True)
        if id not in changed
    }


def recall_part(
    wins: Sequence[Mapping[str, Any]], previous: Any = None, changed: AbstractSet[int] | None = None
) -> dict[str, Any]:
    """One month's wins as recall scores them, in shard order: ids, "when"s, weighted lengths
    and the postings term -> "position weighted-frequency position …" (one string per term).

    Wins of *previous* the commit did not touch are not tokenised again.
    """
    ids = [w.get("id") for w in wins]
    postings: dict[str, list[int]] = {}
    lengths: list[int] = []
    start, known = 0, {}
    old: dict[str, str] = {}
    if _prefix(ids, previous, changed):  # the usual commit: a new win, the newest of its month
        old, lengths, start = previous["t"], list(previous["dl"]), len(previous["ids"])
    else:
        known = _known(previous, changed)
    for pos in range(start, len(wins)):
        win = wins[pos]
        hit = known.get(win.get("id"))
        if hit is not None:
            counts, length = hit
        else:
            p_text, s_text = win_texts(win)
            p_terms, s_terms = p_text.split(), s_text.split()
            length = PROBLEM_WEIGHT * len(p_terms) + len(s_terms)
            counts = {}
            for t in p_terms:
                counts[t] = counts.get(t, 0) + PROBLEM_WEIGHT
            for t in s_terms:
                counts[t] = counts.get(t, 0) + 1
        lengths.append(length)
        for t, tf in counts.items():
            postings.setdefault(t, []).extend((pos, tf))
    joined = dict(old)
    for t, flat in postings.items():
        more = " ".join(map(str, flat))
        joined[t] = f"{joined[t]} {more}" if t in joined else more
    return {
        "ids": ids,
        "when": [str(w.get("when") or "") for w in wins],
        "dl": lengths,
        "t": joined,
    }


_SHOWN = ("problem", "solution", "skills")


def texts_part(
    wins: Sequence[Mapping[str, Any]], previous: Any = None, changed: AbstractSet[int] | None = None
) -> list[Any]:
    """The month's wins as recall judges and shows them, in shard order: [problem, solution,
    skills] each (a win without one of those fields: a dict of the ones it has)."""
    return [
        [w["problem"], w["solution"], w["skills"]]
        if all(k in w for k in _SHOWN)
        else {k: w[k] for k in _SHOWN if k in w}
        for w in wins
    ]


def helped_part(
    wins: Sequence[Mapping[str, Any]], previous: Any = None, changed: AbstractSet[int] | None = None
) -> list[dict[str, Any]]:
    """The month's wins with a helper, only the fields the `ask` ranking reads."""
    return [{k: w[k] for k in _HELPED_FIELDS if k in w} for w in wins if w.get("helped_by")]


summaries.register(RECALL, 5, recall_part)
summaries.register(TEXTS, 1, texts_part)
summaries.register(HELPED, 1, helped_part)


class WinIndex:
    """The wins of a store, ranked from the month summaries (recall.Ranker)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._months = store.win_months()
        self._recall: list[tuple[str, dict[str, Any]]] | None = None
        self._shown_wins: dict[tuple[int, int], Win] = {}

    def _parts(self) -> list[tuple[str, dict[str, Any]]]:
        if self._recall is None:
            self._recall = [(m, self.store.summary(m, RECALL)) for m in self._months]
        return self._recall

    def __len__(self) -> int:
        return sum(len(part["ids"]) for _m, part in self._parts())

    def helped(self) -> list[Win]:
        """The wins someone helped with, oldest first (what ranking.rank uses of all wins)."""
        out: list[Win] = []
        for month in self._months:
            out.extend(cast("list[Win]", self.store.summary(month, HELPED)))
        return out

    def rank_terms(
        self, query: Sequence[str], limit: int, weights: Mapping[str, float] | None
    ) -> list[tuple[Win, float]]:
        """recall.rank_terms over every win, parsing no shard: the wins it returns hold what
        recall judges and shows (id, when, problem, solution, skills)."""
        parts = self._parts()
        if not query or limit <= 0 or not any(part["ids"] for _m, part in parts):
            return []
        qset = set(query)
        whens: list[str] = []
        hits: list[tuple[int, Mapping[str, int], float]] = []
        total = 0
        starts: list[int] = []  # global index of each month's first win
        for _month, part in parts:
            offset = len(whens)
            starts.append(offset)
            whens.extend(part["when"])
            lengths = part["dl"]
            total += sum(lengths)
            found: dict[int, dict[str, int]] = {}
            postings = part["t"]
            for t in qset:
                joined = postings.get(t)
                if not joined:
                    continue
                flat = list(map(int, joined.split()))
                for pos, tf in zip(flat[::2], flat[1::2], strict=True):
                    counts = found.get(pos)
                    if counts is None:
                        found[pos] = {t: tf}
                    else:
                        counts[t] = tf
            hits.extend((offset + pos, found[pos], float(lengths[pos])) for pos in sorted(found))
        ranked = rank_hits(query, hits, len(whens), float(total), weights, limit, whens.__getitem__)
        out: list[tuple[Win, float]] = []
        for i, score in ranked:
            k = bisect_right(starts, i) - 1
            win = self._shown(k, i - starts[k])
            if win is None:
                # Parts that passed their stamps but disagree: rank from the shards instead.
                return rank_terms(query, self.store.wins(), limit, weights)
            out.append((win, score))
        return out

    def _shown(self, k: int, pos: int) -> Win | None:
        """Win *pos* of the *k*-th month as recall judges and shows it (id, when, problem,
        solution, skills), from the parts; one object per win, as the shards' records are."""
        win = self._shown_wins.get((k, pos))
        if win is not None:
            return win
        month, part = self._parts()[k]
        rows = self.store.summary(month, TEXTS)
        if len(rows) != len(part["ids"]) or len(part["when"]) != len(part["ids"]):
            return None
        row = rows[pos]
        fields = row if isinstance(row, dict) else dict(zip(_SHOWN, row, strict=True))
        win = cast("Win", {"id": part["ids"][pos], "when": part["when"][pos], **fields})
        self._shown_wins[(k, pos)] = win
        return win
