"""Repeat-problem clusters that can be carried forward: the state of stats.repeat_problems.

The clustering is a pass over the wins oldest first, in which each win joins the cluster whose
first win's words are most similar, or starts one. What a win does depends only on the wins
before it, so the state after a month is all that later months need: :class:`Clusters` holds
it (per primary area: each cluster's first words, its members' ids, words, minutes and latest
texts), takes more keys with :meth:`Clusters.add`, and comes back from JSON
(:meth:`Clusters.to_json`, :meth:`Clusters.from_json`) as the same state. The store keeps it
for every month but the newest (``store.chains``), so ``stats --period all`` clusters one
month, not the whole history; ``repeat_problems`` over all the keys at once goes through the
same class, so both ways give the same clusters.

The JSON is laid out for the reader, who shows five clusters and adds the newest months:
per area, the clusters' figures as short rows, and each cluster's members (ids, word counts,
latest texts) as one string, parsed only for a cluster that is shown (``_members``); new
members are kept apart until then. It also carries the matches of the last month's word
sets (``_Group.seen_as``) against the clusters as they are, so that the same problems coming
back in the newest months are not searched for again, and the word order (``rank``) of the
words in the clusters' first wins only: a word seen once and never a first win's is taken
as new when it comes back, which only orders the prefix filter (the result is exact for any
order). All of it is a function of the keys folded, month by month, so a state read back and
folded further writes what a fold from the first month writes.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any

import orjson

from growthdesk.core.text import tokens
from growthdesk.reporting.repeats import (
    CONCEPTS,
    ID,
    MINUTES,
    PROBLEM,
    REPEATS,
    SKILL,
    WHEN,
    WORDS,
    words_of,
)
from growthdesk.store import chains, summaries
from growthdesk.worklog.days import DAYS, fold_facts

__all__ = ["Clusters", "History", "TITLE_FROM", "THRESHOLD"]

THRESHOLD = 0.6
# A cluster's example title is the most common wording among its latest members: the wording
# agents use now, and a bounded amount of scrubbing (every text of a cluster of 1,200 wins cost
# 0.7 s of `stats --period all` at 100,000 wins, bench/bench_scale.py).
TITLE_FROM = 50
# A remembered match is checked against at most this many newer clusters (else searched anew).
_RECHECK = 16
# Words in the one order of the prefix filter (Clusters.order).
_Order = Callable[[frozenset[str]], list[str]]

# One cluster: [first when, first problem, count, last when, minutes, latest problem, ids,
#               word counts, latest texts, packed, pending]. Its members are those "packed"
#               holds while it is a string (ids, word counts and latest texts as read from the
#               chain, else those of the three lists before it), then the keys "pending" holds:
#               only a cluster that is shown or written needs them (see _members).
(
    _FIRST,
    _FIRST_TEXT,
    _COUNT,
    _LAST,
    _MINUTES,
    _LATEST,
    _IDS,
    _WORDS,
    _TEXTS,
    _PACKED,
    _PENDING,
) = range(11)
_FIGURES = _IDS  # the leading slots written as a cluster's row


class _Group:
    """The clusters of one primary area."""

    __slots__ = ("reps", "info", "index", "exact", "vocab", "seen_as")

    def __init__(self) -> None:
        self.reps: list[frozenset[str]] = []
        self.info: list[list[Any]] = []
        self.index: dict[str, list[int]] = {}
        self.exact: dict[frozenset[str], int] = {}
        self.vocab: set[str] = set()
        # The similarity to a cluster depends only on the words it shares and the number of
        # words: (words also in some first win, size) -> (best, its similarity, clusters then).
        # Later clusters are the only ones that can do better, so only they are checked again.
        self.seen_as: dict[tuple[frozenset[str], int], tuple[int, float, int]] = {}

    def start(self, toks: frozenset[str], order: _Order, threshold: float) -> int:
        cid = len(self.reps)
        self.reps.append(toks)
        self.exact[toks] = cid
        self.vocab.update(toks)
        n = len(toks)
        ordered = order(toks)
        for tok in ordered[: n - math.ceil(threshold * n) + 1]:
            self.index.setdefault(tok, []).append(cid)
        return cid

    def best(self, toks: frozenset[str], order: _Order, threshold: float) -> int:
        """The cluster *toks* joins (Jaccard >= *threshold* with its first words, ties to the
        oldest), or -1."""
        # Same words as a cluster's first win: similarity 1, so that cluster is the best match
        # (no two clusters share a first win's words). Repeats are common, so this saves a lot.
        best = self.exact.get(toks, -1)
        if best >= 0:
            return best
        n = len(toks)
        shape = (toks & self.vocab, n)
        known = self.seen_as.get(shape)
        reps = self.reps
        if known is not None and len(reps) - known[2] <= _RECHECK:
            best, best_sim, _count = known
            candidates: Iterable[int] = range(known[2], len(reps))
        else:
            # Prefix filtering (Bayardo et al., WWW 2007): with every set ordered by one fixed
            # order, two sets with Jaccard >= t share a word among the first n - ceil(t*n) + 1
            # of either, so only those words are indexed and probed. The result is exact.
            best, best_sim = -1, 0.0
            ordered = order(toks)
            seen: set[int] = set()
            for tok in ordered[: n - math.ceil(threshold * n) + 1]:
                seen.update(self.index.get(tok, ()))
            candidates = sorted(seen)
        for cid in candidates:
            rep = reps[cid]
            m = len(rep)
            if min(m, n) < threshold * max(m, n):  # Jaccard <= min/max of the sizes
                continue
            common = len(rep & toks)
            sim = common / (m + n - common)
            if sim >= threshold and (sim > best_sim or (sim == best_sim and cid < best)):
                best, best_sim = cid, sim
        self.seen_as[shape] = (best, best_sim, len(reps))
        return best


class Clusters:
    """The repeat-problem clusters of some wins, oldest first; more can be added."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self.groups: dict[str, _Group] = {}
        # One order of the words, rarest first as far as seen: the prefix filter needs every
        # set ordered the same way, so a word's place never changes while a first win has it.
        # Words first seen later are taken as rarer than all before (they usually are).
        self.rank: dict[str, int] = {}
        self.last: tuple[str, int] = ("", 0)  # (when, id) of the latest key taken
        # The keys and word sets of the latest add (their matches are kept, see to_json);
        # None: the matches read by from_json (self.seen), taken over as they are.
        self.recent: list[tuple[Sequence[Any], frozenset[str]]] | None = []
        self.seen: dict[str, list[list[Any]]] = {}  # the matches read by from_json
        self.pruned = True  # whether rank holds only the words of the clusters' first wins
        self.low = 0  # below every rank given (see order)

    def _ranked(self, keys: Sequence[tuple[Sequence[Any], frozenset[str]]]) -> None:
        df = Counter(t for _key, toks in keys for t in toks if t not in self.rank)
        start = min(self.rank.values(), default=0)
        for i, t in enumerate(sorted(df, key=lambda t: (-df[t], t)), 1):
            self.rank[t] = start - i
        self.low = min(self.low, start - len(df))

    def order(self, toks: frozenset[str]) -> list[str]:
        """*toks* in the order of the prefix filter; a word without a place yet gets one
        after all others (those of one set by spelling, so the order never depends on a
        set's iteration order)."""
        rank = self.rank
        missing = [t for t in toks if t not in rank]
        if missing:
            for t in sorted(missing):
                self.low -= 1
                rank[t] = self.low
        return sorted(toks, key=rank.__getitem__)

    def add(self, keys: Iterable[Sequence[Any]], *, ranked: bool = True) -> None:
        """Take repeat keys (reporting.repeats) newer than every key taken so far.

        *ranked*: give the new words their places rarest first, before any is clustered: the
        prefix filter's best order, for a state that is kept (the chain's) or a whole history.
        Else a word gets its place when a search first needs it, as for the newest months
        clustered on top of the chain, where most word sets have a kept match and never need
        one (bench/bench_scale.py, `stats --period all`). The clusters are the same either
        way: the filter is exact in any one order."""
        ordered = sorted(keys, key=lambda k: (k[WHEN], k[ID] or 0))
        if ordered and (ordered[0][WHEN], ordered[0][ID] or 0) < self.last:
            raise ValueError("repeat keys must come oldest first")
        self._prune()
        self.pruned = False
        # English concepts, so the Dutch and English wordings of one problem count as one.
        items = [(k, frozenset(words_of(k[CONCEPTS]))) for k in ordered]
        items = [(k, toks) for k, toks in items if toks]
        if ranked:
            self._ranked(items)
        else:
            self.low = min(self.rank.values(), default=0)
        threshold, order = self.threshold, self.order
        self.recent = items
        for key, toks in items:
            group = self.groups.get(key[SKILL])
            if group is None:
                group = self.groups[key[SKILL]] = _Group()
            cid = group.best(toks, order, threshold)
            if cid < 0:
                cid = group.start(toks, order, threshold)
                group.info.append([key[WHEN], key[PROBLEM], 0, "", 0, "", [], {}, [], None, []])
            info = group.info[cid]
            info[_COUNT] += 1
            info[_LAST] = key[WHEN]
            if key[MINUTES] is not None:
                info[_MINUTES] += key[MINUTES]
            info[_LATEST] = key[PROBLEM]
            info[_PENDING].append(key)
        if ordered:
            self.last = (ordered[-1][WHEN], ordered[-1][ID] or 0)

    def results(
        self, *, min_size: int = 3, top: int | None = 5, names: Iterable[str] = ()
    ) -> list[dict[str, Any]]:
        """Clusters of at least *min_size* wins, largest first (then the most recent)."""
        heads: list[tuple[tuple[int, int], str, int]] = []
        for skill, group in self.groups.items():
            for cid, info in enumerate(group.info):
                if info[_COUNT] >= min_size:
                    heads.append(((-info[_COUNT], _neg_day(info[_LAST][:10])), skill, cid))
        if top is not None and len(heads) > top:
            # Shown in the order (count, last day, label): only clusters up to the top-th
            # (count, last day) can be among them, so only theirs are described (a label
            # reads the members, kept packed until then).
            cut = sorted(h for h, _skill, _cid in heads)[max(top, 1) - 1]
            heads = [h for h in heads if h[0] <= cut]
        found = [
            _describe(skill, self.groups[skill].info[cid], self.groups[skill].reps[cid])
            for _head, skill, cid in heads
        ]
        found.sort(key=lambda c: (-c["count"], _neg_day(c["last"]), c["label"]))
        shown = found[:top] if top is not None else found
        from growthdesk.assist.titles import example_title  # the names scrubber loads its data

        names = list(names)
        for cluster in shown:
            cluster["title"] = example_title(cluster.pop("_texts"), names)
        return shown

    def settle(self) -> None:
        """Take the pending keys into every cluster's members (see _members)."""
        for group in self.groups.values():
            for info in group.info:
                if info[_PENDING]:
                    _members(info)

    def _prune(self) -> None:
        """Forget the order of words no cluster's first win has (done between the adds, so a
        state read back folds on as the one kept in memory; see the module docstring)."""
        if self.pruned:
            return
        vocab: set[str] = set()
        for group in self.groups.values():
            vocab |= group.vocab
        self.rank = {t: r for t, r in self.rank.items() if t in vocab}
        self.pruned = True

    def _matches(self) -> dict[str, list[list[Any]]]:
        """Per area: [words also in some first win, size, best, similarity] of every word set
        of the latest add, against the clusters as they are now (what seen_as keeps)."""
        if self.recent is None:
            return self.seen
        sets: dict[str, set[frozenset[str]]] = {}
        for key, toks in self.recent:
            sets.setdefault(key[SKILL], set()).add(toks)
        out: dict[str, list[list[Any]]] = {}
        for skill, found_sets in sets.items():
            group = self.groups[skill]
            # Word sets alike as far as first wins have their words match alike: one row each.
            rows: dict[tuple[frozenset[str], int], tuple[int, float]] = {}
            for toks in found_sets:
                cid = group.best(toks, self.order, self.threshold)
                shape = (toks & group.vocab, len(toks))
                if group.exact.get(toks) == cid:
                    rows[shape] = (cid, 1.0)
                else:
                    known = group.seen_as[shape]
                    rows[shape] = (known[0], known[1])
            out[skill] = sorted([sorted(k[0]), k[1], *v] for k, v in rows.items())
        return out

    def to_json(self) -> dict[str, Any]:
        seen = self.seen = self._matches()
        self.recent = None  # they are worked out: rank may now lose the words they need
        self._prune()
        return {
            "t": self.threshold,
            "last": list(self.last),
            "rank": sorted(self.rank, key=self.rank.__getitem__),
            "groups": {
                skill: {
                    "reps": [sorted(rep) for rep in g.reps],
                    "rows": [info[:_FIGURES] for info in g.info],
                    "members": [_packed(info) for info in g.info],
                    "seen": seen.get(skill, []),
                }
                for skill, g in self.groups.items()
            },
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Clusters:
        state = cls(float(data["t"]))
        state.last = (str(data["last"][0]), int(data["last"][1]))
        state.rank = {t: i - len(data["rank"]) for i, t in enumerate(data["rank"])}
        state.recent = None
        for skill, stored in data["groups"].items():
            group = state.groups[skill] = _Group()
            for rep, row, packed in zip(
                stored["reps"], stored["rows"], stored["members"], strict=True
            ):
                group.start(frozenset(rep), state.order, state.threshold)
                group.info.append([*row, [], {}, [], packed, []])
            count = len(group.reps)
            for toks, n, best, sim in stored["seen"]:
                group.seen_as[(frozenset(toks), int(n))] = (int(best), float(sim), count)
            state.seen[skill] = stored["seen"]
        return state


def _members(info: list[Any]) -> None:
    """A cluster's members in its three lists: unpacked, and its pending keys taken."""
    packed = info[_PACKED]
    if packed is not None:
        info[_IDS], info[_WORDS], info[_TEXTS] = orjson.loads(packed)
        info[_PACKED] = None
    pending = info[_PENDING]
    if not pending:
        return
    ids, counts, texts = info[_IDS], info[_WORDS], info[_TEXTS]
    for key in pending:
        ids.append(key[ID])
        for w in words_of(key[WORDS]):
            counts[w] = counts.get(w, 0) + 1
        texts.append(key[PROBLEM])
    del texts[:-TITLE_FROM]
    pending.clear()


def _packed(info: list[Any]) -> str:
    """A cluster's members as one JSON string (as read, when nothing was added)."""
    packed = info[_PACKED]
    if packed is not None and not info[_PENDING]:
        return str(packed)
    _members(info)
    return orjson.dumps([info[_IDS], info[_WORDS], info[_TEXTS]]).decode()


def _describe(skill: str, info: list[Any], rep: frozenset[str]) -> dict[str, Any]:
    _members(info)
    # The label is the words most members share, in the order the first problem used them.
    order = {t: i for i, t in enumerate(tokens(info[_FIRST_TEXT]))}
    count = info[_COUNT]
    shared = [t for t, n in info[_WORDS].items() if n * 2 > count]
    shared.sort(key=lambda t: (order.get(t, len(order)), t))
    return {
        "skill": skill,
        "label": " ".join(shared) if shared else " ".join(sorted(rep)),
        "count": count,
        "first": info[_FIRST][:10],
        "last": info[_LAST][:10],
        "minutes": info[_MINUTES],
        "example": info[_LATEST],
        "ids": list(info[_IDS]),
        "_texts": list(info[_TEXTS]),
    }


def _neg_day(day: str) -> int:
    return -date.fromisoformat(day).toordinal() if day else 0


class History:
    """The clusters of every win of some months, and of those logged for someone (repeat
    calls): what the store's chain ``repeats`` keeps of all months but the newest (beside
    their day facts, worklog.days.fold_facts)."""

    def __init__(self, every: Clusters | None = None, asked: Clusters | None = None) -> None:
        self.every = every or Clusters()
        self.asked = asked or Clusters()
        self.asked_count = 0  # keys of wins logged for someone taken, clustered or not
        self.requesters: set[str] = set()  # whom they were logged for (scrubbed from titles)

    def add(self, keys: Sequence[Sequence[Any]], asked: Iterable[Sequence[Any]]) -> None:
        """Take the repeat keys of a month and its ``[id, requester]`` pairs (worklog.days)."""
        # A win without a day is outside every window (stats filters keys by day).
        keys = [k for k in keys if k[WHEN][:10]]
        requester = {a[0]: str(a[1]) for a in asked}
        chosen = [k for k in keys if k[ID] in requester]
        self.every.add(keys)
        self.asked.add(chosen)
        # A fold over every month must not hold every month's keys until it is written.
        self.every.settle()
        self.asked.settle()
        self.asked_count += len(chosen)
        self.requesters.update(requester[k[ID]] for k in chosen)

    def to_json(self) -> dict[str, Any]:
        return {
            "every": self.every.to_json(),
            "asked": self.asked.to_json(),
            "n": self.asked_count,
            "who": sorted(self.requesters),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> History:
        out = cls(Clusters.from_json(data["every"]), Clusters.from_json(data["asked"]))
        out.asked_count = int(data["n"])
        out.requesters = set(data["who"])
        return out


class _Chained:
    """What chain ``repeats`` keeps: the clusters (History) and the day facts (worklog.days)
    of every month folded, for `stats --period all`."""

    __slots__ = ("history", "days")

    def __init__(self, history: History, days: Any) -> None:
        self.history = history
        self.days = days


def _fold(state: Any, month: str, part: Callable[[str], Any]) -> Any:
    if isinstance(state, dict):
        state = _Chained(History.from_json(state), state["days"])
    elif state is None:
        state = _Chained(History(), None)
    facts = part(DAYS)
    state.history.add(part(REPEATS), facts["asked"])
    state.days = fold_facts(state.days, facts)
    return state


def _dump(state: Any) -> Any:
    if isinstance(state, _Chained):
        return {**state.history.to_json(), "days": state.days}
    return state


def _version() -> str:
    # The chain folds the parts "repeats" and "days": a new version of either is a new chain.
    parts = f"{summaries.builder(REPEATS)[0]}|{summaries.builder(DAYS)[0]}"
    return "4" + hashlib.sha256(parts.encode()).hexdigest()[:8]


chains.register(REPEATS, _version(), _fold, _dump)
